"""Rate limiting on the shared cache, announced in the IETF draft's RateLimit-* headers.

While the cache cannot be reached nothing is counted and every request is let through
(an API that answers unmetered beats one that answers 500); see caching.safely()."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from rest_framework.throttling import AnonRateThrottle

from ..caching import safely

API_PREFIX = "/api/"


class APIRateThrottle(AnonRateThrottle):
    scope = "api"

    def get_rate(self) -> str | None:
        # Read on each request (not at import, as DRF's own rates are) so tests may change it.
        return settings.API_RATE or None

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        allowed = safely(lambda: super(APIRateThrottle, self).allow_request(request, view), None)
        if allowed is None:
            return True
        remaining = max(self.num_requests - len(self.history), 0)
        # The window frees its first place when the oldest counted request leaves it.
        reset = self.duration - (self.now - self.history[-1]) if self.history else 0
        request._request.rate_limit = (self.num_requests, remaining, max(int(reset + 0.999), 0))
        return allowed


class RateLimitHeadersMiddleware:
    """Puts the throttle's count on every API answer, the 429 and the 404 included."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        rate_limit = getattr(request, "rate_limit", None)
        if rate_limit is not None and request.path_info.startswith(API_PREFIX):
            limit, remaining, reset = rate_limit
            response["RateLimit-Limit"] = str(limit)
            response["RateLimit-Remaining"] = str(remaining)
            response["RateLimit-Reset"] = str(reset)
        return response
