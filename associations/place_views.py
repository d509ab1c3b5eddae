"""The residents' way in by place: "Your town or postcode", and a page for every place
that lists the associations serving it, nearest first."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from . import localnames, placenames, search
from .caching import cached_page, kept_for_version
from .fragments import kept_card_rows
from .models import Association, ClairOffice, ConsultationCentre, Municipality, Postcode
from .suggest import suggest

PLACE_RESULTS = 30
ASSOCIATION_RESULTS = 5


@dataclass
class PlaceSearch:
    query: str = ""
    postcode: str = ""  # the postcode asked for, as 430-0929
    postcodes: list | None = None  # its rows, one per municipality it spans
    looks_like_postcode: bool = False  # digits, but not seven of them
    places: list | None = None
    associations: list | None = None
    suggestions: list[str] | None = None

    @property
    def nothing_found(self) -> bool:
        return bool(self.query) and not (self.postcodes or self.places or self.associations)


def _suggestions(query: str) -> list[str]:
    """ "Did you mean …": the nearest place and association names (two queries)."""
    # English and Japanese names; romaji is left out, as its suffixes ("Hiroshima-shi Naka-ku")
    # read worse than the English name it spells.
    names = list(Municipality.objects.current().values_list("name_en", "name_ja"))
    # "Hiroshima City" → also "Hiroshima", what a resident types, offered first.
    candidates = [row[0].split(" ")[0] for row in names]
    candidates += [name for row in names for name in row]
    candidates += list(Association.objects.values_list("name_en", flat=True))
    return suggest(query, dict.fromkeys(candidates), limit=3)


def find(query: str) -> PlaceSearch:
    """What a query finds: a postcode's places, or places and associations by name."""
    query = query.strip()[: search.MAX_QUERY_LENGTH]
    result = PlaceSearch(query=query)
    if not query:
        return result
    code = placenames.normalise_postcode(query)
    if code is not None:
        result.postcode = placenames.display_postcode(code)
        result.postcodes = list(Postcode.objects.lookup(code))
        return result
    digits = query.replace("-", "").replace("〒", "").replace(" ", "")
    result.looks_like_postcode = digits.isascii() and digits.isdigit()
    if result.looks_like_postcode:
        return result
    result.places = list(
        Municipality.objects.search(query).select_related("prefecture")[:PLACE_RESULTS]
    )
    result.associations = list(Association.objects.search(query)[:ASSOCIATION_RESULTS])
    if not (result.places or result.associations):
        result.suggestions = _suggestions(query)
    return result


def _serves(association: Association, place: Municipality, linked: set) -> bool:
    """The rule of `AssociationQuerySet.serving`, for one association and one place."""
    tier = association.tier
    return (
        (tier == Association.Tier.PREFECTURAL and association.prefecture_id == place.prefecture_id)
        or (
            tier == Association.Tier.DESIGNATED_CITY
            and place.designated_city_id is not None
            and association.designated_city_id == place.designated_city_id
        )
        or (
            association.municipality_id is not None
            and association.municipality_id in (place.pk, place.parent_id)
        )
        or (association.pk, place.pk) in linked
    )


def explain_places(associations: list[Association], query: str) -> None:
    """Sets `reason` ("Serves Toyota City, Aichi") on each association listed because it
    serves a place the query names: one query for the places (none while they are kept
    for the keyword and the directory's version), one for staff links."""
    if not associations or not query:
        return
    places = kept_for_version(
        f"places-named:{search.terms_key(query)}",
        lambda: list(
            Municipality.objects.search(query).select_related("prefecture")[:PLACE_RESULTS]
        ),
    )
    if not places:
        return
    linked = set(
        Association.also_serves.through.objects.filter(
            association_id__in=[a.pk for a in associations],
            municipality_id__in=[p.pk for p in places],
        ).values_list("association_id", "municipality_id")
    )
    for association in associations:
        place = next((p for p in places if _serves(association, p, linked)), None)
        if place is not None:
            association.reason = _with_name(_("Serves %(place)s"), localnames.place_line(place))


@cached_page(params=("q",))
def place_search(request: HttpRequest) -> HttpResponse:
    result = find(request.GET.get("q", ""))
    if result.postcodes and len({row.municipality_id for row in result.postcodes}) == 1:
        return redirect(result.postcodes[0].municipality)
    status = 200
    return render(request, "associations/place_search.html", {"result": result}, status=status)


def _with_name(sentence: str, name: str, key: str = "place") -> str:
    """A translated sentence around a name that may be HTML (ruby in Easy Japanese)."""
    return mark_safe(escape(sentence) % {key: conditional_escape(name)})  # noqa: S308


def _reason(association: Association, place: Municipality) -> str:
    """Why an association is listed for a place, nearest first."""
    if association.distance == 0:
        return _with_name(_("A local association of %(place)s"), localnames.local_name(place))
    if association.distance == 1:
        city = localnames.local_name(place.parent or place)
        return _with_name(_("The association of all of %(city)s"), city, "city")
    prefecture = localnames.local_name(place.prefecture)
    return _with_name(_("The association of all of %(prefecture)s"), prefecture, "prefecture")


def _place_shown(places, key: str) -> tuple[Municipality, list, list]:
    place = get_object_or_404(places, slug=key)
    wards = list(place.wards.current()) if place.kind == Municipality.Kind.DESIGNATED_CITY else []
    # The place's (or its city's) one-stop centre and the prefecture's: two queries.
    centres = list(ConsultationCentre.objects.prefetch_related("sources").serving(place))
    return place, wards, centres


@cached_page
def place_detail(request: HttpRequest, key: str) -> HttpResponse:
    places = Municipality.objects.for_pages()
    if key.isdigit():
        # /places/232114/ (or the five-digit code) → the place's own address.
        code = placenames.full_code(key) if len(key) == 5 else key
        return redirect(get_object_or_404(places, code=code), permanent=True)
    # The place, its wards and its one-stop centres change only with the directory.
    place, wards, centres = kept_for_version(f"place:{key}", lambda: _place_shown(places, key))
    # The cards show languages, not services: one prefetch is enough. Who serves the place
    # changes only with the directory: kept with it, with each row's distance.
    associations = kept_card_rows(
        f"place-serving:{place.pk}",
        Association.objects.select_related(
            "prefecture", "designated_city", "municipality"
        ).prefetch_related("languages"),
        lambda associations: associations.serving(place),
    )
    for association in associations:
        association.reason = _reason(association, place)
    context = {
        "place": place,
        "associations": associations,
        "centres": centres,
        "wards": wards,
        "clair": ClairOffice.objects.filter(kind=ClairOffice.Kind.HEADQUARTERS).first()
        if not associations
        else None,
    }
    return render(request, "associations/place_detail.html", context)
