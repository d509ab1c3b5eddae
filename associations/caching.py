"""Whole-page caching of the public pages, invalidated at once by any edit.

Every cache key carries the directory's version, a counter in the cache that every save
or delete of a directory record increments. An edit therefore makes every cached page
unreachable on the next request, on every process that shares the cache (Redis; the
local-memory default is per process, see README).
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

VERSION_KEY = "directory:version"


def directory_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_directory_version(**kwargs) -> None:
    """Signal receiver: a directory record changed."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (evicted, or never read yet)
        cache.set(VERSION_KEY, 2, timeout=None)


def _cacheable(request: HttpRequest) -> bool:
    # Staff signed in carry a session cookie; their pages are not shared.
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def cached_page(view: Callable) -> Callable:
    """Serve an anonymous GET from the cache; store 200 responses for PAGE_CACHE_SECONDS."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True)
            return response
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"page:{directory_version()}:{get_language()}:{path}"
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
            response["X-Cache"] = "hit"
        else:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                if hasattr(response, "render"):
                    response.render()
                cache.set(
                    key, (response.content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS
                )
            response["X-Cache"] = "miss"
        # A CDN may keep the page briefly; it cannot be told of edits, so not for long.
        patch_cache_control(response, public=True, max_age=settings.CDN_MAX_AGE)
        return response

    return wrapper
