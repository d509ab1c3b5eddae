"""Whole-page caching of the public pages, invalidated at once by any edit.

Views opt in with `@cached_page`, naming the query parameters they use; `PageCacheMiddleware`,
early in the middleware stack, serves an anonymous visitor's page from the cache before
sessions, languages, CSRF and authentication are even looked at.

A page's key is made of the directory's version, the request's scheme and (validated) host,
its path, and the parameters its view declared, sorted and normalised. Every other parameter
is dropped from the request before the view sees it, so that no page shows what its key does
not hold. The directory's version is a counter in the cache that every save or delete of a
directory record increments (see apps.py): an edit makes every cached page unreachable on
the next request, on every process that shares the cache (Redis; the local-memory default
is per process).

The cache is a help, never a need: while it cannot be reached, pages are served uncached,
the failure is logged once per CACHE_RETRY_SECONDS, and it is tried again after that.
"""

import hashlib
import logging
import math
import secrets
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cache as cache_in_process
from functools import partial, wraps
from importlib import import_module
from typing import TypeVar

from asgiref.local import Local
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.core.signals import request_finished, request_started, setting_changed
from django.db import DatabaseError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

VERSION_KEY = "directory:version"
# What a cached page keeps of its response; the outer middleware (security headers, CSP,
# X-Frame-Options, request log) adds its own headers to a cached page as to any other.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "ETag", "Cache-Control")

# How a cache backend says it cannot be reached (or cannot store: Redis out of memory).
CACHE_ERRORS = (OSError, RedisError)

T = TypeVar("T")


class _Outage:
    """This process's view of the cache's health: after a failure the cache is left alone
    until `retry_at`, so that an unreachable Redis costs one failed call per interval, not
    one per cache operation, and is logged as often."""

    def __init__(self) -> None:
        self.retry_at = 0.0
        self.logged_at: float | None = None
        # An edit that could not make the cached pages stale; done when the cache is back.
        self.bump_pending = False

    def reset(self) -> None:
        self.retry_at, self.logged_at = 0.0, None

    def skipping(self) -> bool:
        return time.monotonic() < self.retry_at

    def failed(self, error: Exception) -> None:
        now = time.monotonic()
        interval = settings.CACHE_RETRY_SECONDS
        self.retry_at = now + interval
        if self.logged_at is None or now - self.logged_at >= interval:
            self.logged_at = now
            logger.warning(
                "The cache cannot be reached (%s); pages are served uncached, retrying in %s s.",
                error,
                interval,
            )

    def succeeded(self) -> None:
        if self.logged_at is not None:
            logger.info("The cache can be reached again.")
            self.reset()


_outage = _Outage()


@receiver(setting_changed)
def _new_cache_settings(setting: str, **kwargs) -> None:
    # Another cache (in tests): its health is not the last one's.
    if setting == "CACHES":
        _outage.reset()


def safely(operation: Callable[[], T], default: T) -> T:
    """`operation()` on the cache, or `default` when the cache cannot be reached."""
    if _outage.skipping():
        return default
    try:
        result = operation()
    except CACHE_ERRORS as error:
        _outage.failed(error)
        return default
    _outage.succeeded()
    return result


def cache_available() -> bool:
    """Whether the cache answers now: a write, a read and a delete (for /healthz). It always
    tries, even within the retry interval, and a success ends an outage at once."""
    probe = f"probe:{uuid.uuid4().hex}"
    try:
        cache.set(probe, 1, timeout=5)
        answered = cache.get(probe) == 1
        cache.delete(probe)
    except CACHE_ERRORS as error:
        _outage.failed(error)
        return False
    if answered:
        _outage.succeeded()
    return answered


def _fresh_version() -> int:
    # Random, not 1: after the cache is emptied, a new version must differ from every
    # version a process may still remember (see facets.vocabularies).
    return secrets.randbits(48)


def _read_version() -> int | None:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _fresh_version(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _increment_version() -> bool:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (evicted, or never read yet)
        cache.set(VERSION_KEY, _fresh_version(), timeout=None)
    return True


# The version read during the current request (`version`, while `in_request`): a page's
# fragments are all read under the one version, for one cache round trip, not one each.
_this_request = Local()


@receiver(request_started)
def _request_started(**kwargs) -> None:
    _this_request.in_request, _this_request.version = True, None


@receiver(request_finished)
def _request_finished(**kwargs) -> None:
    _this_request.in_request, _this_request.version = False, None


def directory_version() -> int | None:
    """The directory's version, or None while the cache cannot be reached (then nothing
    may be kept by version). Read once a request; outside one, on every call."""
    if (version := getattr(_this_request, "version", None)) is not None:
        return version
    if _outage.bump_pending:
        if not safely(_increment_version, False):
            return None
        _outage.bump_pending = False
    version = safely(_read_version, None)
    if getattr(_this_request, "in_request", False):
        _this_request.version = version
    return version


_MISSING = object()


# What shapes a kept value: the code that computes it (records pickled with their related
# rows, tuples a view unpacks) and the templates and translations that render it.
RELEASE_FILES = {"associations": (".py", ".html", ".txt"), "templates": (".html", ".txt", ".xml"),
                 "locale": (".po",)}  # fmt: skip


@cache_in_process
def release() -> str:
    """A digest of the files that shape what is kept. Kept values carry it in their keys,
    so that a release never reads what another one kept (a record pickled without a field
    it now needs, a tuple of another length, a fragment of an old template) while the
    directory's version stays the same across a deploy, or its rollback."""
    digest = hashlib.sha256()
    for folder, suffixes in RELEASE_FILES.items():
        for path in sorted((settings.BASE_DIR / folder).rglob("*")):
            if path.suffix in suffixes:
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# Longer keys are kept under their digest: memcached refuses keys over 250 characters.
KEY_LENGTH = 160


def kept_for_version(key: str, compute: Callable[[], T]) -> T:
    """`compute()`, kept in the cache under `key` for the directory's current version (for
    FRAGMENT_CACHE_SECONDS) and this release: for what the directory's records alone
    determine, such as a keyword's matches. Computed every time while nothing may be kept."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    version = directory_version() if seconds > 0 else None
    if version is None:
        return compute()
    versioned = _versioned(key, version)
    found = safely(lambda: cache.get(versioned, _MISSING), _MISSING)
    if found is not _MISSING:
        return found
    value = compute()
    safely(lambda: cache.set(versioned, value, seconds) or True, False)
    return value


def kept_many(keys: Iterable[str]) -> dict[str, object]:
    """What `kept_for_version` keeps under each of `keys` and has now, in one round trip
    to the cache: for a page that asks for several (an office list's offices)."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    version = directory_version() if seconds > 0 else None
    if version is None:
        return {}
    versioned = {_versioned(key, version): key for key in keys}
    found = safely(lambda: cache.get_many(list(versioned)), {})
    return {versioned[key]: value for key, value in found.items()}


# Values kept in this process, each as (the directory's version, the value).
_in_process: dict[str, tuple[int, object]] = {}


def kept_in_process(key: str, compute: Callable[[], T]) -> T:
    """`compute()`, kept in this process's memory under `key` for the directory's current
    version: for what every request of a kind needs whole and would cost a round trip
    to the cache to read (a vocabulary, a map of ids). Computed again by the first call
    after any edit; every time while the version is unknown (the cache is down)."""
    version = directory_version()
    kept = _in_process.get(key)
    if kept is not None and version is not None and kept[0] == version:
        return kept[1]
    value = compute()
    if version is not None:
        _in_process[key] = (version, value)
    return value


def _versioned(key: str, version: int) -> str:
    if len(key) > KEY_LENGTH:
        # Made of what a visitor typed (a slug in the address, a keyword): any length.
        key = hashlib.sha256(key.encode()).hexdigest()
    return f"kept:{release()}:{version}:{key}"


def bump_directory_version(**kwargs) -> None:
    """Signal receiver: a directory record changed."""
    if getattr(_one_bump, "depth", 0):
        _one_bump.changed = True
        return
    _this_request.version = None
    if not safely(_increment_version, False):
        _outage.bump_pending = True


# Within `one_version_bump()`: how deep, and whether a directory record changed.
_one_bump = Local()


class _Changes:
    def discard(self) -> None:
        """What changed so far is rolled back: it makes no page stale."""
        _one_bump.changed = False


@contextmanager
def one_version_bump() -> Iterator[_Changes]:
    """Changes made within it move the directory's version on once, when it ends without an
    exception, instead of once a record: a load saves thousands of records, each bump is a
    round trip to the cache, and an exception rolls the load's transaction back (so nothing
    changed; a transaction rolled back otherwise says so with `discard()`). Used around the
    transaction, the bump follows its commit: no page rendered in between is kept under
    the new version with the old rows."""
    outermost = not getattr(_one_bump, "depth", 0)
    if outermost:
        _one_bump.depth, _one_bump.changed = 0, False
    _one_bump.depth += 1
    try:
        yield _Changes()
    except BaseException:
        if outermost:
            _one_bump.changed = False
        raise
    finally:
        _one_bump.depth -= 1
        if outermost and _one_bump.changed:
            _one_bump.changed = False
            bump_directory_version()


def page_query(query: QueryDict, params: Iterable[str]) -> QueryDict:
    """Only the parameters `params`, in order, each with its distinct non-blank values
    sorted: every spelling of one page gives the same query."""
    kept = QueryDict(mutable=True)
    for name in sorted(set(params) & set(query)):
        values = sorted({value.strip() for value in query.getlist(name)} - {""})
        if values:
            kept.setlist(name, values)
    kept._mutable = False
    return kept


def _signed_in(request: HttpRequest) -> bool:
    """Whether the session cookie belongs to a live session with a signed-in user. Looked up
    (one query) only when there is a session cookie, without touching `request.session`,
    so that a public page is not marked Vary: Cookie."""
    if not hasattr(request, "_signed_in"):
        key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        store = import_module(settings.SESSION_ENGINE).SessionStore
        try:
            request._signed_in = bool(key) and SESSION_KEY in store(key)
        except DatabaseError:
            # No database, no session to trust: the public page, if kept, serves; else
            # the view answers (503) as to anyone.
            request._signed_in = False
    return request._signed_in


def _page_params(request: HttpRequest) -> frozenset[str] | None:
    """The parameters of the cached view that will answer, or None if it is not one."""
    # The language prefix only resolves with its language active, as LocaleMiddleware will.
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
    return getattr(match.func, "page_params", None)


# The shape of a kept page: (content, headers, window). A release that changes the shape
# changes this, so that the workers of the release before (during a rolling deploy, or
# after a rollback) never read an entry they cannot unpack.
ENTRY_SHAPE = 2


def _key(request: HttpRequest, version: int, host: str) -> str:
    # Scheme and host too: the page's canonical, hreflang and JSON-LD URLs are absolute.
    # The release too: a page names its stylesheet by the hash of the release that
    # rendered it, and another release's containers do not serve that file.
    page = f"{request.scheme}://{host}{request.path}?{request.GET.urlencode()}"
    digest = hashlib.sha256(page.encode()).hexdigest()
    return f"page:s{ENTRY_SHAPE}:{release()}:{version}:{digest}"


def keep_until(response: HttpResponse, until: datetime) -> None:
    """The response holds only until `until` (an open-now state, a local time): it is kept
    here, and shared by a CDN, no longer than that (and never for an earlier moment)."""
    response.page_cache_until = min(until, getattr(response, "page_cache_until", until))


def _seconds_left(until: float) -> int:
    return max(0, int(until - time.time()))


def cached_page(view: Callable | None = None, *, params: Iterable[str] = ()) -> Callable:
    """Marks a view's anonymous GET responses as shareable: cached here, and by a CDN for
    CDN_MAX_AGE seconds (a CDN cannot be told of edits, so not for long). The view sees
    only the query parameters `params`; a view may set `response.page_cacheable = False`
    for a response that is not to be kept."""
    if view is None:
        return partial(cached_page, params=params)
    params = frozenset(params)

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        request.GET = page_query(request.GET, params)
        response = view(request, *args, **kwargs)
        if request.method in ("GET", "HEAD") and not _signed_in(request):
            response.page_cacheable = getattr(response, "page_cacheable", True)
            patch_cache_control(response, public=True, max_age=settings.CDN_MAX_AGE)
            if until := getattr(response, "page_cache_until", None):
                # patch_cache_control keeps the lower of two max-ages.
                patch_cache_control(response, max_age=_seconds_left(until.timestamp()))
        else:
            response.page_cacheable = False
            patch_cache_control(response, private=True)
        return response

    wrapper.page_params = params
    return wrapper


class PageCacheMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        # Before anything is looked up or kept: a host outside ALLOWED_HOSTS is a 400 here.
        host = request.get_host()
        params = _page_params(request)
        if params is None or _signed_in(request):
            return self.get_response(request)
        request.GET = page_query(request.GET, params)
        version = directory_version()
        if version is None:
            return self.get_response(request)
        key = _key(request, version, host)
        hit = safely(lambda: cache.get(key), None)
        if hit is not None:
            content, headers, window = hit
            # A page that holds for a while only (keep_until) is for moments within it.
            start, end = window or (0, float("inf"))
            if start <= time.time() < end:
                return self._served(request, content, headers, end)
        response = self.get_response(request)
        if self._storable(request, response):
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            timeout, window = settings.PAGE_CACHE_SECONDS, None
            if until := getattr(response, "page_cache_until", None):
                window = (time.time(), until.timestamp())
                timeout = min(timeout, math.ceil(window[1] - window[0]))
            entry = (response.content, headers, window)
            if timeout > 0 and safely(lambda: cache.set(key, entry, timeout) or True, False):
                response["X-Cache"] = "miss"
        return response

    @staticmethod
    def _served(request: HttpRequest, content: bytes, headers: dict, end: float) -> HttpResponse:
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        if end != float("inf"):
            patch_cache_control(response, max_age=_seconds_left(end))
        response["X-Cache"] = "hit"
        return get_conditional_response(request, etag=headers.get("ETag"), response=response)

    @staticmethod
    def _storable(request: HttpRequest, response: HttpResponse) -> bool:
        return (
            getattr(response, "page_cacheable", False)
            and request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and len(response.content) <= settings.PAGE_CACHE_MAX_BYTES
        )
