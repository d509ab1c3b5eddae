"""The read-only JSON API: the directory's records, with the listing's filters."""

from django.http import HttpRequest, JsonResponse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response

from .. import hsds
from ..filters import AssociationFilter
from ..models import Association, Block, ClairOffice, DesignatedCity, JetRole, Prefecture
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

    queryset = Association.objects.for_directory().prefetch_related("sources")
    serializer_class = serializers.AssociationSerializer
    lookup_field = "slug"
    filter_backends = [DjangoFilterBackend]
    filterset_class = AssociationFilter


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
