"""The data report behind `manage.py check_directory`."""

from dataclasses import dataclass, field

import phonenumbers
from django.apps import apps
from django.db.models import Count, F
from simple_history.models import HistoricalChanges

from .models import (
    Association,
    ClairOffice,
    Correction,
    Department,
    DeskHours,
    Prefecture,
    ProgrammeFact,
    Sourced,
)

PHONE_FIELDS = {
    Association: ["phone", "consultation_phone", "fax"],
    ClairOffice: ["phone", "fax"],
    Department: ["phone", "fax"],
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
    corrections: list[str] = field(default_factory=list)
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
    for prefecture in Prefecture.objects.annotate(n=Count("associations")).filter(n=0):
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
