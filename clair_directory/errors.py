"""Error pages in the reader's language that need no database."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def _page(request: HttpRequest, status: int) -> HttpResponse:
    return render(request, f"errors/{status}.html", status=status)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return _page(request, 400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return _page(request, 403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return _page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _page(request, 500)
