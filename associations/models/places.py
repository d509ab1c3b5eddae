"""Japan's municipalities and postcodes: the places residents look for associations by."""

from functools import lru_cache

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import placenames, search
from .geography import DesignatedCity, Prefecture
from .sources import Source

MAX_PLACE_RESULTS = 50


def validate_code(code: str) -> None:
    if not placenames.is_valid_code(code):
        raise ValidationError(
            _("%(code)s is not a local-government code: six digits, the last a check digit."),
            params={"code": code},
        )


@lru_cache(maxsize=4096)
def place_search_text(kind: str, name_ja: str, kana: str, romaji: str, name_en: str) -> str:
    """The names a place is found by (kept per process: a load computes 1,900 of them).
    Tokyo's special wards also by "City", as they call themselves in English."""
    aliases = [name_en.replace(" Ward", " City")] if kind == "special_ward" else []
    return search.search_text(
        name_ja, kana, romaji, placenames.without_macrons(romaji), name_en, *aliases
    )


class MunicipalityQuerySet(models.QuerySet):
    def current(self) -> "MunicipalityQuerySet":
        return self.filter(is_current=True)

    def matching(self, query: str) -> "MunicipalityQuerySet":
        """Current places whose names (kanji, kana, romaji, English) have a word starting
        with each word of the query, in no particular order (for subqueries)."""
        terms = search.query_terms(query)
        if not terms:
            return self.none()
        qs = self.current()
        for term in terms:
            qs = qs.filter(search_text__contains=term)
        return qs

    def search(self, query: str) -> "MunicipalityQuerySet":
        """`matching`, cities before their wards, wards before towns and villages."""
        return self.matching(query).by_rank()

    def by_rank(self) -> "MunicipalityQuerySet":
        kinds = Municipality.Kind
        rank = Case(
            *(When(kind=kind, then=Value(n)) for n, kind in enumerate(kinds.values)),
            output_field=IntegerField(),
        )
        return self.annotate(rank=rank).order_by("rank", "code")

    def for_pages(self) -> "MunicipalityQuerySet":
        """Preloads what a place's page and links name: its prefecture (with block), its
        designated city and parent (one join)."""
        return self.select_related("prefecture__block", "designated_city", "parent", "source")

    def in_scope_of(self, user) -> "MunicipalityQuerySet":
        """The places a branch editor may link associations to: those in their prefectures
        and designated cities (everything for HQ editors)."""
        from .. import roles

        if roles.is_hq_editor(user):
            return self
        scope = getattr(user, "editor_scope", None)
        if not roles.is_branch_editor(user) or scope is None:
            return self.none()
        return self.filter(
            Q(prefecture__in=scope.prefectures.all())
            | Q(designated_city__in=scope.designated_cities.all())
        )


class Municipality(models.Model):
    """A city, town, village, special ward of Tokyo, designated city or one of its wards,
    by its national local-government code (全国地方公共団体コード, JIS X 0402)."""

    class Kind(models.TextChoices):
        # In the order a search lists them.
        DESIGNATED_CITY = "designated_city", _("Designated city")
        CITY = "city", _("City")
        SPECIAL_WARD = "special_ward", _("Special ward of Tokyo")
        WARD = "ward", _("Ward of a designated city")
        TOWN = "town", _("Town")
        VILLAGE = "village", _("Village")

    code = models.CharField(
        _("local-government code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^\d{6}$"), validate_code],
        help_text=_("JIS X 0402, six digits with the check digit (豊田市: 232114)."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    prefecture = models.ForeignKey(
        Prefecture,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("prefecture"),
    )
    designated_city = models.ForeignKey(
        DesignatedCity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="municipalities",
        verbose_name=_("designated city"),
        help_text=_("The designated city this place is, or is a ward of."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="wards",
        verbose_name=_("city of this ward"),
    )
    name_ja = models.CharField(_("Japanese name"), max_length=30)
    name_kana = models.CharField(_("reading (kana)"), max_length=60)
    name_romaji = models.CharField(_("romaji (Hepburn)"), max_length=80)
    name_en = models.CharField(_("English name"), max_length=100)
    district_ja = models.CharField(_("district (郡)"), max_length=20, blank=True)
    district_kana = models.CharField(_("district reading"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    is_current = models.BooleanField(
        _("current"),
        default=True,
        help_text=_("Off for a code the latest data no longer has (merged or renamed)."),
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, verbose_name=_("source"))
    as_of = models.DateField(_("as of"))
    search_text = models.TextField(editable=False, blank=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        indexes = [
            models.Index(
                fields=["prefecture", "is_current", "code"], name="associations_muni_pref_idx"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_ja="") & ~Q(name_en="") & ~Q(name_kana=""),
                name="associations_municipality_names_not_empty",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["designated_city", "ward"], designated_city__isnull=False)
                | (~Q(kind__in=["designated_city", "ward"]) & Q(designated_city__isnull=True)),
                name="associations_municipality_city_fits_kind",
            ),
            models.CheckConstraint(
                condition=Q(kind="ward", parent__isnull=False)
                | (~Q(kind="ward") & Q(parent__isnull=True)),
                name="associations_municipality_wards_have_a_city",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name_en} ({self.name_ja}, {self.code})"

    def save(self, *args, **kwargs) -> None:
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("associations:place", kwargs={"key": self.slug})

    def build_search_text(self) -> str:
        return place_search_text(
            self.kind, self.name_ja, self.name_kana, self.name_romaji, self.name_en
        )

    @property
    def full_name_ja(self) -> str:
        """The name as addresses write it, with its district (沙流郡日高町)."""
        return f"{self.district_ja}{self.name_ja}"

    @property
    def place_en(self) -> str:
        """ "Toyota City, Aichi": the name and its prefecture, for a line of text."""
        return f"{self.name_en}, {self.prefecture.name_en}"

    @property
    def place_ja(self) -> str:
        return f"{self.prefecture.name_ja}{self.full_name_ja}"


class PostcodeQuerySet(models.QuerySet):
    def lookup(self, text: str) -> "PostcodeQuerySet":
        """The rows of a postcode however typed (one per municipality it spans), with their
        place; none when `text` is not a postcode. One indexed query."""
        code = placenames.normalise_postcode(text)
        if code is None:
            return self.none()
        return self.filter(code=code).select_related("municipality__prefecture")


class Postcode(models.Model):
    """A postcode (〒) and a municipality it lies in: a code that spans two municipalities
    has two rows. Large offices' own postcodes are here too."""

    class Kind(models.TextChoices):
        AREA = "area", _("Area")
        OFFICE = "office", _("Large office or post-office box")

    code = models.CharField(_("postcode"), max_length=7)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="postcodes",
        verbose_name=_("municipality"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.AREA)
    area_ja = models.CharField(_("area or office"), max_length=200, blank=True)

    objects = PostcodeQuerySet.as_manager()

    class Meta:
        ordering = ["code", "municipality"]
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        constraints = [
            # Its index (code first) serves every lookup by postcode.
            models.UniqueConstraint(
                fields=["code", "municipality"], name="associations_postcode_unique_per_place"
            ),
        ]

    def __str__(self) -> str:
        return f"〒{self.display}"

    def get_absolute_url(self) -> str:
        return self.municipality.get_absolute_url()

    @property
    def display(self) -> str:
        return placenames.display_postcode(self.code)
