"""What search engines fetch: robots.txt and the sitemap, kept in the cache.

Building the sitemap reverses every URL in every language for every alternate (seconds for
the whole directory), and crawlers ask for it often: each section's answer is kept under
the directory's version (see caching.py), so that an edit makes it stale at once and
nothing else does.
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control

from .caching import directory_version, release, safely
from .sitemaps import SITEMAPS

KEPT_HEADERS = ("Content-Type", "Last-Modified", "X-Robots-Tag")

# Not for crawling: the downloads repeat the pages' content, a whole listing at a time, and
# cost a query run over the directory each; the report forms are one per association; the
# API answers programs (its data is the pages' data). `*` is in RFC 9309 and read by the
# major crawlers. The admin is not named: robots.txt is public, and ADMIN_PATH is
# configurable precisely so that the admin is not where scanners look; nothing links to it,
# and its pages need a login.
ROBOTS_DISALLOW = (
    "/api/",
    "/associations/export.",
    "/*/associations/export.",
    "/associations/*/report/",
    "/*/associations/*/report/",
)


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=settings.CDN_MAX_AGE)
    return response


def _page(request: HttpRequest) -> str:
    """The section's page as the sitemap reads it (a number, as int() reads it: " 01" is
    1): each spelling of a page is one kept entry, not one each that anyone can add. What
    is not a number is a 404, which is not kept."""
    asked = request.GET.get("p", "1")
    try:
        return str(int(asked))
    except ValueError:
        return asked


def _key(request: HttpRequest, version: int, page: str) -> str:
    # Scheme and host: every <loc> is absolute. Only the page number of the query counts.
    asked = f"{request.scheme}://{request.get_host()}{request.path}?p={page}"
    return f"sitemap:{release()}:{version}:{hashlib.sha256(asked.encode()).hexdigest()}"


def _kept_until_the_directory_changes(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        version = directory_version()
        if version is None:  # no cache to be reached: built for this request only
            return view(request, *args, **kwargs)
        # The index reads no page number; a section, its own.
        key = _key(request, version, _page(request) if "section" in kwargs else "")
        hit = safely(lambda: cache.get(key), None)
        if hit is not None:
            content, headers = hit
            return HttpResponse(content, headers=headers)
        response = view(request, *args, **kwargs)
        response.render()
        if response.status_code == 200:
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            entry = (response.content, headers)
            safely(lambda: cache.set(key, entry, settings.SITEMAP_CACHE_SECONDS), None)
        return response

    return wrapper


@_kept_until_the_directory_changes
def sitemap_index(request: HttpRequest) -> HttpResponse:
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap_section")


@_kept_until_the_directory_changes
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    return sitemap_views.sitemap(request, SITEMAPS, section=section)
