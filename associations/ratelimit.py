"""A small fixed-window rate limit on Django's cache, per client address."""

from django.core.cache import cache
from django.http import HttpRequest

from clair_directory.proxies import client_address


def allow(request: HttpRequest, action: str, limit: int, seconds: int) -> bool:
    """Counts this request; False once `limit` requests came from its address in the window."""
    key = f"ratelimit:{action}:{client_address(request)}"
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= limit
