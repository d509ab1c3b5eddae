"""Facet counts for the listing, as Datasette shows them: each choice of a filter says how
many associations it would give together with the other filters that are set."""

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .filters import AssociationFilter
from .models import Association, Block, Language, Prefecture, Service


@dataclass
class FacetChoice:
    value: str
    label: str
    count: int
    selected: bool
    label_lang: str = ""  # set when the label is in a language other than the page's
    detail: str = ""  # a second name, e.g. the Japanese name
    detail_lang: str = ""
    aliases: tuple[str, ...] = ()  # other spellings of the value in a URL (an ISO code)

    def matches(self, value: str) -> bool:
        return value == self.value or value.upper() in self.aliases


@dataclass
class Facet:
    name: str
    label: str
    choices: list[FacetChoice] = field(default_factory=list)
    multiple: bool = True

    @property
    def selected(self) -> list[FacetChoice]:
        return [c for c in self.choices if c.selected]


@dataclass
class ActiveFilter:
    label: str
    value: str
    remove_url: str


def _without_facet(filterset: AssociationFilter, skip: str) -> QuerySet:
    """The listing's queryset with every valid filter applied except `skip`."""
    qs = filterset.queryset.all()
    for name, value in filterset.form.cleaned_data.items():
        if name in (skip, "sort"):
            continue
        qs = filterset.filters[name].filter(qs, value)
    return qs


def _counts(filterset: AssociationFilter, name: str) -> dict[str, int]:
    path = AssociationFilter.FACETS[name]
    rows = (
        _without_facet(filterset, name)
        .order_by()
        .values(path)
        .annotate(n=Count("pk", distinct=True))
        .values_list(path, "n")
    )
    return {str(value): n for value, n in rows if value is not None}


def _selected(filterset: AssociationFilter, name: str) -> set[str]:
    return {str(v) for v in filterset.data.getlist(name)}


def build_facets(filterset: AssociationFilter, japanese: bool) -> list[Facet]:
    """One query per facet, whatever the number of associations."""
    facets = []

    def name_of(obj) -> tuple[str, str, str, str]:
        # In the Japanese interface the Japanese name leads; elsewhere the English one,
        # with the Japanese name beside it.
        if japanese:
            return obj.name_ja, "", obj.name_en, "en"
        return obj.name_en, "", obj.name_ja, "ja"

    counts = _counts(filterset, "block")
    chosen = _selected(filterset, "block")
    facet = Facet("block", _("Block"))
    for block in Block.objects.all():
        label, lang, detail, detail_lang = name_of(block)
        facet.choices.append(
            FacetChoice(
                block.slug,
                label,
                counts.get(block.slug, 0),
                block.slug in chosen,
                lang,
                detail,
                detail_lang,
            )
        )
    facets.append(facet)

    counts = _counts(filterset, "prefecture")
    chosen = _selected(filterset, "prefecture")
    facet = Facet("prefecture", _("Prefecture"))
    for prefecture in Prefecture.objects.all():
        label, lang, detail, detail_lang = name_of(prefecture)
        choice = FacetChoice(
            prefecture.slug,
            label,
            counts.get(prefecture.slug, 0),
            False,
            lang,
            detail,
            detail_lang,
            aliases=(prefecture.code,),
        )
        choice.selected = any(choice.matches(v) for v in chosen)
        facet.choices.append(choice)
    facets.append(facet)

    counts = _counts(filterset, "tier")
    chosen = _selected(filterset, "tier")
    facet = Facet("tier", _("Tier"))
    for value, label in Association.Tier.choices:
        facet.choices.append(FacetChoice(value, label, counts.get(value, 0), value in chosen))
    facets.append(facet)

    counts = _counts(filterset, "service")
    chosen = _selected(filterset, "service")
    facet = Facet("service", _("Service"))
    for service in Service.objects.all():
        label, lang, detail, detail_lang = name_of(service)
        facet.choices.append(
            FacetChoice(
                service.slug,
                label,
                counts.get(service.slug, 0),
                service.slug in chosen,
                lang,
                detail,
                detail_lang,
            )
        )
    facets.append(facet)

    counts = _counts(filterset, "language")
    chosen = _selected(filterset, "language")
    facet = Facet("language", _("Consultation language"))
    for language in Language.objects.all():
        facet.choices.append(
            FacetChoice(
                language.code,
                language.name_native,
                counts.get(language.code, 0),
                language.code in chosen,
                language.code,
                language.name_ja if japanese else language.name_en,
                "ja" if japanese else "en",
            )
        )
    facets.append(facet)

    counts = _counts(filterset, "recognised")
    chosen = _selected(filterset, "recognised")
    facet = Facet("recognised", _("Recognition"), multiple=False)
    for value, label in filterset.filters["recognised"].extra["choices"]:
        count = counts.get(str(value == "yes"), 0)
        facet.choices.append(FacetChoice(value, label, count, value in chosen))
    facets.append(facet)
    return facets


def active_filters(query: QueryDict, facets: list[Facet]) -> list[ActiveFilter]:
    """The filters in force, each with the URL of the same listing without it."""
    active = []
    keyword = query.get("q", "").strip()
    if keyword:
        active.append(ActiveFilter(str(_("Keyword")), keyword, _remove(query, "q", None)))
    for facet in facets:
        for choice in facet.selected:
            active.append(
                ActiveFilter(str(facet.label), choice.label, _remove(query, facet.name, choice))
            )
    return active


def _remove(query: QueryDict, name: str, choice: FacetChoice | None) -> str:
    remaining = query.copy()
    remaining.pop("page", None)
    if choice is None:
        remaining.pop(name, None)
    else:
        remaining.setlist(name, [v for v in remaining.getlist(name) if not choice.matches(v)])
    encoded = remaining.urlencode()
    return f"?{encoded}" if encoded else "?"
