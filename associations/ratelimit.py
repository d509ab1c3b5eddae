"""A small fixed-window rate limit on Django's cache, per client address."""

from django.conf import settings
from django.core.cache import BaseCache, cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest

from .caching import safely

# While the shared cache cannot be reached, each process counts on its own: a limit per
# worker rather than none.
_local = LocMemCache("ratelimit-fallback", {})


@receiver(setting_changed)
def _new_cache_settings(setting: str, **kwargs) -> None:
    if setting == "CACHES":
        _local.clear()


def client_address(request: HttpRequest) -> str:
    # Behind a proxy, REMOTE_ADDR is the proxy's; the proxy's header is trusted only when
    # the deployment says so (BEHIND_PROXY in the README).
    if getattr(settings, "USE_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def _count(store: BaseCache, key: str, seconds: int) -> int:
    store.add(key, 0, timeout=seconds)
    try:
        return store.incr(key)
    except ValueError:  # the window ended between add and incr
        store.set(key, 1, timeout=seconds)
        return 1


def allow(request: HttpRequest, action: str, limit: int, seconds: int) -> bool:
    """Counts this request; False once `limit` requests came from its address in the window."""
    key = f"ratelimit:{action}:{client_address(request)}"
    count = safely(lambda: _count(cache, key, seconds), None)
    if count is None:
        count = _count(_local, key, seconds)
    return count <= limit
