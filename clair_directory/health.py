"""/healthz: is this instance able to serve? Checks the database and the cache."""

import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    checks, reasons = {}, {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except DatabaseError as error:
        checks["database"] = "unavailable"
        reasons["database"] = str(error).strip().splitlines()[0] if str(error) else "error"
    try:
        probe = f"healthz:{uuid.uuid4().hex}"
        cache.set(probe, 1, timeout=5)
        if cache.get(probe) != 1:
            raise ConnectionError("the cache did not return what was stored")
        cache.delete(probe)
        checks["cache"] = "ok"
    except Exception as error:  # any backend's failure means the same: no cache
        checks["cache"] = "unavailable"
        reasons["cache"] = str(error) or type(error).__name__
    healthy = not reasons
    body = {"status": "ok" if healthy else "unavailable", "checks": checks}
    if reasons:
        body["reasons"] = reasons
    return JsonResponse(body, status=200 if healthy else 503)
