from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from associations import crawlers

handler400 = "clair_directory.errors.bad_request"
handler403 = "clair_directory.errors.permission_denied"
handler404 = "clair_directory.errors.page_not_found"
handler500 = "clair_directory.errors.server_error"

urlpatterns = [
    path("robots.txt", crawlers.robots_txt, name="robots"),
    # Asked for by browsers on pages that name no icon (the admin, the API's JSON).
    path(
        "favicon.ico", RedirectView.as_view(url=lazy(static, str)("img/icon.svg"), permanent=True)
    ),
    path("sitemap.xml", crawlers.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", crawlers.sitemap_section, name="sitemap_section"),
    path("api/", include(("associations.api.urls", "api"))),
]

# English lives at the root, every other interface language under its own prefix
# (/ja/, /vi/, …), so each language version has a URL to share, cache and link with hreflang.
urlpatterns += i18n_patterns(
    path(settings.ADMIN_PATH, admin.site.urls),
    path("", include("associations.urls")),
    prefix_default_language=False,
)
