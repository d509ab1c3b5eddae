from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import hsds, views

# Any id reaches the view, which answers 404 for one that is no record's.
HSDS_ID = r"(?P<id>[^/]+)"

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
    # The HSDS spec's paths have no trailing slash; the directory's own paths all do.
    re_path(r"^hsds/?$", hsds.Root.as_view(), name="hsds"),
    *[
        re_path(rf"^hsds/{path}/?$", view.as_view(), name=f"hsds-{name}")
        for path, view, name in [
            ("organizations", hsds.Organizations, "organizations"),
            (rf"organizations/{HSDS_ID}", hsds.Organization, "organization"),
            ("services", hsds.Services, "services"),
            (rf"services/{HSDS_ID}", hsds.ServiceDetail, "service"),
            ("service_at_locations", hsds.ServiceAtLocations, "service-at-locations"),
            (rf"service_at_locations/{HSDS_ID}", hsds.ServiceAtLocation, "service-at-location"),
            ("taxonomies", hsds.Taxonomies, "taxonomies"),
            (rf"taxonomies/{HSDS_ID}", hsds.Taxonomy, "taxonomy"),
            ("taxonomy_terms", hsds.TaxonomyTerms, "taxonomy-terms"),
            (rf"taxonomy_terms/{HSDS_ID}", hsds.TaxonomyTerm, "taxonomy-term"),
        ]
    ],
    path("postcodes/<str:postcode>/", views.postcode, name="postcode"),
    *router.urls,
    re_path(r"^(?P<path>.*)$", views.not_found),
]
