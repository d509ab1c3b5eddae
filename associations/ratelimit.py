"""A small fixed-window rate limit on Django's cache, per client address."""

from django.core.cache import BaseCache, cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest

from clair_directory.proxies import client_address

from .caching import safely

# While the shared cache cannot be reached, each process counts on its own: a limit per
# worker rather than none.
_local = LocMemCache("ratelimit-fallback", {})


@receiver(setting_changed)
def _new_cache_settings(setting: str, **kwargs) -> None:
    if setting == "CACHES":
        _local.clear()


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
