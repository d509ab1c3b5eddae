"""A small fixed-window rate limit on Django's cache, per client address."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    # Behind a proxy, REMOTE_ADDR is the proxy's; the proxy's header is trusted only when
    # the deployment says so (BEHIND_PROXY in the README).
    if getattr(settings, "USE_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


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
