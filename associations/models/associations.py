from datetime import date, timedelta
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, F, IntegerField, Prefetch, Q, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from phonenumber_field.modelfields import PhoneNumberField

from .. import phones, search
from .geography import Block, DesignatedCity, Prefecture
from .history import History
from .places import Municipality, validate_code
from .sources import Noted, Sourced


def map_search_url(address: str, postal_code: str = "") -> str:
    """A link that opens the address in OpenStreetMap's search (nothing is embedded, and
    the reader's own map app can take over), or "" without an address."""
    if not address:
        return ""
    query = f"〒{postal_code} {address}" if postal_code else address
    return "https://www.openstreetmap.org/search?" + urlencode({"query": query})


postal_code_validator = RegexValidator(
    r"^\d{3}-\d{4}$", _("Write the postal code as 123-4567 (without 〒).")
)


# What the listing sorts by as a name: the English name, or the Japanese one where a
# municipal association has none (see AssociationQuerySet.with_sort_name).
SORT_NAME = Coalesce(NullIf("name_en", Value("")), "name_ja")

# The English names of the services in fixtures/services.json, for the catalogues: pages
# show a service's name through pgettext("service", name_en) (associations/localnames.py),
# and a service renamed or added in the admin shows in English until its name is here.
SERVICE_NAMES = [
    pgettext_lazy("service", "Consultation for foreign residents"),
    pgettext_lazy("service", "Japanese classes"),
    pgettext_lazy("service", "Translation and interpreting"),
    pgettext_lazy("service", "International events and cultural exchange"),
    pgettext_lazy("service", "Disaster support for foreign residents"),
    pgettext_lazy("service", "Volunteer interpreter network"),
    pgettext_lazy("service", "Multilingual information"),
]


class Service(models.Model):
    """Something associations offer: consultation, Japanese classes, interpreting…"""

    slug = models.SlugField(_("slug"), unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_en = models.CharField(_("English name"), max_length=100)
    name_ja = models.CharField(_("Japanese name"), max_length=100)
    description_en = models.TextField(_("description"), blank=True)

    history = History()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_en=""), name="associations_service_name_not_empty"
            )
        ]

    def __str__(self) -> str:
        return self.name_en

    def get_absolute_url(self) -> str:
        return reverse("associations:list") + f"?service={self.slug}"


class Language(models.Model):
    """A language a consultation desk handles, by its ISO 639 code (BCP 47 for Easy Japanese)."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_en = models.CharField(_("English name"), max_length=50)
    name_native = models.CharField(_("name in the language"), max_length=50)
    name_ja = models.CharField(_("Japanese name"), max_length=50)

    history = History()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_en="") & ~Q(name_native=""),
                name="associations_language_names_not_empty",
            )
        ]

    def __str__(self) -> str:
        return self.name_en

    def get_absolute_url(self) -> str:
        return reverse("associations:list") + f"?language={self.code}"


def serving_any(places: models.QuerySet) -> Q:
    """The condition on associations that serve any of `places`: the rule of
    `AssociationQuerySet.serving`, for many places at once."""
    through = Association.also_serves.through.objects.filter(municipality__in=places)
    return (
        Q(tier=Association.Tier.PREFECTURAL, prefecture__in=places.values("prefecture"))
        | Q(
            tier=Association.Tier.DESIGNATED_CITY,
            designated_city__in=places.exclude(designated_city=None).values("designated_city"),
        )
        | Q(municipality__in=places.values("pk"))
        | Q(municipality__in=places.exclude(parent=None).values("parent"))
        | Q(pk__in=through.values("association_id"))
    )


# How the API and the JSON download name the records an association links to.
API_KEYS = {"languages": "code", "services": "slug", "sources": "key", "also_serves": "code"}


class AssociationQuerySet(models.QuerySet):
    def for_directory(self) -> "AssociationQuerySet":
        """Preloads what a listing shows: place (one join) and languages and services
        (one query each)."""
        return self.select_related(
            "prefecture__block", "designated_city", "municipality"
        ).prefetch_related("languages", "services")

    def for_api(self) -> "AssociationQuerySet":
        """Preloads what the API shows (see `Association.keys_of`): place (one join) and
        the keys of the records each links to (one query a link). Into plain lists: a
        prefetched manager costs a queryset for each row and link, most of a page's time."""
        links = [
            Prefetch(
                name,
                queryset=self.model._meta.get_field(name).related_model.objects.only(key),
                to_attr=f"api_{name}",
            )
            for name, key in API_KEYS.items()
        ]
        return self.select_related(
            "prefecture__block", "designated_city", "municipality"
        ).prefetch_related(*links)

    def with_sort_name(self) -> "AssociationQuerySet":
        """`sort_name` to order by: the English name, or the Japanese one where a municipal
        association has none, so a blank name does not sort before every other."""
        return self.alias(sort_name=SORT_NAME)

    def serving(self, place: Municipality) -> "AssociationQuerySet":
        """The associations that serve `place`, nearest first: municipal associations of
        the place (or of the designated city it is a ward of) and those staff linked to it,
        then the designated city's association, then the prefecture's. Two queries (the
        staff links, then the associations); each carries `distance` (0 local, 1 city, 2
        prefecture)."""
        local = [place.pk] + ([place.parent_id] if place.parent_id else [])
        linked = Association.also_serves.through.objects.filter(municipality_id__in=local)
        # The staff links as ids, not a subquery: with plain values every part of the OR
        # below can use its index (PostgreSQL scanned the whole table otherwise).
        linked_ids = list(linked.values_list("association_id", flat=True))
        is_local = Q(municipality_id__in=local) | Q(pk__in=linked_ids)
        is_city = Q(tier=Association.Tier.DESIGNATED_CITY)
        if place.designated_city_id:
            is_city &= Q(designated_city_id=place.designated_city_id)
        else:
            is_city &= Q(pk__in=[])
        is_prefecture = Q(tier=Association.Tier.PREFECTURAL, prefecture_id=place.prefecture_id)
        distance = Case(
            When(is_local, then=Value(0)), When(is_city, then=Value(1)), default=Value(2),
            output_field=IntegerField(),
        )  # fmt: skip
        return (
            self.filter(is_local | is_city | is_prefecture)
            .annotate(distance=distance)
            .with_sort_name()
            .order_by("distance", "-mic_recognised", "sort_name", "pk")
        )

    def serving_any(self, places: models.QuerySet) -> "AssociationQuerySet":
        """The associations that serve any of `places` (a queryset of municipalities),
        by the same rule as `serving`, as subqueries."""
        return self.filter(serving_any(places))

    def search_with_places(self, query: str) -> "AssociationQuerySet":
        """`search`, or serving a place the query names: "Toyota" finds Aichi's
        association, which serves Toyota City. One query, its conditions subqueries."""
        terms = search.query_terms(query)
        if not terms:
            return self
        by_name = Q()
        for term in terms:
            by_name &= Q(search_text__contains=term)
        return self.filter(by_name | serving_any(Municipality.objects.matching(query)))

    def ids_matching(self, query: str, limit: int) -> list[int] | None:
        """The ids of `search_with_places(query)`, or None past `limit` of them.

        In four queries that can each use an index (the OR of one query cannot): by name
        (a trigram index on PostgreSQL), the places the query names, the associations that
        serve them by the rule of `serving_any` with their ids written out, and those staff
        linked to them."""
        by_name = self.search(query).order_by().values_list("pk", flat=True)
        ids = set(by_name[: limit + 1])
        places = list(
            Municipality.objects.matching(query).values_list(
                "pk", "prefecture_id", "designated_city_id", "parent_id"
            )
        )
        here = {pk for pk, _, _, _ in places} | {parent for *_, parent in places if parent}
        serving = (
            Q(tier=Association.Tier.PREFECTURAL, prefecture_id__in={p[1] for p in places})
            | Q(
                tier=Association.Tier.DESIGNATED_CITY,
                designated_city_id__in={p[2] for p in places if p[2]},
            )
            | Q(municipality_id__in=here)
        )
        # Run even with no places, so that the number of queries stays the same.
        serving |= Q(pk__in=[0]) if not places else Q()
        ids.update(self.filter(serving).order_by().values_list("pk", flat=True)[: limit + 1])
        linked = Association.also_serves.through.objects.filter(
            municipality_id__in=[pk for pk, _, _, _ in places] or [0]
        )
        ids.update(linked.values_list("association_id", flat=True)[: limit + 1])
        return sorted(ids) if len(ids) <= limit else None

    def in_block(self, block: Block | str) -> "AssociationQuerySet":
        if isinstance(block, Block):
            return self.filter(prefecture__block=block)
        return self.filter(prefecture__block__slug=block)

    def in_prefecture(self, prefecture: Prefecture) -> "AssociationQuerySet":
        return self.filter(prefecture=prefecture)

    def recognised(self) -> "AssociationQuerySet":
        return self.filter(mic_recognised=True)

    def search(self, query: str) -> "AssociationQuerySet":
        """Every term of the query must occur in the record's normalised search text."""
        qs = self
        for term in search.query_terms(query):
            qs = qs.filter(search_text__contains=term)
        return qs

    def editable_by(self, user) -> "AssociationQuerySet":
        """What `user` may change: everything for HQ editors, their scope for branch editors."""
        from .. import roles

        if roles.is_hq_editor(user):
            return self
        if roles.is_branch_editor(user):
            return self.filter(roles.scope_filter(user))
        return self.none()

    def stale(self, today: date | None = None, days: int = 365) -> "AssociationQuerySet":
        """Records not verified in the last `days` days, or never."""
        cutoff = (today or date.today()) - timedelta(days=days)
        return self.filter(Q(last_verified__isnull=True) | Q(last_verified__lt=cutoff))


class Association(Noted, Sourced):
    """An international (exchange) association."""

    class Tier(models.TextChoices):
        PREFECTURAL = "prefectural", _("Prefectural")
        DESIGNATED_CITY = "designated_city", _("Designated city")
        MUNICIPAL = "municipal", _("Municipal")

    class Size(models.TextChoices):
        # The categories of the JCIE article of 2002 (source document 000).
        LARGE = "large", _("Large municipality")
        MEDIUM = "medium", _("Medium-sized municipality")
        SMALL = "small", _("Small municipality")

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    # A municipal association's sources often give no English name: it stays empty
    # rather than be made up, and pages show the Japanese one.
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    name_ja = models.CharField(_("Japanese name"), max_length=200, blank=True)
    listed_as = models.CharField(
        _("listed as"),
        max_length=200,
        blank=True,
        help_text=_("The name exactly as CLAIR's list of International Associations gives it."),
    )
    list_position = models.PositiveSmallIntegerField(
        _("position on CLAIR's list"), null=True, blank=True, unique=True
    )
    tier = models.CharField(_("tier"), max_length=20, choices=Tier.choices)
    mic_recognised = models.BooleanField(
        _("recognised by MIC"),
        default=False,
        help_text=_(
            "Recognised by the Ministry of Internal Affairs and Communications as a "
            "regional international association (地域国際化協会)."
        ),
    )
    prefecture = models.ForeignKey(
        Prefecture,
        on_delete=models.PROTECT,
        related_name="associations",
        verbose_name=_("prefecture"),
    )
    designated_city = models.ForeignKey(
        DesignatedCity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="associations",
        verbose_name=_("designated city"),
    )
    municipality_en = models.CharField(_("municipality (English)"), max_length=100, blank=True)
    municipality_ja = models.CharField(_("municipality (Japanese)"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="own_associations",
        verbose_name=_("municipality"),
        help_text=_("A municipal association's own municipality, by its code."),
    )
    # The code as the data files give it. The files are loaded before the places (which
    # need the prefectures), so the foreign key above follows once both are there
    # (associations.linking, run by load_directory and by load_places).
    municipality_code = models.CharField(
        _("local-government code"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{6}$"), validate_code],
        help_text=_("全国地方公共団体コード, 6 digits with the check digit (linked when loaded)."),
    )
    also_serves = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="also_served_by",
        verbose_name=_("also serves"),
        help_text=_("Other municipalities this association serves (some serve several towns)."),
    )
    size_category = models.CharField(
        _("size of municipality"), max_length=10, choices=Size.choices, blank=True
    )
    services = models.ManyToManyField(
        Service, blank=True, related_name="associations", verbose_name=_("services")
    )
    languages = models.ManyToManyField(
        Language,
        blank=True,
        related_name="associations",
        verbose_name=_("consultation languages"),
    )
    # "Not known" is not "none": an empty list with these unticked means nobody has
    # checked yet, and pages say so instead of implying no help in any language.
    languages_known = models.BooleanField(
        _("languages known"),
        default=False,
        help_text=_("Tick once the consultation languages have been checked, even if none."),
    )
    services_known = models.BooleanField(
        _("services known"),
        default=False,
        help_text=_("Tick once the services have been checked, even if none."),
    )
    postal_code = models.CharField(
        _("postal code"), max_length=8, blank=True, validators=[postal_code_validator]
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    consultation_phone = PhoneNumberField(_("consultation phone"), blank=True)
    consultation_phone_note = models.CharField(
        _("about the consultation line"), max_length=200, blank=True
    )
    fax = PhoneNumberField(_("fax"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    search_text = models.TextField(editable=False, blank=True)

    objects = AssociationQuerySet.as_manager()

    history = History(m2m_fields=["languages", "services", "also_serves"])

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        indexes = [
            # The default ordering (Meta.ordering: the admin, a prefecture's associations),
            # so that a page of them needs no sort of the whole table.
            models.Index(fields=["name_en", "id"], name="associations_name_en_idx"),
            models.Index(fields=["prefecture", "name_en"], name="associations_pref_name_idx"),
            # Covers the listing's facet counts (one grouped count over these columns),
            # and with them how many have published their languages; with the key, the
            # associations the facet filters give, each language and service counted
            # among them without reading the table (PostgreSQL; SQLite's indexes hold it).
            models.Index(
                fields=["prefecture", "tier", "mic_recognised", "languages_known", "id"],
                name="associations_facets_id_idx",
            ),
            # The orderings by sort name (see with_sort_name): the listing sorted by name,
            # and a detail page's neighbours in its prefecture, read in order from the
            # index and stopped at the page's end instead of sorting every row.
            models.Index(SORT_NAME, "id", name="associations_sort_name_idx"),
            models.Index(
                "prefecture",
                F("mic_recognised").desc(),
                SORT_NAME,
                name="associations_neighbours_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_en="") | (Q(tier="municipal") & ~Q(name_ja="")),
                name="associations_association_name_not_empty",
            ),
            models.CheckConstraint(
                condition=Q(municipality_code="") | Q(municipality_code__regex=r"^[0-9]{6}$"),
                name="associations_association_municipality_code_6_digits",
            ),
            models.CheckConstraint(
                condition=Q(tier="designated_city", designated_city__isnull=False)
                | Q(tier="prefectural", designated_city__isnull=True)
                | Q(tier="municipal"),
                name="associations_association_city_fits_tier",
            ),
            models.CheckConstraint(
                condition=Q(tier="municipal") | Q(size_category=""),
                name="associations_association_size_only_municipal",
            ),
            models.CheckConstraint(
                condition=~Q(tier="municipal") | ~Q(municipality_en="") | ~Q(municipality_ja=""),
                name="associations_association_municipal_names_municipality",
            ),
            models.CheckConstraint(
                condition=Q(municipality__isnull=True) | Q(tier="municipal"),
                name="associations_association_municipality_only_municipal",
            ),
            models.CheckConstraint(
                condition=~Q(tier="municipal") | Q(mic_recognised=False),
                name="associations_association_municipal_not_recognised",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if self.municipality_id and not (self.municipality_en or self.municipality_ja):
            self.municipality_en = self.municipality.name_en
            self.municipality_ja = self.municipality.full_name_ja
        if self.municipality_id and self.municipality.code != self.municipality_code:
            # Staff picked (or changed) the place: the code follows it.
            self.municipality_code = self.municipality.code
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("associations:detail", kwargs={"slug": self.slug})

    def keys_of(self, link: str) -> list[str]:
        """The keys (API_KEYS) of the records this association links to by `link`, in
        their order: from the list `for_api()` preloaded, else asked for."""
        linked = getattr(self, f"api_{link}", None)
        if linked is None:
            linked = getattr(self, link).all()
        return [getattr(record, API_KEYS[link]) for record in linked]

    def clean(self) -> None:
        errors = {}
        if not self.name_en and not (self.tier == self.Tier.MUNICIPAL and self.name_ja):
            errors["name_en"] = _(
                "Give the English name (only a municipal association may have a Japanese "
                "name alone)."
            )
        city = self.designated_city
        if city is not None and self.prefecture_id and city.prefecture_id != self.prefecture_id:
            errors["designated_city"] = _("%(city)s lies in %(prefecture)s, not in %(chosen)s.") % {
                "city": city.name_en,
                "prefecture": city.prefecture.name_en,
                "chosen": self.prefecture.name_en,
            }
        if self.tier == self.Tier.DESIGNATED_CITY and city is None:
            errors["designated_city"] = _("A designated-city association needs its city.")
        if self.tier == self.Tier.PREFECTURAL and city is not None:
            errors["designated_city"] = _("A prefectural association serves no single city.")
        code = self.municipality_code
        if code and self.prefecture_id and f"JP-{code[:2]}" != self.prefecture.code:
            errors["municipality_code"] = _("%(code)s is not a code of %(prefecture)s.") % {
                "code": code,
                "prefecture": self.prefecture.name_en,
            }
        place = self.municipality
        if place is not None and self.prefecture_id and place.prefecture_id != self.prefecture_id:
            errors["municipality"] = _("%(place)s lies in %(prefecture)s, not in %(chosen)s.") % {
                "place": place.name_en,
                "prefecture": place.prefecture.name_en,
                "chosen": self.prefecture.name_en,
            }
        if place is not None and self.tier != self.Tier.MUNICIPAL:
            errors["municipality"] = _("Only a municipal association has its own municipality.")
        if self.tier == self.Tier.MUNICIPAL:
            if not (place or self.municipality_en or self.municipality_ja):
                errors["municipality_en"] = _("Name the municipality it serves.")
            if self.mic_recognised:
                errors["mic_recognised"] = _(
                    "MIC recognises prefectural and designated-city associations only."
                )
        elif self.size_category:
            errors["size_category"] = _("Only municipal associations have a size category.")
        if errors:
            raise ValidationError(errors)

    def build_search_text(self) -> str:
        """The normalised names this record is found by (reads its prefecture and city)."""
        place: list[str] = [self.municipality_en, self.municipality_ja]
        if self.prefecture_id:
            place += [self.prefecture.name_en, self.prefecture.name_ja]
        if self.designated_city_id:
            city = self.designated_city
            place += [city.name_en, f"{city.name_en} city", city.name_ja]
        return search.search_text(self.name_en, self.name_ja, self.listed_as, *place)

    def places_listed(self) -> models.QuerySet:
        """The places this association serves that can be named one by one: its own
        municipality, its designated city and the city's wards, and those staff added
        (one query). A prefectural association serves every municipality of its
        prefecture: the prefecture's page lists them."""
        also = Association.also_serves.through.objects.filter(association_id=self.pk)
        named = Q(pk__in=also.values("municipality_id"))
        if self.municipality_id:
            named |= Q(pk=self.municipality_id)
        if self.tier == self.Tier.DESIGNATED_CITY and self.designated_city_id:
            named |= Q(designated_city_id=self.designated_city_id, is_current=True)
        return Municipality.objects.filter(named).select_related("prefecture").by_rank()

    def neighbours(self) -> models.QuerySet:
        """The other associations of its prefecture, the MIC-recognised first."""
        return (
            Association.objects.filter(prefecture=self.prefecture_id)
            .exclude(pk=self.pk)
            .with_sort_name()
            .order_by("-mic_recognised", "sort_name")
        )

    @property
    def name(self) -> str:
        """The English name, or the Japanese one where no source gives an English name."""
        return self.name_en or self.name_ja

    @property
    def name_lang(self) -> str:
        return "en" if self.name_en else "ja"

    @property
    def area_served_en(self) -> str:
        if self.tier == self.Tier.MUNICIPAL and self.municipality_id:
            return self.municipality.place_en
        if self.tier == self.Tier.MUNICIPAL and self.municipality_en:
            return f"{self.municipality_en}, {self.prefecture.name_en}"
        if self.designated_city_id:
            return f"{self.designated_city.name_en} City, {self.prefecture.name_en}"
        return self.prefecture.name_en

    @property
    def area_served_ja(self) -> str:
        if self.tier == self.Tier.MUNICIPAL and self.municipality_id:
            return self.municipality.place_ja
        if self.tier == self.Tier.MUNICIPAL and self.municipality_ja:
            return f"{self.prefecture.name_ja}{self.municipality_ja}"
        if self.designated_city_id:
            return self.designated_city.name_ja
        return self.prefecture.name_ja

    @property
    def address_is_japanese(self) -> bool:
        return not self.address.isascii()

    @property
    def map_url(self) -> str:
        return map_search_url(self.address, self.postal_code)

    @property
    def has_contact(self) -> bool:
        numbers = (self.phone, self.consultation_phone, self.fax)
        return any(phones.present(n) for n in numbers) or bool(self.email or self.website)


class StaleAssociation(Association):
    """The associations not verified for more than a year, for the admin's worklist."""

    class Meta:
        proxy = True
        verbose_name = _("stale record")
        verbose_name_plural = _("stale records")
