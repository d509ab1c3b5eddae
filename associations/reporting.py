"""The data report behind `manage.py check_directory`."""

import re
from dataclasses import dataclass, field

import phonenumbers
from django.apps import apps
from django.db.models import Count, F, Q
from simple_history.models import HistoricalChanges

from .linking import unknown_codes
from .models import (
    Association,
    ClairOffice,
    ConsultationCentre,
    Correction,
    Department,
    DeskHours,
    Prefecture,
    ProgrammeFact,
    Sourced,
)

# Curators' words that must not reach a public page: document ids, file names and paths of
# the data repositories, and the curators' own shorthand for how a value was reached.
STAFF_ONLY = re.compile(
    r"doc-0\d\d|\.php\b|\.txt\b|\.json\b|\.csv\b|seeds/|\bOCR\b|by analogy|github[:.]",
    re.IGNORECASE,
)

CONTACT_FIELDS = {
    "Association": ["phone", "consultation_phone", "fax", "email", "address", "website"],
    "ClairOffice": ["phone", "fax", "email", "address", "website"],
    "Department": ["phone", "fax", "email"],
    "ConsultationCentre": ["phone", "fax", "email", "address", "website"],
}

# What residents look for, per association: a label and the filter that finds it present.
COVERAGE = [
    ("phone", ~Q(phone="") | ~Q(consultation_phone="")),
    ("address", ~Q(address="")),
    ("languages", Q(languages__isnull=False)),
    ("services", Q(services__isnull=False)),
    ("website", ~Q(website="")),
    # Opening hours of one of its places, or of one of its consultation desks.
    ("hours", Q(locations__opening_hours__isnull=False) | Q(desks__hours__isnull=False)),
]
# The same for one-stop centres, whose hours and languages are the source's own text.
CENTRE_COVERAGE = {
    "phone": ~Q(phone=""),
    "address": ~Q(address=""),
    "languages": ~Q(languages_ja=""),
    "services": None,  # a centre is one service: consultation
    "website": ~Q(website=""),
    "hours": ~Q(hours=""),
}
CENTRES_COLUMN = "one-stop centres"

PHONE_FIELDS = {
    Association: ["phone", "consultation_phone", "fax"],
    ClairOffice: ["phone", "fax"],
    Department: ["phone", "fax"],
    ConsultationCentre: ["phone", "fax"],
}


def directory_models() -> list:
    """The app's own record models: not the history tables, not proxies."""
    return [
        model
        for model in apps.get_app_config("associations").get_models()
        if not model._meta.proxy and not issubclass(model, HistoricalChanges)
    ]


@dataclass
class DirectoryReport:
    counts: dict[str, int] = field(default_factory=dict)
    without_contact: list[str] = field(default_factory=list)
    discrepancies: list[str] = field(default_factory=list)
    # Dates that rest on undated pages only: stated in the page's text, to be checked.
    dates_to_check: list[str] = field(default_factory=list)
    corrections: list[str] = field(default_factory=list)
    # field -> tier -> (records with the field, records)
    coverage: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def build_report() -> DirectoryReport:
    report = DirectoryReport()
    sourced_models = directory_models()
    for model in sourced_models:
        report.counts[str(model._meta.verbose_name_plural)] = model.objects.count()

    for model in sourced_models:
        if issubclass(model, Sourced):
            for record in model.objects.annotate(n=Count("sources")).filter(n=0):
                report.errors.append(f"{model._meta.verbose_name} “{record}” has no source")

    report.coverage = coverage()
    report.errors += placeholder_dates()
    report.dates_to_check = dates_on_undated_sources()
    report.errors += unknown_codes()
    report.errors += unsourced_contacts()
    report.errors += staff_words_in_public_notes()
    report.errors += inferred_contacts()

    for model, fields in PHONE_FIELDS.items():
        for record in model.objects.all():
            for name in fields:
                number = getattr(record, name)
                if number and not phonenumbers.is_valid_number(number):
                    report.errors.append(
                        f"{model._meta.verbose_name} “{record}”: {name} {number} is not valid"
                    )

    misplaced = Association.objects.filter(designated_city__isnull=False).exclude(
        designated_city__prefecture=F("prefecture")
    )
    for association in misplaced:
        report.errors.append(
            f"association “{association}”: {association.designated_city} is not in "
            f"{association.prefecture}"
        )
    for correction in Correction.objects.select_related("content_type", "source"):
        if correction.record is None:
            report.errors.append(f"correction {correction.pk} points to a missing record")
        else:
            report.corrections.append(
                f"{correction.record}: {correction.field} “{correction.original}” → "
                f"“{correction.corrected}” ({correction.get_kind_display()}; "
                f"{correction.source.key})"
            )

    for listed, known in [("languages", "languages_known"), ("services", "services_known")]:
        unknown = Association.objects.filter(**{f"{listed}__isnull": False, known: False})
        for record in unknown.distinct():
            report.errors.append(
                f"association “{record}” lists {listed} but says they are not known"
            )
    hours = DeskHours.objects.filter(desk__location__isnull=False).select_related("desk__location")
    for span in hours.prefetch_related("desk__location__opening_hours"):
        week = list(span.desk.location.opening_hours.all())
        if week and not any(open_span.covers(span) for open_span in week):
            report.errors.append(
                f"desk “{span.desk}”: {span} is outside the hours of {span.desk.location}"
            )

    no_contact = Association.objects.filter(phone="", consultation_phone="", email="", website="")
    report.without_contact = [str(a) for a in no_contact]
    partial = Association.objects.filter(phone="", consultation_phone="").exclude(pk__in=no_contact)
    report.without_contact += [f"{a} (no phone)" for a in partial]

    listed = Association.objects.filter(list_position__isnull=False).count()
    stated = ProgrammeFact.objects.filter(
        subject=ProgrammeFact.Subject.ASSOCIATIONS, sources__key="doc-003"
    ).first()
    if stated and stated.number is not None and stated.number != listed:
        report.discrepancies.append(
            f"CLAIR's list (doc-003) says {stated.number} recognised associations but lists "
            f"{listed}; every listed name is kept."
        )
    on_list = Count("associations", filter=Q(associations__list_position__isnull=False))
    for prefecture in Prefecture.objects.annotate(n=on_list).filter(n=0):
        report.discrepancies.append(f"No association is listed for {prefecture}.")
    for prefecture in Prefecture.objects.filter(block_assumed=True):
        report.discrepancies.append(
            f"{prefecture} is in the {prefecture.block} block by assumption, not by CLAIR's list."
        )
    for association in Association.objects.exclude(listed_as="").exclude(listed_as=F("name_en")):
        report.discrepancies.append(
            f"“{association.listed_as}” on CLAIR's list is a link text; the record is named "
            f"“{association.name_en}”."
        )
    return report


def coverage() -> dict[str, dict[str, tuple[int, int] | None]]:
    """How many associations of each tier give each field (a phone of any kind counts),
    and how many one-stop centres (None where the field does not apply to them)."""
    tiers = {label: Q(tier=value) for value, label in Association.Tier.choices}
    tiers["all"] = Q()
    table: dict[str, dict[str, tuple[int, int] | None]] = {}
    centres = ConsultationCentre.objects.count()
    for name, present in COVERAGE:
        table[name] = {}
        for tier, in_tier in tiers.items():
            records = Association.objects.filter(in_tier)
            with_field = records.filter(pk__in=Association.objects.filter(present).values("pk"))
            table[name][str(tier)] = (with_field.count(), records.count())
        given = CENTRE_COVERAGE[name]
        table[name][CENTRES_COLUMN] = (
            None if given is None else (ConsultationCentre.objects.filter(given).count(), centres)
        )
    return table


def _sourced_models() -> list:
    return [m for m in directory_models() if issubclass(m, Sourced)]


def placeholder_dates() -> list[str]:
    """Dates that none of a record's sources can have stated.

    A source can state a date before its own ("as of June 2001" in a 2002 article), never
    one after it: a date later than every dated source is a stand-in, not a fact. An
    undated page can state one in its text (a member count "as of the May 2019 general
    meeting", a fiscal year's plan): such dates are listed by `dates_on_undated_sources`
    for a reviewer, not refused.
    """
    errors = []
    for model in _sourced_models():
        records = model.objects.filter(as_of__isnull=False).prefetch_related("sources")
        for record in records:
            sources = list(record.sources.all())
            if _undated_may_state(record, sources):
                continue
            if not any(s.latest_date >= record.as_of for s in sources if s.published_on):
                errors.append(
                    f"{model._meta.verbose_name} “{record}”: as of {record.as_of} is stated "
                    "by none of its sources (leave it empty: “date not stated”)"
                )
    return errors


def _undated_may_state(record, sources: list) -> bool:
    """No dated source states the date, but an undated one may, in its text."""
    dated = [s.published_on for s in sources if s.published_on]
    undated = [s for s in sources if s.published_on is None]
    return bool(undated) and not any(stated >= record.as_of for stated in dated)


def dates_on_undated_sources() -> list[str]:
    """Dates that only an undated source can state: the page's text must show them."""
    found = []
    for model in _sourced_models():
        records = model.objects.filter(as_of__isnull=False).prefetch_related("sources")
        for record in records:
            sources = list(record.sources.all())
            if _undated_may_state(record, sources):
                keys = ", ".join(s.key for s in sources if s.published_on is None)
                found.append(
                    f"{model._meta.verbose_name} “{record}”: as of {record.as_of_display} "
                    f"rests on undated {keys}"
                )
    return found


def unsourced_contacts() -> list[str]:
    errors = []
    for model in _sourced_models():
        fields = CONTACT_FIELDS.get(model.__name__, [])
        if not fields:
            continue
        has_contact = Q()
        for name in fields:
            has_contact |= ~Q(**{name: ""})
        for record in model.objects.annotate(n=Count("sources")).filter(has_contact, n=0):
            errors.append(
                f"{model._meta.verbose_name} “{record}” gives contact data without a source"
            )
    return errors


def staff_words_in_public_notes() -> list[str]:
    errors = []
    for model in _sourced_models():
        if not any(f.name == "public_note" for f in model._meta.get_fields()):
            continue
        for record in model.objects.exclude(public_note=""):
            found = STAFF_ONLY.search(record.public_note)
            if found:
                errors.append(
                    f"{model._meta.verbose_name} “{record}”: the public note names "
                    f"“{found.group(0)}”, which is for staff (move it to the staff note)"
                )
    return errors


def inferred_contacts() -> list[str]:
    """Contact values that no source shows: a correction of kind inference still in use."""
    errors = []
    inferred = Correction.objects.filter(kind=Correction.Kind.INFERENCE).select_related(
        "content_type"
    )
    for correction in inferred:
        record = correction.record
        contact = CONTACT_FIELDS.get(type(record).__name__, [])
        if record is None or correction.field not in contact or not correction.corrected:
            continue
        if str(getattr(record, correction.field)) == correction.corrected:
            errors.append(
                f"{record._meta.verbose_name} “{record}”: {correction.field} "
                f"{correction.corrected} is inferred, not shown by any source"
            )
    return errors
