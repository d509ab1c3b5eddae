"""Association cards kept as rendered HTML, below the page cache (issue #14).

A listing page is twenty cards; rendered through the template engine they are most of its
cost, and they are the same on every listing that shows them (the listing with any
filters, a prefecture's, a city's, a place's page). So each card is kept in the cache,
keyed by everything it shows: the directory's version (any edit of any directory record,
its languages included, makes every card stale, as it does every page), the language of
the interface, the URL prefix, the association, and the one line a listing adds to it (why
a search listed it). One cache round trip fetches a page's cards; the missing ones are
rendered as before and stored in one more.

The cache is a help, never a need: while it cannot be reached, every card is rendered.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.template import Context
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .caching import directory_version, kept_for_version, kept_many, release, safely

CARD_TEMPLATE = "associations/_association_card.html"


# What a card's key and its "why listed" line (place_views.explain_places) read of a row.
KEY_FIELDS = ("pk", "tier", "prefecture", "designated_city", "municipality")


class Rows(list):
    """A page's associations, each with no more than its card's key needs; `whole` fetches
    the rows of the cards that are not kept, with their joins and prefetches (a page whose
    cards are all kept reads no name, phone or place of any row)."""

    whole: QuerySet | None = None


def _paths(tree: dict, prefix: str = "") -> list[str]:
    """The `select_related` names of Django's tree of them ({"prefecture": {"block": {}}})."""
    paths = []
    for name, below in tree.items():
        path = f"{prefix}{name}"
        paths.extend(_paths(below, f"{path}__") if below else [path])
    return paths


def card_rows(queryset: QuerySet) -> Rows:
    """The rows of `queryset` as the cards need them: only their keys while cards are kept
    (one narrow query), whole otherwise."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return Rows(queryset)
    rows = Rows(queryset.select_related(None).prefetch_related(None).only(*KEY_FIELDS))
    rows.whole = whole_queryset(queryset)
    return rows


def kept_card_rows(name: str, base: QuerySet, refine: Callable[[QuerySet], QuerySet]) -> Rows:
    """`card_rows(refine(base))` for rows that change only with the directory (the
    associations serving a place): their keys are kept for the directory's version under
    `name`, so that a page whose cards are kept too reads nothing. `base` says what a
    whole row joins and prefetches; `refine` filters and orders it, and is only called
    when the rows are not kept (building its query is itself a cost)."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return card_rows(refine(base))
    rows = Rows(kept_for_version(name, lambda: list(card_rows(refine(base)))))
    rows.whole = whole_queryset(base)
    return rows


def kept_page(
    name: str,
    base: QuerySet,
    refine: Callable[[QuerySet], QuerySet],
    per_page: int,
    asked: str | None,
) -> Page:
    """Page `asked` of `refine(base)` (a prefecture's associations), as `Paginator.get_page`
    gives it, its rows as `kept_card_rows` gives them: the count and each page's rows are
    kept for the directory's version, so that a page whose cards are kept reads nothing.
    Only valid page numbers name what is kept."""
    associations = refine(base)
    paginator = Paginator(associations, per_page)
    paginator.count = kept_for_version(f"{name}:count", associations.count)
    page = paginator.get_page(asked)
    page.object_list = kept_card_rows(f"{name}:{page.number}", base, lambda _: page.object_list)
    return page


def whole_queryset(queryset: QuerySet) -> QuerySet:
    """The model's rows with the joins and prefetches of `queryset`, not its filters."""
    related = queryset.query.select_related
    whole = queryset.model._default_manager.prefetch_related(*queryset._prefetch_related_lookups)
    if isinstance(related, dict):
        whole = whole.select_related(*_paths(related))
    elif related:
        whole = whole.select_related()
    return whole


def _whole(rows: Rows, missing: list) -> dict:
    """`missing`, rows of `rows`, fetched whole by primary key (one query and the
    prefetches), keeping what the view set on them (why a search listed each, its
    distance). A row deleted since the page was read is not there."""
    fetched = {row.pk: row for row in rows.whole.filter(pk__in=[row.pk for row in missing])}
    for row in missing:
        if row.pk in fetched:
            for name, value in vars(row).items():
                vars(fetched[row.pk]).setdefault(name, value)
    return fetched


def _prefix() -> str:
    # What every fragment depends on besides its own content: the interface's language
    # (its words and its URLs' prefix) and where the site is mounted.
    return f"{get_language() or ''}:{get_script_prefix()}"


def _card_key(version: int, prefix: str, association) -> str:
    reason = getattr(association, "reason", "") or ""
    extra = hashlib.sha256(str(reason).encode()).hexdigest()[:16] if reason else "-"
    return f"card:{release()}:{version}:{prefix}:{association.pk}:{extra}"


def render_cards(context: Context, associations_given) -> SafeString:
    """The cards of `associations_given`, in order, each as `{% include CARD_TEMPLATE %}`
    would render it in `context`. Given `Rows`, only the cards not kept are fetched whole."""
    associations = list(associations_given)
    seconds = settings.FRAGMENT_CACHE_SECONDS
    version = directory_version() if seconds > 0 and associations else None
    keys: list[str] = []
    kept: dict[str, str] = {}
    if version is not None:
        prefix = _prefix()
        keys = [_card_key(version, prefix, association) for association in associations]
        kept = safely(lambda: cache.get_many(keys), {})
    shown = list(zip(associations, keys or [None] * len(associations), strict=True))
    missing = [association for association, key in shown if key not in kept]
    if missing and getattr(associations_given, "whole", None) is not None:
        fetched = _whole(associations_given, missing)
        shown = [(a, key) if key in kept else (fetched.get(a.pk), key) for a, key in shown]
        shown = [(a, key) for a, key in shown if a is not None]
        associations_given[:] = [a for a, _ in shown]  # what else reads them reads them whole
    template = context.template.engine.get_template(CARD_TEMPLATE)
    cards, fresh = [], {}
    for association, key in shown:
        card = kept.get(key) if key else None
        if card is None:
            with context.push(association=association):
                card = template.render(context)
            if key:
                fresh[key] = str(card)
        cards.append(card)
    if fresh:
        safely(lambda: cache.set_many(fresh, seconds) or True, False)
    return mark_safe("".join(cards))


def render_kept(context: Context, template_name: str, state: str, **names) -> SafeString:
    """`{% include template_name with names %}` in `context`, kept in the cache under `state`
    and `names`: a digest of everything else in the context the template shows (see
    facets.facets_state), or what names the records it shows (an office's slug)."""

    def render() -> str:
        template = context.template.engine.get_template(template_name)
        with context.push(**names):
            return str(template.render(context))

    # No state (a listing that could not be shown as asked): rendered, never kept, so that
    # made-up filter values cannot fill the cache.
    if not state:
        return mark_safe(render())
    key = _fragment_key(template_name, state, names)
    preloaded = getattr(context.get("request"), PRELOADED, {})
    if key in preloaded:
        return mark_safe(preloaded[key])
    return mark_safe(kept_for_version(key, render))


def preload_kept(context: Context, records, attribute: str, *template_names: str, **names) -> str:
    """Reads in one round trip what `{% kept_include template_name record.attribute names %}`
    will ask for each of `template_names` and each of `records` (an office list's offices,
    or one association): otherwise one round trip each. What is found is kept on the
    request, which a page renders once."""
    request = context.get("request")
    if request is None:
        return ""
    if hasattr(records, attribute):
        records = [records]
    states = [str(getattr(record, attribute)) for record in records]
    keys = [_fragment_key(name, state, names) for name in template_names for state in states]
    vars(request).setdefault(PRELOADED, {}).update(kept_many(keys))
    return ""


# Where preload_kept leaves what it read, on the request.
PRELOADED = "kept_preloaded"


def _fragment_key(template_name: str, state: str, names: dict) -> str:
    state = ":".join([state, *(f"{name}={value}" for name, value in sorted(names.items()))])
    return f"fragment:{_prefix()}:{template_name}:{state}"
