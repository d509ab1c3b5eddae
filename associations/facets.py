"""Facet counts for the listing, as Datasette shows them: each choice of a filter says how
many associations it would give together with the other filters that are set."""

import copy
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.http import QueryDict
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from . import localnames
from .caching import directory_version, release, safely
from .filters import AssociationFilter
from .models import Association
from .vocabularies import vocabularies


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
    group: str = ""  # the heading it is listed under in a grouped select (its block)
    label_html: str = ""  # the label with readings as ruby (Easy Japanese), for check boxes

    def matches(self, value: str) -> bool:
        return value == self.value or value.upper() in self.aliases


@dataclass
class Facet:
    name: str
    label: str
    choices: list[FacetChoice] = field(default_factory=list)
    multiple: bool = True
    folded: bool = False  # shown closed unless one of its choices is selected
    note: str = ""

    @property
    def selected(self) -> list[FacetChoice]:
        return [c for c in self.choices if c.selected]

    @property
    def open(self) -> bool:
        return bool(self.selected) or not self.folded

    @property
    def groups(self) -> list[tuple[str, list[FacetChoice]]]:
        """The choices under their headings, headings in the order of their first choice."""
        grouped: dict[str, list[FacetChoice]] = {}
        for choice in self.choices:
            grouped.setdefault(choice.group, []).append(choice)
        return list(grouped.items())

    @property
    def as_select(self) -> bool:
        """Shown as one grouped select (47 prefectures are too many boxes for a phone)
        unless a URL chose several: then as boxes, so that none is silently dropped."""
        return any(choice.group for choice in self.choices) and len(self.selected) <= 1


class Facets(list):
    """The facets, and how many associations the filters give (`total`) when counting
    them told it (None otherwise): the listing's paginator need not count again."""

    total: int | None = None


@dataclass
class ActiveFilter:
    label: str
    value: str
    remove_url: str


def _without_facet(filterset: AssociationFilter, skip: str) -> QuerySet:
    """The listing's queryset with every valid filter applied except `skip`."""
    qs = Association.objects.all()
    for name, value in filterset.form.cleaned_data.items():
        if name in (skip, "sort"):
            continue
        qs = filterset.filters[name].filter(qs, value)
    return qs


# Facets on the association's own columns are all counted from one grouped query over
# (prefecture, tier, recognition); facets on languages and services from their link tables.
_PLACE_FACETS = ("block", "prefecture", "tier", "recognised")
_LINKED_FACETS = {"language": "languages", "service": "services"}


def _place_rows(qs: QuerySet) -> list[tuple[int, str, bool, bool, int]]:
    # Grouped by whether languages are known too, so that the same rows tell how many
    # have published their languages (see _languages_known_note).
    return list(
        qs.order_by()
        .values("prefecture_id", "tier", "mic_recognised", "languages_known")
        # COUNT(*) lets PostgreSQL answer from the covering index alone.
        .annotate(n=Count("*"))
        .values_list("prefecture_id", "tier", "mic_recognised", "languages_known", "n")
    )


def _place_key(name: str, prefecture: SimpleNamespace, tier: str, recognised: bool) -> str:
    if name == "block":
        return prefecture.block__slug
    if name == "prefecture":
        return prefecture.slug
    if name == "tier":
        return tier
    return "yes" if recognised else "no"


def _place_counts(name: str, rows, prefectures: dict[int, SimpleNamespace]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for prefecture_id, tier, recognised, _known, n in rows:
        key = _place_key(name, prefectures[prefecture_id], tier, recognised)
        counts[key] = counts.get(key, 0) + n
    return counts


def _linked_counts(name: str, qs: QuerySet, vocabulary: dict[int, str]) -> dict[str, int]:
    field = Association._meta.get_field(_LINKED_FACETS[name])
    through = field.remote_field.through
    target = f"{field.m2m_reverse_field_name()}_id"
    links = through.objects.all()
    if qs.query.has_filters():
        links = links.filter(association_id__in=qs.values("pk"))
    rows = links.values(target).annotate(n=Count("*")).values_list(target, "n")
    return {vocabulary[pk]: n for pk, n in rows}


def _known(qs: QuerySet) -> dict[str, int]:
    return qs.aggregate(total=Count("pk"), known=Count("pk", filter=Q(languages_known=True)))


def _filter_state(filterset: AssociationFilter, skip: str) -> str:
    """What a count without `skip` depends on: every other filter of the filter set as
    asked (the keyword as cleaned; the API's `modified_after` too), never the order or
    the page. Filters not set are left out, so that equal counts share their key: a
    listing filtered on one facet counts that facet over every association, as the
    unfiltered listing did (the page cache has dropped blank values)."""
    state = []
    for name in sorted(filterset.filters):
        if name in (skip, "sort"):
            continue
        if name == "q":
            values = [filterset.form.cleaned_data.get("q") or ""]
        else:
            values = sorted(set(filterset.data.getlist(name)))
        if any(values):
            state.append((name, values))
    return hashlib.sha256(repr(state).encode()).hexdigest()[:32]


def _counted(filterset: AssociationFilter, queries: dict[tuple[str, str], Callable]) -> dict:
    """Each count query's result, kept by the directory's version and the filters it
    depends on: another page or order of a listing, or another listing that shares the
    filters, counts nothing again, and any edit of the directory counts everything again
    (as it renders every page again). Read and written in one round trip each."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    # A listing with a bad filter is not counted as asked: computed, never kept.
    version = directory_version() if seconds > 0 and filterset.is_valid() else None
    if version is None:
        return {job: query() for job, query in queries.items()}
    state = f"{release()}:{version}"
    keys = {job: f"counts:{state}:{job[0]}:{_filter_state(filterset, job[1])}" for job in queries}
    kept = safely(lambda: cache.get_many(list(keys.values())), {})
    results, fresh = {}, {}
    for job, query in queries.items():
        if keys[job] in kept:
            results[job] = kept[keys[job]]
        else:
            results[job] = fresh[keys[job]] = query()
    if fresh:
        safely(lambda: cache.set_many(fresh, seconds) or True, False)
    return results


def count_facets(filterset: AssociationFilter, prefectures, languages, services) -> dict:
    """Counts for every choice of every facet, in at most seven queries (three when no
    block, prefecture, tier, recognition or language filter is set), none when they are
    kept; "total" is the number of associations the filters give, when it was counted."""
    data = filterset.form.cleaned_data
    active = {name for name in AssociationFilter.FACETS if data.get(name)}
    by_pk = {p.pk: p for p in prefectures}
    vocabularies = {
        "language": {lang.pk: lang.code for lang in languages},
        "service": {s.pk: s.slug for s in services},
    }
    queries: dict[tuple[str, str], Callable] = {}
    shared_needed = set(_PLACE_FACETS) - active or "language" not in active
    for skip in ([""] if shared_needed else []) + [f for f in _PLACE_FACETS if f in active]:
        queries["places", skip] = lambda skip=skip: _place_rows(_without_facet(filterset, skip))
    for name in _LINKED_FACETS:
        queries[name, name] = lambda name=name: _linked_counts(
            name, _without_facet(filterset, name), vocabularies[name]
        )
    if "language" in active:
        queries["known", "language"] = lambda: _known(_without_facet(filterset, "language"))
    results = _counted(filterset, queries)
    shared = results.get(("places", ""))
    counts = {}
    for name in _PLACE_FACETS:
        rows = results["places", name] if name in active else shared
        counts[name] = _place_counts(name, rows, by_pk)
    for name in _LINKED_FACETS:
        counts[name] = results[name, name]
    counts["total"] = None if shared is None else sum(row[-1] for row in shared)
    # With no language chosen, the rows of every filter are those the languages note
    # counts: it needs no query of its own.
    if "language" in active:
        counts["languages known"] = results["known", "language"]
    else:
        known = sum(row[-1] for row in shared if row[3])
        counts["languages known"] = {"total": counts["total"], "known": known}
    return counts


def _facet(
    name: str,
    label: str,
    choices: list[FacetChoice],
    counts: dict[str, int],
    chosen: set[str],
    multiple: bool = True,
    folded: bool = False,
) -> Facet:
    for choice in choices:
        choice.count = counts.get(choice.value, 0)
        choice.selected = any(choice.matches(value) for value in chosen)
    # Choices that would give nothing go last (a stable sort keeps the order within each
    # part); a chosen one stays where it was, so that it can be unticked where it is.
    choices.sort(key=lambda choice: choice.count == 0 and not choice.selected)
    return Facet(name, label, choices, multiple, folded)


def _reader_first(choices: list[FacetChoice], interface_language: str) -> list[FacetChoice]:
    """The reader's own language leads the consultation languages ("zh-hans" reads "zh")."""
    code = interface_language.split("-")[0]
    return sorted(choices, key=lambda choice: choice.value != code)


def own_language(facets: list[Facet], interface_language: str) -> FacetChoice | None:
    """The consultation language of the interface, when it is not chosen yet and would
    give some association: offered as a one-tap link above the results. Not in Japanese:
    every association answers in Japanese."""
    code = interface_language.split("-")[0]
    if code == "ja":
        return None
    for facet in facets:
        if facet.name == "language":
            for choice in facet.choices:
                if choice.value == code and choice.count and not facet.selected:
                    return choice
    return None


def _named(rows, key: str, aliases: str = "") -> list[FacetChoice]:
    """Choices labelled by name in the reader's language, with the other name beside it
    (see localnames.py). Plain text: a select's options can hold no ruby."""
    choices = []
    for row in rows:
        second, second_lang = localnames.other_name(row)
        choices.append(
            FacetChoice(
                getattr(row, key), localnames.plain_name(row), 0, False,
                detail=second, detail_lang=second_lang,
                aliases=(getattr(row, aliases),) if aliases else (),
                label_html=localnames.local_name(row),
            )
        )  # fmt: skip
    return choices


def _language_choice(language) -> FacetChoice:
    """A consultation language named in the reader's language, its own name beside it."""
    label = localnames.language_plain_name(language)
    native = language.name_native if language.name_native != label else ""
    return FacetChoice(language.code, label, 0, False, detail=native,
                       detail_lang=language.code if native else "",
                       label_html=localnames.language_name(language))  # fmt: skip


_named_kept: dict[str, tuple] = {}


def _named_choices(vocabulary: tuple) -> dict[str, list[FacetChoice]]:
    """The choices of the named facets, labelled in the interface's language, before any
    count: named once per language for each vocabulary `vocabularies()` reads (about a
    hundred names, each looked up in the reader's language, every listing otherwise).
    Each caller gets its own copies, to count and tick."""
    language = get_language() or ""
    kept = _named_kept.get(language)
    # The very lists `vocabulary` kept: any of them read again (after an edit) names anew.
    if kept is None or any(a is not b for a, b in zip(kept[0], vocabulary, strict=True)):
        blocks, prefectures, services, languages = vocabulary
        block_names = {choice.value: choice.label for choice in _named(blocks, "slug")}
        prefecture_choices = _named(prefectures, "slug", "code")
        for choice, row in zip(prefecture_choices, prefectures, strict=True):
            choice.group = block_names.get(row.block__slug, "")
        kept = _named_kept[language] = (vocabulary, {
            "block": _named(blocks, "slug"),
            "prefecture": prefecture_choices,
            "service": _named(services, "slug"),
            "language": [_language_choice(row) for row in languages],
        })  # fmt: skip
    return {name: [copy.copy(choice) for choice in choices] for name, choices in kept[1].items()}


def build_facets(filterset: AssociationFilter, interface_language: str = "en") -> Facets:
    """The facets with their counts: at most four queries for the vocabularies (none
    while they are current), and at most seven for the counts (none while they are kept),
    whatever the number of associations.

    In the order residents ask: where, in which language, for what; the kind of
    association and its recognition last and folded."""
    filterset.is_valid()  # cleans the form, if the listing has not yet
    vocabulary = vocabularies()
    _blocks, prefectures, services, languages = vocabulary
    counts = count_facets(filterset, prefectures, languages, services)

    def chosen(name: str) -> set[str]:
        return {str(v) for v in filterset.data.getlist(name)}

    named = _named_choices(vocabulary)
    recognition = filterset.filters["recognised"].extra["choices"]
    language_choices = _reader_first(named["language"], interface_language)
    language_facet = _facet("language", _("Consultation language"), language_choices,
                            counts["language"], chosen("language"))  # fmt: skip
    language_facet.note = _languages_known_note(counts["languages known"])
    facets = Facets([
        _facet("block", _("Block"), named["block"], counts["block"], chosen("block")),
        _facet("prefecture", _("Prefecture"), named["prefecture"],
               counts["prefecture"], chosen("prefecture"), folded=True),  # when as boxes
        language_facet,
        _facet("service", _("Service"), named["service"], counts["service"],
               chosen("service")),
        _facet("tier", _("Tier"), [FacetChoice(v, label, 0, False) for v, label in
               Association.Tier.choices], counts["tier"], chosen("tier"), folded=True),
        _facet("recognised", _("Recognition"), [FacetChoice(v, label, 0, False) for v, label
               in recognition], counts["recognised"], chosen("recognised"), multiple=False,
               folded=True),
    ])  # fmt: skip
    facets.total = counts["total"]
    return facets


def _languages_known_note(numbers: dict[str, int]) -> str:
    """How many of the associations the other filters give have said their languages, so
    that a short list of languages is not read as "no help in other languages"."""
    return (
        ngettext(
            "%(known)s of %(total)s association has published its languages.",
            "%(known)s of %(total)s associations have published their languages.",
            numbers["total"],
        )
        % numbers
    )


def facets_state(facets: list[Facet], query: QueryDict) -> str:
    """A digest of everything the filter form shows (templates/associations/_facets.html):
    each facet's choices with their counts and ticks, the keyword and the order. Two
    listings with the same digest show the same form, whatever else differs."""
    shown = [
        (
            facet.name, str(facet.label), facet.multiple, facet.open, facet.as_select,
            str(facet.note),
            [(c.value, str(c.label), c.count, c.selected, c.label_lang, c.detail,
              c.detail_lang, str(c.group)) for c in facet.choices],
        )
        for facet in facets
    ]  # fmt: skip
    shown.append((query.get("q"), query.get("sort")))
    return hashlib.sha256(repr(shown).encode()).hexdigest()


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


# Each suggestion costs one COUNT; a URL with many filters gets suggestions for the first few.
MAX_RELAXATIONS = 6


@dataclass
class Relaxation:
    """A filter the reader could drop, and how many associations they would then see."""

    filter: ActiveFilter
    count: int


def relaxations(active: list[ActiveFilter], queryset: QuerySet) -> list[Relaxation]:
    """For an empty listing: each filter in force that, dropped alone, would show results,
    the most results first."""
    found = []
    for item in active[:MAX_RELAXATIONS]:
        remaining = QueryDict(item.remove_url.lstrip("?"))
        filterset = AssociationFilter(remaining, queryset=queryset)
        count = filterset.qs.count() if filterset.is_valid() else 0
        if count:
            found.append(Relaxation(item, count))
    return sorted(found, key=lambda r: -r.count)
