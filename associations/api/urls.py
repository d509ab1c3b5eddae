from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("blocks", views.BlockViewSet)
router.register("prefectures", views.PrefectureViewSet)
router.register("cities", views.DesignatedCityViewSet)
router.register("associations", views.AssociationViewSet)
router.register("offices", views.ClairOfficeViewSet)
router.register("places", views.PlaceViewSet)
router.register("jet-roles", views.JetRoleViewSet)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("hsds/", views.hsds_export, name="hsds"),
    path("postcodes/<str:postcode>/", views.postcode, name="postcode"),
    *router.urls,
    re_path(r"^(?P<path>.*)$", views.not_found),
]
