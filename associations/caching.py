"""Whole-page caching of the public pages, invalidated at once by any edit.

Views opt in with `@cached_page`; `PageCacheMiddleware`, early in the middleware stack,
serves an anonymous visitor's page from the cache before sessions, languages, CSRF and
authentication are even looked at. Every cache key carries the directory's version, a
counter in the cache that every save or delete of a directory record increments (see
apps.py): an edit makes every cached page unreachable on the next request, on every
process that shares the cache (Redis; the local-memory default is per process).
"""

import hashlib
import secrets
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control

VERSION_KEY = "directory:version"
# What a cached page keeps of its response; the outer middleware (security headers, CSP,
# request log) adds its own headers to a cached page as to any other.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "ETag", "Cache-Control",
                "X-Frame-Options")  # fmt: skip


def _fresh_version() -> int:
    # Random, not 1: after the cache is emptied, a new version must differ from every
    # version a process may still remember (see facets.vocabularies).
    return secrets.randbits(48)


def directory_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _fresh_version(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_directory_version(**kwargs) -> None:
    """Signal receiver: a directory record changed."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (evicted, or never read yet)
        cache.set(VERSION_KEY, _fresh_version(), timeout=None)


def _anonymous(request: HttpRequest) -> bool:
    # Staff signed in carry a session cookie; their pages are not shared.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _key(request: HttpRequest) -> str:
    # The path carries the language (/ja/…), so it alone tells the pages apart.
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{directory_version()}:{path}"


def cached_page(view: Callable) -> Callable:
    """Marks a view's anonymous GET responses as shareable: cached here, and by a CDN for
    CDN_MAX_AGE seconds (a CDN cannot be told of edits, so not for long)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if request.method in ("GET", "HEAD") and _anonymous(request):
            response.page_cacheable = True
            patch_cache_control(response, public=True, max_age=settings.CDN_MAX_AGE)
        else:
            patch_cache_control(response, private=True)
        return response

    return wrapper


class PageCacheMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.PAGE_CACHE_SECONDS <= 0
            or request.method not in ("GET", "HEAD")
            or not _anonymous(request)
        ):
            return self.get_response(request)
        key = _key(request)
        hit = cache.get(key)
        if hit is not None:
            content, headers = hit
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            response["X-Cache"] = "hit"
            return get_conditional_response(request, etag=headers.get("ETag"), response=response)
        response = self.get_response(request)
        if self._storable(request, response):
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
            response["X-Cache"] = "miss"
        return response

    @staticmethod
    def _storable(request: HttpRequest, response: HttpResponse) -> bool:
        return (
            getattr(response, "page_cacheable", False)
            and request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        )
