from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .history import History
from .sources import Noted, Sourced


class Block(Noted, Sourced):
    """One of the six groups in which CLAIR lists the associations."""

    slug = models.SlugField(_("slug"), unique=True)
    order = models.PositiveSmallIntegerField(_("order on CLAIR's list"), unique=True)
    name_en = models.CharField(_("English name"), max_length=50)
    name_ja = models.CharField(_("Japanese name"), max_length=50)

    history = History()

    class Meta:
        ordering = ["order"]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_en="") & ~Q(name_ja=""),
                name="associations_block_names_not_empty",
            )
        ]

    def __str__(self) -> str:
        return self.name_en

    def get_absolute_url(self) -> str:
        return reverse("associations:block", kwargs={"slug": self.slug})


class PrefectureQuerySet(models.QuerySet):
    def with_association_counts(self) -> list["Prefecture"]:
        """All prefectures with their block and designated cities, each with
        `association_count`: three queries, one of them a single grouped count."""
        from .associations import Association

        counts = dict(
            Association.objects.order_by()
            .values("prefecture_id")
            .annotate(n=models.Count("*"))
            .values_list("prefecture_id", "n")
        )
        prefectures = list(self.select_related("block").prefetch_related("designated_cities"))
        for prefecture in prefectures:
            prefecture.association_count = counts.get(prefecture.pk, 0)
        return prefectures

    def in_block(self, block: Block | str) -> "PrefectureQuerySet":
        if isinstance(block, Block):
            return self.filter(block=block)
        return self.filter(block__slug=block)


class Prefecture(Noted, Sourced):
    code = models.CharField(
        _("ISO 3166-2 code"),
        max_length=5,
        unique=True,
        validators=[RegexValidator(r"^JP-(0[1-9]|[1-3][0-9]|4[0-7])$", _("Use JP-01 to JP-47."))],
    )
    slug = models.SlugField(_("slug"), unique=True)
    name_en = models.CharField(_("English name"), max_length=50)
    name_ja = models.CharField(_("Japanese name"), max_length=10)
    block = models.ForeignKey(
        Block, on_delete=models.PROTECT, related_name="prefectures", verbose_name=_("block")
    )
    block_assumed = models.BooleanField(
        _("block assumed"),
        default=False,
        help_text=_("CLAIR's list does not place this prefecture; the block is an assumption."),
    )

    objects = PrefectureQuerySet.as_manager()

    history = History()

    class Meta:
        ordering = ["code"]
        verbose_name = _("prefecture")
        verbose_name_plural = _("prefectures")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__startswith="JP-"), name="associations_prefecture_iso_code"
            ),
            models.CheckConstraint(
                condition=~Q(name_en="") & ~Q(name_ja=""),
                name="associations_prefecture_names_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return self.name_en

    def get_absolute_url(self) -> str:
        return reverse("associations:prefecture", kwargs={"slug": self.slug})


class DesignatedCityQuerySet(models.QuerySet):
    def designated_by(self, date) -> "DesignatedCityQuerySet":
        """The cities that had been designated on `date` (the count changes over time)."""
        return self.filter(designated_on__lte=date)


class DesignatedCity(Noted, Sourced):
    """An ordinance-designated city (政令指定都市)."""

    slug = models.SlugField(_("slug"), unique=True)
    name_en = models.CharField(_("English name"), max_length=50)
    name_ja = models.CharField(_("Japanese name"), max_length=10)
    prefecture = models.ForeignKey(
        Prefecture,
        on_delete=models.PROTECT,
        related_name="designated_cities",
        verbose_name=_("prefecture"),
    )
    designated_on = models.DateField(_("designated on"))

    objects = DesignatedCityQuerySet.as_manager()

    history = History()

    class Meta:
        ordering = ["designated_on", "name_en"]
        verbose_name = _("designated city")
        verbose_name_plural = _("designated cities")
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_en="") & ~Q(name_ja=""),
                name="associations_designatedcity_names_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return self.name_en

    def get_absolute_url(self) -> str:
        return reverse("associations:city", kwargs={"slug": self.slug})
