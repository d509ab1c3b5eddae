"""The directory's data model, one module per part of the domain."""

from .associations import (
    Association,
    AssociationQuerySet,
    Language,
    Service,
    StaleAssociation,
)
from .centres import ConsultationCentre, ConsultationCentreQuerySet
from .clair import ClairOffice, Department
from .desks import Desk, DeskHours, Location, OpeningHours, SocialLink, Weekday
from .editors import EditorScope
from .geography import Block, DesignatedCity, Prefecture
from .helplines import HelpLine
from .jet import JetPartner, JetRole, ProgrammeFact
from .places import Municipality, Postcode
from .reports import Report
from .sources import Correction, Noted, Source, Sourced, StaleEdit

__all__ = [
    "Association",
    "AssociationQuerySet",
    "Block",
    "ClairOffice",
    "ConsultationCentre",
    "ConsultationCentreQuerySet",
    "Correction",
    "Department",
    "Desk",
    "DeskHours",
    "EditorScope",
    "HelpLine",
    "DesignatedCity",
    "JetPartner",
    "JetRole",
    "Language",
    "Municipality",
    "Postcode",
    "Location",
    "OpeningHours",
    "Noted",
    "Prefecture",
    "ProgrammeFact",
    "Report",
    "Service",
    "SocialLink",
    "Source",
    "Sourced",
    "StaleAssociation",
    "StaleEdit",
    "Weekday",
]
