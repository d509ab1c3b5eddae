from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .history import History
from .sources import Sourced


class JetRole(Sourced):
    """One of the three positions of the JET Programme."""

    class Code(models.TextChoices):
        ALT = "ALT", _("Assistant Language Teacher")
        CIR = "CIR", _("Coordinator for International Relations")
        SEA = "SEA", _("Sports Exchange Advisor")

    code = models.CharField(_("code"), max_length=3, choices=Code.choices, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_en = models.CharField(_("English name"), max_length=100)
    name_ja = models.CharField(_("Japanese name"), max_length=100, blank=True)
    description = models.TextField(_("what the role does"))

    history = History()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("JET role")
        verbose_name_plural = _("JET roles")
        constraints = [
            models.CheckConstraint(
                condition=~Q(description=""), name="associations_jetrole_description_not_empty"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name_en} ({self.code})"

    def get_absolute_url(self) -> str:
        return reverse("associations:jet") + f"#{self.code.lower()}"


class JetPartner(Sourced):
    """One of the four bodies that run the JET Programme, and its part in it."""

    slug = models.SlugField(_("slug"), unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    acronym = models.CharField(_("acronym"), max_length=10)
    name_en = models.CharField(_("English name"), max_length=200)
    role = models.TextField(_("role in the programme"))

    history = History()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("JET Programme body")
        verbose_name_plural = _("JET Programme bodies")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=""), name="associations_jetpartner_role_not_empty"
            )
        ]

    def __str__(self) -> str:
        return self.acronym

    def get_absolute_url(self) -> str:
        return reverse("associations:jet") + f"#{self.slug}"


class ProgrammeFact(Sourced):
    """A dated figure about the JET Programme, JETAA, CLAIR or the associations."""

    class Subject(models.TextChoices):
        JET = "jet", _("JET Programme")
        JETAA = "jetaa", _("JET Alumni Association")
        CLAIR = "clair", _("CLAIR")
        ASSOCIATIONS = "associations", _("International associations")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    subject = models.CharField(_("subject"), max_length=12, choices=Subject.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    label = models.CharField(_("what"), max_length=200)
    value = models.CharField(_("value"), max_length=200)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)

    history = History()

    class Meta:
        ordering = ["subject", "order", "as_of"]
        verbose_name = _("programme fact")
        verbose_name_plural = _("programme facts")
        constraints = [
            models.CheckConstraint(
                condition=~Q(label="") & ~Q(value=""),
                name="associations_programmefact_not_empty",
            )
        ]

    def __str__(self) -> str:
        when = f" ({self.as_of:%Y})" if self.as_of else ""
        return f"{self.label}: {self.value}{when}"

    def get_absolute_url(self) -> str:
        return reverse("associations:jet") + f"#{self.slug}"
