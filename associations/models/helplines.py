from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .associations import Language
from .history import History
from .sources import Noted, Sourced

# Short codes (110, 119) are not numbers `phonenumbers` accepts, so the number is kept as
# dialled in Japan: digits in groups.
dialled_in_japan = RegexValidator(
    r"^[0-9]{2,5}(-[0-9]{1,6}){0,3}$", _("Write the number as dialled in Japan, e.g. 0570-011000.")
)


class HelpLineQuerySet(models.QuerySet):
    def for_display(self) -> "HelpLineQuerySet":
        return self.prefetch_related("languages", "sources")


class HelpLine(Noted, Sourced):
    """A national line a resident can call whatever their town: emergencies, and the
    government's multilingual help desks. Shown where the directory has nothing nearer."""

    class Kind(models.TextChoices):
        EMERGENCY = "emergency", _("Emergency")
        ADVICE = "advice", _("Advice")

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_en = models.CharField(_("English name"), max_length=200)
    name_ja = models.CharField(_("Japanese name"), max_length=200, blank=True)
    number = models.CharField(_("number"), max_length=20, validators=[dialled_in_japan])
    number_note = models.CharField(
        _("about the number"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the number to use from IP phones or from abroad, as the source says."),
    )
    hours = models.CharField(_("hours"), max_length=200, blank=True)
    free_call = models.BooleanField(_("free call"), null=True, blank=True)
    languages = models.ManyToManyField(Language, verbose_name=_("languages"), blank=True)
    languages_note = models.CharField(
        _("about the languages"),
        max_length=300,
        blank=True,
        help_text=_("What the source says where it lists no languages, or lists more."),
    )

    history = History(m2m_fields=["languages"])
    objects = HelpLineQuerySet.as_manager()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("national help line")
        verbose_name_plural = _("national help lines")
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_en="") & ~Q(number=""),
                name="associations_helpline_name_and_number_not_empty",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name_en} ({self.number})"

    def get_absolute_url(self) -> str:
        return reverse("associations:help_lines") + f"#{self.slug}"

    @property
    def tel(self) -> str:
        return "tel:" + self.number
