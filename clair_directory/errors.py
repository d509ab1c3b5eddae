"""Error answers that need no database: pages in the reader's language, JSON for the API.

Two middlewares lead requests to them: a NUL character in the address is refused before
any view sees it (PostgreSQL cannot store NUL in text), and a database that cannot be
reached is a 503 to retry rather than a 500.
"""

from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy
from rest_framework import exceptions as api_exceptions

from associations.context_processors import home_language_links

from .health import database_available

API_PREFIX = "/api/"
RETRY_AFTER_SECONDS = 30
# The same words as templates/errors/503.html.
UNAVAILABLE = gettext_lazy(
    "The directory cannot reach its data just now. Please try again in a minute."
)
# The API speaks as Django REST framework does elsewhere: {"detail": "..."}.
API_DETAILS = {
    400: api_exceptions.ParseError.default_detail,
    403: api_exceptions.PermissionDenied.default_detail,
    404: api_exceptions.NotFound.default_detail,
    500: api_exceptions.APIException.default_detail,
    503: UNAVAILABLE,
}


def _answer(request: HttpRequest, status: int) -> HttpResponse:
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"detail": str(API_DETAILS[status])}, status=status)
    # An error page is no page to offer in other languages: its switcher links home.
    context = {"language_links": home_language_links()}
    return render(request, f"errors/{status}.html", context, status=status)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return _answer(request, 400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return _answer(request, 403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return _answer(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _answer(request, 500)


def service_unavailable(request: HttpRequest) -> HttpResponse:
    response = _answer(request, 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class RejectNulMiddleware:
    """A NUL in the path is no page (404); in a query name or value or a cookie, a bad
    request (400).

    Once here for every view, the admin's and the API's included: PostgreSQL refuses NUL
    in text, so such a value (a search term, a filter, a history id, a session key) would
    otherwise reach a query and fail as a 500. Form fields refuse NUL already (Django's
    ProhibitNullCharactersValidator), so request bodies are left to them.
    """

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        status = self._refusal(request)
        if status is None:
            return self.get_response(request)
        # Before the page cache and LocaleMiddleware (the cache would look the cookie up):
        # the error page takes its language from the path, as LocaleMiddleware would.
        language = translation.get_language_from_path(request.path_info)
        with translation.override(language or settings.LANGUAGE_CODE):
            return _answer(request, status)

    @staticmethod
    def _refusal(request: HttpRequest) -> int | None:
        if "\x00" in request.path_info:
            return 404
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return 400
        if any("\x00" in value for value in request.COOKIES.values()):
            return 400
        return None


class DatabaseUnavailableMiddleware:
    """A view that fails because the database cannot be reached answers 503 to retry.

    Only when the database really does not answer: SQLite reports a missing table as an
    OperationalError too, and such a fault in the code must stay a 500 that is seen.
    """

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        # The failed check logs why; Django's request log names the path.
        if database_available():
            return None
        return service_unavailable(request)
