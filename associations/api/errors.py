"""Every API error in one shape, `{"detail": "..."}`, as clair_directory/errors.py writes
the errors no view answers; a refused filter keeps its per-field messages in `errors`."""

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler


def _messages(detail) -> list[str]:
    if isinstance(detail, dict):
        return [f"{name}: {m}" for name, value in detail.items() for m in _messages(value)]
    if isinstance(detail, list):
        return [m for item in detail for m in _messages(item)]
    return [str(detail)]


def handle(exc: Exception, context: dict) -> Response | None:
    response = exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError):
        errors = exc.detail
        summary = " ".join(_messages(errors)) or _("Invalid input.")
        response.data = {"detail": summary}
        if isinstance(errors, dict):
            response.data["errors"] = errors
    return response
