from datetime import date, timedelta

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .history import History


def date_at_precision(value: date | None, precision: str) -> str:
    """A date written only as precisely as it is known: 2013-03-05, 2013-03 or 2013."""
    if value is None:
        return ""
    return {
        "day": value.isoformat(),
        "month": value.strftime("%Y-%m"),
        "year": str(value.year),
    }.get(precision, "")


class Source(models.Model):
    """A document or public page that facts in the directory come from."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Source document")
        PUBLIC = "public", _("Public source")

    class DatePrecision(models.TextChoices):
        DAY = "day", _("day")
        MONTH = "month", _("month")
        YEAR = "year", _("year")
        UNKNOWN = "unknown", _("undated")

    key = models.SlugField(_("key"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=10, choices=DatePrecision.choices
    )
    file_name = models.CharField(_("file name"), max_length=100, blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)

    history = History()

    class Meta:
        ordering = ["kind", "key"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.CheckConstraint(
                condition=~Q(title=""), name="associations_source_title_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(published_on__isnull=False) | Q(date_precision="unknown"),
                name="associations_source_dated_unless_unknown",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("associations:sources") + f"#{self.key}"

    @property
    def latest_date(self) -> date | None:
        """The last day its date can mean: a page dated "May 2022" may report 27 May."""
        day = self.published_on
        if day is None:
            return None
        if self.date_precision == self.DatePrecision.YEAR:
            return day.replace(month=12, day=31)
        if self.date_precision != self.DatePrecision.MONTH:
            return day
        following = day.replace(day=28) + timedelta(days=4)
        return following - timedelta(days=following.day)

    @property
    def published_display(self) -> str:
        """The publication date only as precisely as the source gives it."""
        return date_at_precision(self.published_on, self.date_precision)


class StaleEdit(Exception):
    """The record was saved by someone else since this copy of it was read."""


class Sourced(models.Model):
    """Every fact in the directory says where it came from and as of when.

    `version` counts the saves of a record, so that an editor who saves a copy that
    someone else has saved since is refused instead of overwriting their work.
    """

    class Precision(models.TextChoices):
        DAY = "day", _("day")
        MONTH = "month", _("month")
        YEAR = "year", _("year")

    sources = models.ManyToManyField(Source, verbose_name=_("sources"))
    as_of = models.DateField(
        _("as of"),
        null=True,
        blank=True,
        help_text=_(
            "The date the sources state for the facts of this record. Leave it empty when "
            "they state none: the page then says that the date is not stated."
        ),
    )
    as_of_precision = models.CharField(
        _("precision of the date"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        blank=True,
        help_text=_("How precisely the source states the date (a month is stored as its 1st)."),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding and self.pk is not None:
            # Claim the next version only if nobody has claimed it since this copy was read.
            claimed = (
                type(self)
                ._base_manager.filter(pk=self.pk, version=self.version)
                .update(version=F("version") + 1)
            )
            if not claimed:
                raise StaleEdit(f"{self._meta.verbose_name} {self.pk} was saved by someone else")
            self.version += 1
        super().save(*args, **kwargs)

    @property
    def as_of_display(self) -> str:
        """The date only as precisely as the source states it; empty when none is stated."""
        return date_at_precision(self.as_of, self.as_of_precision or self.Precision.DAY)


class Noted(models.Model):
    """A note for residents on the public page, and a note that only staff see."""

    public_note = models.TextField(
        _("public note"),
        blank=True,
        help_text=_("Shown on the public page: plain words for residents."),
    )
    staff_note = models.TextField(
        _("staff note"),
        blank=True,
        help_text=_("For staff only: shown in the admin, never on the public pages."),
    )

    class Meta:
        abstract = True


class Correction(models.Model):
    """A value that differs from what its source document says, and why."""

    class Kind(models.TextChoices):
        OCR = "ocr", _("text error corrected")
        INFERENCE = "inference", _("inferred value")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("field"), max_length=50)
    original = models.TextField(_("as the source reads"))
    corrected = models.TextField(_("value used"), blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, verbose_name=_("source"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["content_type", "object_id", "field"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "original"],
                name="associations_correction_unique_per_field",
            ),
            models.CheckConstraint(
                condition=~Q(reason=""), name="associations_correction_reason_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.record}: {self.field} “{self.original}” → “{self.corrected}”"

    def get_absolute_url(self) -> str:
        return self.record.get_absolute_url()
