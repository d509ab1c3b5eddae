"""The read-only JSON API: the directory's records, with the listing's filters."""

from datetime import datetime

from django.db.models import Max, Model
from django.http import HttpRequest, JsonResponse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import api_view
from rest_framework.exceptions import ParseError
from rest_framework.response import Response
from rest_framework.settings import api_settings

from .. import placenames
from ..facets import build_facets
from ..filters import PlaceFilter
from ..models import (
    Association,
    Block,
    ClairOffice,
    DesignatedCity,
    JetRole,
    Municipality,
    Postcode,
    Prefecture,
)
from . import ndjson, serializers
from . import schema as _schema  # noqa: F401 - registers the filters' schema extension
from .filtering import APIAssociationFilter, FilterBackend
from .pagination import AssociationPagination


class RecordViewSet(viewsets.ReadOnlyModelViewSet):
    """What every record list and record shares: NDJSON bulk reads and Last-Modified."""

    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, ndjson.NDJSONRenderer]

    def initial(self, request, *args, **kwargs) -> None:
        if request.query_params.get("format", None) == "":
            raise ParseError(_("format must be json or ndjson."))
        super().initial(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format == ndjson.NDJSONRenderer.format:
            # Every row: page and page_size do not apply, but a malformed one is refused.
            if self.paginator is not None:
                self.paginator.check(request)
            queryset = self.filter_queryset(self.get_queryset())
            context = self.get_serializer_context()
            serializer = self.get_serializer_class()(context=context)
            return ndjson.stream(queryset, serializer.to_representation)
        return super().list(request, *args, **kwargs)

    def get_serializer(self, *args, **kwargs):
        if args:
            self.shown = args[0]
        return super().get_serializer(*args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        shown = getattr(self, "shown", None)
        if response.status_code == 200 and shown is not None and not response.streaming:
            modified = last_modified(self.queryset.model, shown)
            if modified is not None:
                # ConditionalGetMiddleware answers If-Modified-Since with a 304 from it.
                response["Last-Modified"] = http_date(modified.timestamp())
        return response


def last_modified(model: type[Model], shown: Model | list[Model]) -> datetime | None:
    """The latest change, in the record history, of the records shown (one query)."""
    records = shown if isinstance(shown, list | tuple) else [shown]
    pks = [record.pk for record in records]
    history = getattr(model, "history", None)  # a model without a record history: no date
    if not pks or history is None:
        return None
    return history.filter(id__in=pks).aggregate(latest=Max("history_date"))["latest"]


class BlockViewSet(RecordViewSet):
    queryset = Block.objects.all()
    serializer_class = serializers.BlockSerializer
    lookup_field = "slug"


class PrefectureViewSet(RecordViewSet):
    queryset = Prefecture.objects.select_related("block")
    serializer_class = serializers.PrefectureSerializer
    lookup_field = "slug"


class DesignatedCityViewSet(RecordViewSet):
    queryset = DesignatedCity.objects.select_related("prefecture")
    serializer_class = serializers.DesignatedCitySerializer
    lookup_field = "slug"


FACETS_PARAMETER = OpenApiParameter(
    "facets",
    OpenApiTypes.STR,
    enum=["true", "false"],
    description=(
        "With true, the answer has a `facets` object: for each filter, how many associations "
        "each of its values would give with the other filters set (as the listing shows)."
    ),
)


@extend_schema_view(list=extend_schema(parameters=[FACETS_PARAMETER]))
class AssociationViewSet(RecordViewSet):
    """Associations, filtered as the listing at /associations/ is (same parameters), with
    `modified_after` for what changed since a time."""

    queryset = Association.objects.for_api()
    serializer_class = serializers.AssociationSerializer
    lookup_field = "slug"
    filter_backends = [FilterBackend]
    filterset_class = APIAssociationFilter
    pagination_class = AssociationPagination

    def list(self, request, *args, **kwargs):
        asked = request.query_params.get("facets", "false")
        if asked not in ("true", "false"):
            raise ParseError(_("facets must be true or false."))
        response = super().list(request, *args, **kwargs)
        if asked == "true" and isinstance(response, Response) and response.status_code == 200:
            response.data["facets"] = {
                facet.name: [
                    {"value": c.value, "label": c.label, "count": c.count, "selected": c.selected}
                    for c in facet.choices
                ]
                for facet in build_facets(self.filterset)
            }
        return response


class PlaceViewSet(RecordViewSet):
    """Japan's municipalities, special wards and wards by their local-government code
    (JIS X 0402). `q` finds them by any spelling of their name, as the site's search does;
    a place in full lists the associations that serve it, nearest first."""

    queryset = Municipality.objects.select_related(
        "prefecture", "designated_city", "parent", "source"
    )
    lookup_field = "code"
    lookup_value_regex = r"\d{6}"
    filter_backends = [FilterBackend]
    filterset_class = PlaceFilter

    def get_queryset(self):
        if self.action == "list":
            # Codes no longer current stay reachable one by one, not in lists.
            return super().get_queryset().current()
        return super().get_queryset()

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.PlaceDetailSerializer
        return serializers.PlaceSerializer


@extend_schema(
    summary="The places a postcode lies in",
    parameters=[
        OpenApiParameter(
            "postcode",
            OpenApiTypes.STR,
            OpenApiParameter.PATH,
            # The forms a client sends; full-width digits are taken as well.
            pattern=r"^〒?[0-9]{3}-?[0-9]{4}$",
            description="Seven digits, with or without the hyphen or 〒: 430-0929.",
        )
    ],
    description=(
        "Takes a postcode however written (430-0929, 4300929, 〒430-0929, full-width "
        "digits). 404 when no place has it, 400 when it is not seven digits."
    ),
    responses={200: serializers.PostcodeSerializer, 400: OpenApiTypes.OBJECT,
               404: OpenApiTypes.OBJECT},
)  # fmt: skip
@api_view(["GET"])
def postcode(request, postcode: str) -> Response:
    code = placenames.normalise_postcode(postcode)
    if code is None:
        return Response(
            {"detail": "Not a postcode: write its seven digits, like 430-0929."}, status=400
        )
    rows = list(Postcode.objects.lookup(code).select_related("municipality__source",
                                                              "municipality__designated_city",
                                                              "municipality__parent"))  # fmt: skip
    shown = placenames.display_postcode(code)
    if not rows:
        return Response({"detail": f"No place has the postcode {shown}."}, status=404)
    data = {
        "postcode": shown,
        "places": [row.municipality for row in rows],
        "areas": [row.area_ja for row in rows],
    }
    return Response(serializers.PostcodeSerializer(data).data)


class ClairOfficeViewSet(RecordViewSet):
    queryset = ClairOffice.objects.prefetch_related("departments__parent")
    serializer_class = serializers.ClairOfficeSerializer
    lookup_field = "slug"


class JetRoleViewSet(RecordViewSet):
    queryset = JetRole.objects.all()
    serializer_class = serializers.JetRoleSerializer
    lookup_field = "code"


def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Unknown paths under /api/ answer in JSON like the rest of the API."""
    return JsonResponse({"detail": "Not found."}, status=404)
