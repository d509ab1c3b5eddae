"""The home page in the reader's own language, once.

English lives at `/`; every other language under its prefix. A phone set to Vietnamese that
opens `/` is sent to `/vi/`, unless the reader has chosen a language on this site before
(the language cookie) or is choosing English now (the switcher's `?lang=en`). Decided before
the page cache, so that a cached English home page is never served to a reader who should be
redirected; `Vary` tells any other cache the same.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header

HOME = "/"
CHOICE_PARAMETER = "lang"
COOKIE_AGE = 365 * 24 * 60 * 60


def supported(code: str) -> str:
    """The interface language for a tag, or "" if the site has none for it."""
    try:
        return get_supported_language_variant(code.lower())
    except LookupError:
        return ""


def from_accept_language(header: str) -> str:
    # Already in order of preference; q=0 means "not this one".
    for tag, quality in parse_accept_lang_header(header[:1000]):
        if tag == "*":
            break
        if quality > 0 and (language := supported(tag)):
            return language
    return settings.LANGUAGE_CODE


class PreferredLanguageMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info != HOME or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        chosen = supported(request.GET.get(CHOICE_PARAMETER, ""))
        remembered = supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, ""))
        language = (
            chosen
            or remembered
            or from_accept_language(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
        )
        if language != settings.LANGUAGE_CODE:
            response = HttpResponseRedirect(f"/{language}/")
        else:
            response = self.get_response(request)
        if chosen:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                chosen,
                max_age=COOKIE_AGE,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
            )
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
