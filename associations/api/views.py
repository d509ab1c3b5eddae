"""The read-only JSON API: the directory's records, with the listing's filters."""

from django.http import HttpRequest, JsonResponse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response

from .. import hsds, placenames
from ..filters import AssociationFilter, PlaceFilter
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
from . import serializers


class BlockViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Block.objects.all()
    serializer_class = serializers.BlockSerializer
    lookup_field = "slug"


class PrefectureViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Prefecture.objects.select_related("block")
    serializer_class = serializers.PrefectureSerializer
    lookup_field = "slug"


class DesignatedCityViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = DesignatedCity.objects.select_related("prefecture")
    serializer_class = serializers.DesignatedCitySerializer
    lookup_field = "slug"


class AssociationViewSet(viewsets.ReadOnlyModelViewSet):
    """Associations, filtered as the listing at /associations/ is (same parameters)."""

    queryset = Association.objects.for_directory().prefetch_related("sources", "also_serves")
    serializer_class = serializers.AssociationSerializer
    lookup_field = "slug"
    filter_backends = [DjangoFilterBackend]
    filterset_class = AssociationFilter


class PlaceViewSet(viewsets.ReadOnlyModelViewSet):
    """Japan's municipalities, special wards and wards by their local-government code
    (JIS X 0402). `q` finds them by any spelling of their name, as the site's search does;
    a place in full lists the associations that serve it, nearest first."""

    queryset = Municipality.objects.select_related(
        "prefecture", "designated_city", "parent", "source"
    )
    lookup_field = "code"
    lookup_value_regex = r"\d{6}"
    filter_backends = [DjangoFilterBackend]
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


class ClairOfficeViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = ClairOffice.objects.prefetch_related("departments__parent")
    serializer_class = serializers.ClairOfficeSerializer
    lookup_field = "slug"


class JetRoleViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = JetRole.objects.all()
    serializer_class = serializers.JetRoleSerializer
    lookup_field = "code"


@extend_schema(
    summary="Open Referral HSDS export",
    description=(
        "Every association in the shape of the Human Services Data Specification 3.0: "
        "organizations, locations, phones, services and languages. See docs/hsds.md."
    ),
    responses={200: OpenApiTypes.OBJECT},
)
@api_view(["GET"])
def hsds_export(request) -> Response:
    return Response(hsds.export(request))


def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Unknown paths under /api/ answer in JSON like the rest of the API."""
    return JsonResponse({"detail": "Not found."}, status=404)
