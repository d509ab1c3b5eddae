"""/healthz: is this instance able to serve? Checks the database and the cache.

The answer names the check that failed and nothing more: the reason (a host, a port, a
user name) goes to the log, since anyone can ask /healthz. Without its database an
instance cannot serve: 503, so that a load balancer takes it out. Without its cache it
still serves, uncached: 200 with "degraded", so that a cache outage does not take every
instance out at once.
"""

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from associations.caching import cache_available

logger = logging.getLogger(__name__)


def database_available() -> bool:
    """Whether the database answers a query now (one query); why not is logged."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.error("database check failed: %s", str(error).strip() or type(error).__name__)
        return False
    return True


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    database, cached = database_available(), cache_available()
    checks = {
        "database": "ok" if database else "unavailable",
        "cache": "ok" if cached else "unavailable",
    }
    status = "ok" if database and cached else "degraded" if database else "unavailable"
    return JsonResponse({"status": status, "checks": checks}, status=200 if database else 503)
