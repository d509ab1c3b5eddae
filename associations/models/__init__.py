"""The directory's data model, one module per part of the domain."""

from .associations import Association, AssociationQuerySet, Language, Service
from .clair import ClairOffice, Department
from .geography import Block, DesignatedCity, Prefecture
from .jet import JetPartner, JetRole, ProgrammeFact
from .sources import Correction, Source, Sourced

__all__ = [
    "Association",
    "AssociationQuerySet",
    "Block",
    "ClairOffice",
    "Correction",
    "Department",
    "DesignatedCity",
    "JetPartner",
    "JetRole",
    "Language",
    "Prefecture",
    "ProgrammeFact",
    "Service",
    "Source",
    "Sourced",
]
