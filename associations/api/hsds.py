"""The Open Referral HSDS 3.0 API under /api/hsds/: the paths, parameters and paged answers
of the spec's OpenAPI file (tests/schemas/hsds/openapi.json), read-only.

Lists page with `page` and `per_page` and answer with the spec's `Page` fields and
`contents`; `format=ndjson` streams every item instead, as the spec's `format` parameter
describes. Parameters the spec declares and the directory cannot answer (`proximity`,
`minimal`) are refused with a 400 that says so, rather than ignored. Each list or record
takes a fixed number of queries however many rows it shows.
"""

import math
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, time

from django.db.models import Model, QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ParseError
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import hsds, placenames, search
from ..models import Association, Desk, Municipality, Postcode, Service
from ..models.desks import JAPAN
from . import ndjson
from .pagination import positive_int

PER_PAGE = 50
MAX_PER_PAGE = 500
FORMATS = ("json", "ndjson", "api")


def _flag(request, name: str) -> bool:
    value = request.query_params.get(name)
    if value is None:
        return False
    if value not in ("true", "false"):
        raise ParseError(_("%(name)s must be true or false.") % {"name": name})
    return value == "true"


def _uuid(request, name: str) -> str | None:
    value = request.query_params.get(name)
    if value is None:
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ParseError(_("%(name)s must be a UUID.") % {"name": name}) from None


def _modified_after(request) -> datetime | None:
    value = request.query_params.get("modified_after")
    if value is None:
        return None
    try:
        moment = parse_datetime(value)
        day = None if moment else parse_date(value)
    except ValueError:
        moment = day = None
    if day is not None:
        moment = datetime.combine(day, time())
    if moment is None:
        raise ParseError(
            _(
                "modified_after must be a date (2025-04-01) "
                "or a date and time (2025-04-01T09:00+09:00)."
            )
        )
    # Without an offset, a time is read as Japan time, as everything in the directory is.
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=JAPAN)
    # In UTC: PostgreSQL refuses offsets past 15:59, which Python reads. An instant
    # before the year 1 or after 9999 in UTC is before or after every record.
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        return (
            datetime.min.replace(tzinfo=UTC)
            if moment.year == 1
            else datetime.max.replace(tzinfo=UTC)
        )


class HSDSView(APIView):
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, ndjson.NDJSONRenderer]
    # Parameters of the spec that this view answers; the other spec parameters of its
    # path are refused (see the module's docstring).
    unsupported: tuple[str, ...] = ()

    def initial(self, request, *args, **kwargs) -> None:
        if request.query_params.get("format", "json") not in FORMATS:
            raise ParseError(_("format must be json or ndjson."))
        for name in self.unsupported:
            if name in request.query_params:
                raise ParseError(_("%(name)s is not supported by this API.") % {"name": name})
        # Checked before any query, so that a bad page costs nothing.
        self.per_page = self._number(request, "per_page", PER_PAGE, MAX_PER_PAGE)
        self.page = self._number(request, "page", 1, None)
        super().initial(request, *args, **kwargs)

    def paged(self, request, items, render: Callable) -> Response | StreamingHttpResponse:
        """A page of `items` (a list or a queryset) as HSDS `Page` fields and `contents`, or
        with `format=ndjson` every item, one a line."""
        page, per_page = self.page, self.per_page
        if request.accepted_renderer.format == ndjson.NDJSONRenderer.format:
            return StreamingHttpResponse(
                (ndjson._line(render(item)) for item in items), content_type=ndjson.MEDIA_TYPE
            )
        total = items.count() if isinstance(items, QuerySet) else len(items)
        pages = max(1, math.ceil(total / per_page))
        if page > pages:
            raise NotFound(_("Invalid page: there are %(pages)s.") % {"pages": pages})
        shown = list(items[(page - 1) * per_page : page * per_page])
        return Response(
            {
                "total_items": total,
                "total_pages": pages,
                "page_number": page,
                "size": len(shown),
                "first_page": page == 1,
                "last_page": page == pages,
                "empty": total == 0,
                "contents": [render(item) for item in shown],
            }
        )

    @staticmethod
    def _number(request, name: str, default: int, maximum: int | None) -> int:
        value = request.query_params.get(name)
        return default if value is None else positive_int(value, name, maximum)


def _by_id(ids: dict[str, Model], id_: str) -> Model:
    try:
        return ids[str(uuid.UUID(id_))]
    except (KeyError, ValueError):
        raise NotFound(_("No record has this id.")) from None


def _found(found):
    """`found` (a record, or the key hsds.find_key found), or a 404 for None."""
    if found is None:
        raise NotFound(_("No record has this id."))
    return found


def _organization_keys():
    for pk, slug in Association.objects.values_list("pk", "slug"):
        yield ("association", slug), pk


def _service_keys():
    """A service is a desk, or a service an association offers: the association's key."""
    for pk, association in Desk.objects.values_list("pk", "association_id"):
        yield ("desk", pk), association
    offers = Association.services.through.objects.values_list(
        "association_id", "association__slug", "service__slug"
    )
    for pk, slug, service in offers:
        yield ("service", slug, service), pk


def _service_at_location_keys():
    desks = Desk.objects.exclude(location=None).values_list("pk", "association_id")
    for pk, association in desks:
        yield ("service_at_location", pk), (pk, association)


def _terms() -> dict[str, Service]:
    return {term.slug: term for term in Service.objects.all()}


def _query(request) -> str:
    query = request.query_params.get("search", "")
    if len(query) > search.MAX_QUERY_LENGTH or "\x00" in query:
        raise ParseError(
            _("search must be at most %(max)s characters of text.")
            % {"max": search.MAX_QUERY_LENGTH}
        )
    return query.strip()


def _search(request, keys: list, terms: dict[str, Service]) -> list:
    """Services whose organization the directory's search finds, or whose own names match:
    a desk's and the consultation's, or the offered service's."""
    query = _query(request)
    if not query:
        return keys
    words = search.query_terms(query)
    found = set(Association.objects.search_with_places(query).values_list("pk", flat=True))

    def named(*names: str) -> bool:
        text = search.search_text(*names)
        return bool(words) and all(word in text for word in words)

    consultation = terms.get(hsds.CONSULTATION)
    also = (consultation.name_en, consultation.name_ja) if consultation else ("", "")
    desks = {pk: named(name, *also) for pk, name in Desk.objects.values_list("pk", "name")}
    offers = {term.pk: named(term.name_en, term.name_en, term.name_ja) for term in terms.values()}
    return [
        (association, desk, offer)
        for association, desk, offer in keys
        if association in found or (desks.get(desk) if desk is not None else offers.get(offer))
    ]


def _term_of(key: hsds.ServiceKey, consultation: Service | None) -> int | None:
    """The key of a service's term: a desk's is the consultation's, an offer's its own."""
    return (consultation.pk if consultation else None) if key[1] is not None else key[2]


def _filter_services(request, keys: list, terms: dict[str, Service]) -> list:
    """The services filters of the spec, cumulative (AND) as it requires, on the services'
    keys (hsds.service_keys)."""
    organization = _uuid(request, "organization_id")
    term = _uuid(request, "taxonomy_term_id")
    taxonomy = _uuid(request, "taxonomy_id")
    after = _modified_after(request)
    consultation = terms.get(hsds.CONSULTATION)
    if organization:
        pk = hsds.find_key("organization", organization, _organization_keys)
        keys = [key for key in keys if key[0] == pk]
    if term:
        named = {t.pk for t in terms.values() if hsds.term_id(t) == term}
        keys = [key for key in keys if _term_of(key, consultation) in named]
    if taxonomy:
        # The directory has one taxonomy: another one's id finds nothing.
        ours = taxonomy == hsds.TAXONOMY_ID
        keys = [key for key in keys if ours and _term_of(key, consultation) is not None]
    if after:
        # Changed since: a desk by its own history, an offer by its association's.
        desks = set(Desk.history.filter(history_date__gte=after).values_list("id", flat=True))
        associations = Association.history.filter(history_date__gte=after)
        associations = set(associations.values_list("id", flat=True))
        keys = [
            key
            for key in keys
            if (key[1] in desks if key[1] is not None else key[0] in associations)
        ]
    return _search(request, keys, terms)


ROOT_SCHEMA = {
    "type": "object",
    "properties": {
        "version": {"type": "string"},
        "profile": {"type": "string", "format": "uri"},
        "openapi_url": {"type": "string", "format": "uri"},
    },
    "required": ["version", "profile", "openapi_url"],
}
PAGE_SCHEMA = {
    "type": "object",
    "description": "An HSDS Page: see the spec's OpenAPI file.",
    "properties": {
        "total_items": {"type": "integer"},
        "total_pages": {"type": "integer"},
        "page_number": {"type": "integer"},
        "size": {"type": "integer"},
        "first_page": {"type": "boolean"},
        "last_page": {"type": "boolean"},
        "empty": {"type": "boolean"},
        "contents": {"type": "array", "items": {"type": "object"}},
    },
}
RECORD_SCHEMA = {"type": "object", "description": "An HSDS object: see the spec's schemas."}


_UUID = {"type": "string", "format": "uuid"}
PARAMETER_SCHEMAS = {
    "search": {"type": "string", "maxLength": search.MAX_QUERY_LENGTH},
    "page": {"type": "integer", "minimum": 1},
    "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
    "format": {"type": "string", "enum": ["json", "ndjson"]},
    "full": {"type": "boolean"},
    "full_service": {"type": "boolean"},
    "top_only": {"type": "boolean"},
    "modified_after": {"type": "string", "format": "date-time"},
    "organization_id": _UUID,
    "taxonomy_id": _UUID,
    "taxonomy_term_id": _UUID,
    "parent_id": _UUID,
    "postcode": {"type": "string", "pattern": r"^〒?[0-9]{3}-?[0-9]{4}$"},
}
PARAMETER_HELP = {
    "search": "Words to find in the names of the organization, service or term.",
    "page": "A page number, from 1; past the last page is a 404.",
    "per_page": f"Items per page, from 1 to {MAX_PER_PAGE} (default {PER_PAGE}).",
    "format": "json (pages) or ndjson (every item, one a line, no pages).",
    "full": "true: each item in full, with its nested objects.",
    "full_service": "true: the organization's services in full.",
    "modified_after": "Only what changed on or after this time (a time without an offset "
    "is read as Japan time; a date alone is its midnight).",
    "postcode": "Only the desks of associations that serve the place of this postcode.",
    "organization_id": "Only the services of this organization.",
    "taxonomy_id": "Only what has a term of this taxonomy.",
    "taxonomy_term_id": "Only the services with this taxonomy term.",
    "parent_id": "Only the terms under this one (the vocabulary is flat: none).",
    "top_only": "Only the terms at the top (the vocabulary is flat: all of them).",
}


def _parameters(*names: str) -> list[OpenApiParameter]:
    return [
        OpenApiParameter(
            name, PARAMETER_SCHEMAS.get(name, _UUID), description=PARAMETER_HELP.get(name, "")
        )
        for name in names
    ]


# Operation ids are the spec's (its two for taxonomy_terms are swapped there: set right).
PAGING = ("search", "page", "per_page", "format")


class Root(HSDSView):
    @extend_schema(
        operation_id="getAPIMetaInformation",
        summary="HSDS: about this API",
        description="The HSDS version this API follows, its profile and its OpenAPI file.",
        responses={200: ROOT_SCHEMA},
    )
    def get(self, request):
        return Response(
            {
                "version": hsds.HSDS_VERSION,
                "profile": hsds.PROFILE_URL,
                "openapi_url": hsds.OPENAPI_URL,
            }
        )


class Organizations(HSDSView):
    @extend_schema(
        operation_id="getPaginatedListOfOrganizations",
        summary="HSDS organizations: the associations",
        parameters=_parameters(*PAGING, "full", "full_service"),
        responses={200: PAGE_SCHEMA},
    )
    def get(self, request):
        full, full_service = _flag(request, "full"), _flag(request, "full_service")
        queryset = hsds.associations() if full or full_service else _light()
        query = _query(request)
        if query:
            queryset = queryset.search_with_places(query)
        terms = _terms() if full or full_service else {}

        def render(association):
            if full or full_service:
                return hsds.organization_full(association, request, terms, full_service)
            return hsds.organization(association, request)

        return self.paged(request, queryset, render)


def _light():
    return Association.objects.select_related(
        "prefecture", "designated_city", "municipality__prefecture"
    ).order_by("name_en", "pk")


class Organization(HSDSView):
    @extend_schema(
        operation_id="getOrganizationById",
        summary="HSDS organization: one association in full",
        parameters=_parameters("full_service"),
        responses={200: RECORD_SCHEMA},
    )
    def get(self, request, id):
        full_service = _flag(request, "full_service")
        pk = _found(hsds.find_key("organization", id, _organization_keys))
        association = _found(hsds.associations().filter(pk=pk).first())
        return Response(hsds.organization_full(association, request, _terms(), full_service))


SERVICE_FILTERS = ("taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after")


class Services(HSDSView):
    unsupported = ("minimal",)

    @extend_schema(
        operation_id="getPaginatedListOfServices",
        summary="HSDS services: consultation desks and the services associations offer",
        parameters=_parameters(*PAGING, *SERVICE_FILTERS, "full"),
        responses={200: PAGE_SCHEMA},
    )
    def get(self, request):
        full = _flag(request, "full")
        terms = _terms()
        keys = _filter_services(request, hsds.kept_service_keys(), terms)
        rows = hsds.ServiceRows(keys, terms)

        def render(row):
            return hsds.service_full(row, request, terms) if full else hsds.service(row, request)

        return self.paged(request, rows, render)


class ServiceDetail(HSDSView):
    @extend_schema(
        operation_id="getFullyNestedServiceById",
        summary="HSDS service in full",
        responses={200: RECORD_SCHEMA},
    )
    def get(self, request, id):
        pk = _found(hsds.find_key("service", id, _service_keys))
        terms = _terms()
        association = _found(hsds.associations().filter(pk=pk).first())
        rows = hsds.service_rows([association], terms)
        row = _found(next((r for r in rows if r.id == str(uuid.UUID(id))), None))
        return Response(hsds.service_full(row, request, terms))


class ServiceAtLocations(HSDSView):
    unsupported = ("proximity",)

    @extend_schema(
        operation_id="getPaginatedListOfServiceAtLocation",
        summary="HSDS service_at_locations: consultation desks at their locations",
        parameters=_parameters(*PAGING, *SERVICE_FILTERS, "full", "postcode"),
        responses={200: PAGE_SCHEMA},
    )
    def get(self, request):
        full = _flag(request, "full")
        terms = _terms()
        postcode = request.query_params.get("postcode")
        if postcode is None:
            keys = hsds.kept_service_keys(at_locations=True)
        else:
            code = placenames.normalise_postcode(postcode)
            if code is None:
                raise ParseError(_("postcode must be seven digits, like 430-0929."))
            places = Municipality.objects.filter(
                pk__in=Postcode.objects.lookup(code).values("municipality_id")
            )
            serving = Association.objects.serving_any(places)
            keys = hsds.service_keys(serving, at_locations=True)
        rows = hsds.ServiceRows(_filter_services(request, keys, terms), terms)
        return self.paged(
            request,
            rows,
            lambda row: hsds.service_at_location(row.desk, request, terms, full=full),
        )


class ServiceAtLocation(HSDSView):
    @extend_schema(
        operation_id="getServiceAtLocationWithNestedDataById",
        summary="HSDS service_at_location in full",
        responses={200: RECORD_SCHEMA},
    )
    def get(self, request, id):
        desk_pk, association_pk = _found(
            hsds.find_key("service_at_location", id, _service_at_location_keys)
        )
        association = _found(hsds.associations().filter(pk=association_pk).first())
        desk = _found(next((desk for desk in association.desks.all() if desk.pk == desk_pk), None))
        return Response(hsds.service_at_location(desk, request, _terms(), full=True))


class Taxonomies(HSDSView):
    @extend_schema(
        operation_id="getPaginatedListOfTaxonomies",
        summary="HSDS taxonomies",
        parameters=_parameters(*PAGING),
        responses={200: PAGE_SCHEMA},
    )
    def get(self, request):
        query = _query(request).casefold()
        found = [hsds.taxonomy(request)]
        if query:
            found = [t for t in found if query in f"{t['name']} {t['description']}".casefold()]
        return self.paged(request, found, lambda taxonomy: taxonomy)


class Taxonomy(HSDSView):
    @extend_schema(
        operation_id="getTaxonomyById", summary="HSDS taxonomy", responses={200: RECORD_SCHEMA}
    )
    def get(self, request, id):
        _by_id({hsds.TAXONOMY_ID: None}, id)
        return Response(hsds.taxonomy(request))


class TaxonomyTerms(HSDSView):
    @extend_schema(
        operation_id="getPaginatedListOfTaxonomyTerms",
        summary="HSDS taxonomy terms: the directory's services vocabulary",
        parameters=_parameters(*PAGING, "taxonomy_id", "top_only", "parent_id"),
        responses={200: PAGE_SCHEMA},
    )
    def get(self, request):
        taxonomy = _uuid(request, "taxonomy_id")
        parent = _uuid(request, "parent_id")
        _flag(request, "top_only")  # every term is at the top: the vocabulary is flat
        terms = list(Service.objects.all())
        if (taxonomy and taxonomy != hsds.TAXONOMY_ID) or parent:
            terms = []
        query = _query(request)
        if query:
            words = search.query_terms(query)
            terms = [
                t
                for t in terms
                if words
                and all(
                    w in search.search_text(t.name_en, t.name_ja, t.description_en, longest=None)
                    for w in words
                )
            ]
        return self.paged(request, terms, lambda term: hsds.taxonomy_term(term, request))


class TaxonomyTerm(HSDSView):
    @extend_schema(
        operation_id="getTaxonomyTermById",
        summary="HSDS taxonomy term",
        responses={200: RECORD_SCHEMA},
    )
    def get(self, request, id):
        terms = {hsds.term_id(term): term for term in Service.objects.all()}
        return Response(hsds.taxonomy_term(_by_id(terms, id), request))
