"""One-stop consultation centres for foreign residents (一元的相談窓口).

A local government sets one up (often with the national subsidy) and someone runs it,
frequently the prefecture's or the city's international association. The public lists
(the Immigration Services Agency's, a prefecture's) name them as centres, not as
associations, so they are records of their own. Hours and languages are kept as the
source writes them: the lists give them as text ("月~金 9:00〜17:00 (水曜日 …)"), and
splitting them into spans would put words in the source's mouth.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from .. import phones
from .associations import postal_code_validator
from .geography import Prefecture
from .history import History
from .places import Municipality, validate_code
from .sources import Noted, Sourced


class ConsultationCentreQuerySet(models.QuerySet):
    def for_pages(self) -> "ConsultationCentreQuerySet":
        return self.select_related("prefecture", "municipality__prefecture").prefetch_related(
            "sources"
        )

    def serving(self, place: Municipality) -> "ConsultationCentreQuerySet":
        """The place's own centre (or its city's, for a ward), then the prefecture's."""
        local = [place.pk] + ([place.parent_id] if place.parent_id else [])
        return self.filter(
            Q(level=ConsultationCentre.Level.MUNICIPALITY, municipality_id__in=local)
            | Q(level=ConsultationCentre.Level.PREFECTURE, prefecture_id=place.prefecture_id)
        ).order_by("level", "municipality_code", "name_ja")

    def editable_by(self, user) -> "ConsultationCentreQuerySet":
        """Everything for HQ editors; for a branch, the centres of its prefectures and
        those its designated cities run (the rule of `roles.scope_filter`)."""
        from .. import roles

        if roles.is_hq_editor(user):
            return self
        scope = getattr(user, "editor_scope", None)
        if not roles.is_branch_editor(user) or scope is None:
            return self.none()
        return self.filter(
            Q(prefecture__in=scope.prefectures.all(), municipality__designated_city__isnull=True)
            | Q(municipality__designated_city__in=scope.designated_cities.all())
        )


class ConsultationCentre(Noted, Sourced):
    """A one-stop consultation centre for foreign residents (一元的相談窓口)."""

    class Level(models.TextChoices):
        PREFECTURE = "prefecture", _("Prefecture")
        MUNICIPALITY = "municipality", _("Municipality")

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_ja = models.CharField(_("Japanese name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    level = models.CharField(_("set up by"), max_length=12, choices=Level.choices)
    run_by_ja = models.CharField(
        _("local government"),
        max_length=100,
        blank=True,
        help_text=_("The prefecture or municipality that set the centre up."),
    )
    operator_ja = models.CharField(
        _("operator"),
        max_length=200,
        blank=True,
        help_text=_("Who runs it, where the source says (often an international association)."),
    )
    prefecture = models.ForeignKey(
        Prefecture,
        on_delete=models.PROTECT,
        related_name="consultation_centres",
        verbose_name=_("prefecture"),
    )
    municipality_ja = models.CharField(_("municipality (Japanese)"), max_length=100, blank=True)
    # The code as the source data gives it: the municipality's, or for a prefecture's
    # centre the prefecture's own (NN000 and the check digit). The foreign key follows
    # once the places are loaded (see associations.linking).
    municipality_code = models.CharField(
        _("local-government code"),
        max_length=6,
        validators=[RegexValidator(r"^\d{6}$"), validate_code],
        help_text=_("全国地方公共団体コード, 6 digits with the check digit."),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultation_centres",
        verbose_name=_("municipality"),
    )
    postal_code = models.CharField(
        _("postal code"), max_length=8, blank=True, validators=[postal_code_validator]
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    fax = PhoneNumberField(_("fax"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    hours = models.TextField(_("hours"), blank=True, help_text=_("As the source writes them."))
    languages_ja = models.TextField(
        _("languages"), blank=True, help_text=_("As the source writes them.")
    )

    objects = ConsultationCentreQuerySet.as_manager()

    history = History()

    class Meta:
        # A prefecture's own code (NN000x) sorts before its municipalities'.
        ordering = ["prefecture", "municipality_code", "name_ja"]
        verbose_name = _("one-stop consultation centre")
        verbose_name_plural = _("one-stop consultation centres")
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_ja=""), name="associations_centre_name_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(municipality_code__regex=r"^[0-9]{6}$"),
                name="associations_centre_code_6_digits",
            ),
            models.CheckConstraint(
                condition=Q(level="municipality") | Q(municipality__isnull=True),
                name="associations_centre_prefecture_has_no_municipality",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        if self.municipality_id:
            return self.municipality.get_absolute_url() + f"#centre-{self.pk}"
        return reverse("associations:prefecture", kwargs={"slug": self.prefecture.slug}) + (
            f"#centre-{self.pk}"
        )

    def clean(self) -> None:
        errors = {}
        code = self.municipality_code
        if self.prefecture_id and code and f"JP-{code[:2]}" != self.prefecture.code:
            errors["municipality_code"] = _("%(code)s is not a code of %(prefecture)s.") % {
                "code": code,
                "prefecture": self.prefecture.name_en,
            }
        elif code and self.level == self.Level.PREFECTURE and code[2:5] != "000":
            errors["municipality_code"] = _(
                "A prefecture's centre has the prefecture's own code (NN000 and a check digit)."
            )
        elif code and self.level == self.Level.MUNICIPALITY and code[2:5] == "000":
            errors["municipality_code"] = _("A municipality's centre has the municipality's code.")
        place = self.municipality
        if place is not None and self.level == self.Level.PREFECTURE:
            errors["municipality"] = _("A prefecture's centre has no municipality.")
        elif place is not None and code and place.code != code:
            errors["municipality"] = _("%(place)s has the code %(its)s, not %(code)s.") % {
                "place": place.name_en,
                "its": place.code,
                "code": code,
            }
        if errors:
            raise ValidationError(errors)

    @property
    def name(self) -> str:
        return self.name_en or self.name_ja

    @property
    def has_contact(self) -> bool:
        numbers = (self.phone, self.fax)
        return any(phones.present(n) for n in numbers) or bool(
            self.email or self.website or self.address
        )
