from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField

from .history import History
from .sources import Noted, Sourced


@cache
def _time_zones() -> frozenset[str]:
    # zoneinfo reads the whole time zone database from disk for this (7 ms here), and its
    # documentation asks callers to keep the answer; a new tzdata needs a restart anyway.
    return frozenset(available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in _time_zones():
        raise ValidationError(_("%(value)s is not an IANA time zone."), params={"value": value})


class ClairOffice(Noted, Sourced):
    """CLAIR's headquarters in Tokyo or one of its overseas offices."""

    class Kind(models.TextChoices):
        HEADQUARTERS = "headquarters", _("Headquarters")
        OVERSEAS = "overseas", _("Overseas office")

    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_en = models.CharField(_("English name"), max_length=200)
    name_ja = models.CharField(_("Japanese name"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100)
    country = CountryField(_("country"))
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    address_ja = models.CharField(_("address in Japanese"), max_length=300, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    fax = PhoneNumberField(_("fax"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    website_current = models.URLField(
        _("current website"),
        blank=True,
        help_text=_("Where the website has moved since the dated source."),
    )
    time_zone = models.CharField(_("time zone"), max_length=50, validators=[validate_time_zone])
    countries_covered = CountryField(_("countries covered"), multiple=True, blank=True)
    opened = models.DateField(_("opened"), null=True, blank=True)
    directions = models.TextField(_("how to get there"), blank=True)

    history = History()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("CLAIR office")
        verbose_name_plural = _("CLAIR offices")
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind="headquarters"),
                name="associations_clairoffice_one_headquarters",
            ),
            models.CheckConstraint(
                condition=~Q(name_en="") & ~Q(city=""),
                name="associations_clairoffice_names_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return self.name_en

    def get_absolute_url(self) -> str:
        return reverse("associations:office", kwargs={"slug": self.slug})

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def local_time(self, now: datetime | None = None) -> datetime:
        """The time at the office now, daylight saving included (from its IANA zone)."""
        return (now or timezone.now()).astimezone(self.zone)

    @property
    def is_headquarters(self) -> bool:
        return self.kind == self.Kind.HEADQUARTERS

    def department_eras(self) -> tuple[list["Department"], list["Department"]]:
        """The current organisation (the departments of the newest dated source) and the rest.

        CLAIR reorganises from time to time; the rows of an older source, and rows whose
        source states no date, are history a caller should not dial first.
        """
        departments = list(self.departments.all())
        dates = [d.as_of for d in departments if d.as_of]
        if not dates:
            return departments, []
        newest = max(dates)
        current = [d for d in departments if d.as_of == newest]
        return current, [d for d in departments if d.as_of != newest]


class Department(Noted, Sourced):
    """A department or division of CLAIR's headquarters, as of its document."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Department")
        DIVISION = "division", _("Division")

    office = models.ForeignKey(
        ClairOffice,
        on_delete=models.CASCADE,
        related_name="departments",
        verbose_name=_("office"),
    )
    slug = models.SlugField(_("slug"), max_length=80)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="divisions",
        verbose_name=_("department"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_en = models.CharField(_("English name"), max_length=200)
    name_ja = models.CharField(_("Japanese name"), max_length=200, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    fax = PhoneNumberField(_("fax"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    history = History()

    class Meta:
        ordering = ["office", "-as_of", "order"]
        verbose_name = _("department or division")
        verbose_name_plural = _("departments and divisions")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "slug"], name="associations_department_unique_slug"
            ),
            models.CheckConstraint(
                condition=~Q(name_en=""), name="associations_department_name_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return self.name_en

    def get_absolute_url(self) -> str:
        return self.office.get_absolute_url() + f"#{self.slug}"

    def clean(self) -> None:
        if self.parent_id and self.parent.office_id != self.office_id:
            raise ValidationError({"parent": _("The department must be in the same office.")})
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A department cannot contain itself.")})
