"""The directory's data model, one module per part of the domain."""

from .associations import (
    Association,
    AssociationQuerySet,
    Language,
    Service,
    StaleAssociation,
)
from .clair import ClairOffice, Department
from .editors import EditorScope
from .geography import Block, DesignatedCity, Prefecture
from .jet import JetPartner, JetRole, ProgrammeFact
from .reports import Report
from .sources import Correction, Noted, Source, Sourced, StaleEdit

__all__ = [
    "Association",
    "AssociationQuerySet",
    "Block",
    "ClairOffice",
    "Correction",
    "Department",
    "EditorScope",
    "DesignatedCity",
    "JetPartner",
    "JetRole",
    "Language",
    "Noted",
    "Prefecture",
    "ProgrammeFact",
    "Report",
    "Service",
    "Source",
    "Sourced",
    "StaleAssociation",
    "StaleEdit",
]
