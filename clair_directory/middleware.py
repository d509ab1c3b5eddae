"""Request ids and request logging, and the Permissions-Policy header."""

import logging
import re
import time
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .proxies import client_address

logger = logging.getLogger("clair_directory.requests")
_request_id: ContextVar[str] = ContextVar("request_id", default="-")
_client_address: ContextVar[str] = ContextVar("client_address", default="-")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdFilter(logging.Filter):
    """Puts the current request's id and client address on every log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        record.client_address = _client_address.get()
        return True


class RequestLogMiddleware:
    """One log line a request: method, path, status, duration, with the request id and
    the client's address (by the rule of proxies.py, as the rate limits and axes see it).

    A load balancer's X-Request-ID is kept (if it looks like an id), so that one id
    follows a request across the stack; otherwise a new one is made.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        address = client_address(request) or "-"
        token = _request_id.set(request_id)
        address_token = _client_address.set(address)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            duration = (time.perf_counter() - started) * 1000
            response["X-Request-ID"] = request_id
            logger.info(
                "%s %s %s %.1fms",
                request.method,
                request.get_full_path(),
                response.status_code,
                duration,
                extra={"client_address": address},
            )
            return response
        finally:
            _request_id.reset(token)
            _client_address.reset(address_token)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class HealthCheckMiddleware:
    """Answers /healthz before host validation and the HTTPS redirect.

    Load balancers and the container's HEALTHCHECK call it by address over plain HTTP,
    with a Host header that ALLOWED_HOSTS need not list.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/healthz":
            from .health import healthz

            return healthz(request)
        return self.get_response(request)
