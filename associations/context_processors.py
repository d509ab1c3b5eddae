import unicodedata
from functools import lru_cache

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.http import HttpRequest
from django.urls import Resolver404, get_script_prefix, get_urlconf, resolve, reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from clair_directory.language import CHOICE_PARAMETER, HOME


def hreflang(code: str) -> str:
    """The language's hreflang value for search engines, or "" for none: they take an ISO
    639 language with an optional script or region, and reject private-use tags such as
    ja-x-easy. Easy Japanese is not mapped to "ja" either: that would give the Japanese
    page two versions claiming the same language."""
    return "" if "-x-" in f"-{code.lower()}" else code


def _switch_url(code: str, url: str) -> str:
    """Where the switcher sends a reader: English's home carries the choice, or `/` would
    send a reader whose browser prefers another language straight back (see
    clair_directory/language.py)."""
    if code == settings.LANGUAGE_CODE and url.split("?")[0] == HOME:
        return f"{HOME}?{CHOICE_PARAMETER}={code}"
    return url


def _link(code: str, url: str) -> dict:
    return {
        "code": code,
        "hreflang": hreflang(code),
        # NFC: Django's table spells some names decomposed (ê + combining accent).
        "name_local": unicodedata.normalize("NFC", LANG_INFO.get(code, {}).get("name_local", code)),
        "url": url,
        "switch_url": _switch_url(code, url),
    }


def home_language_links() -> list[dict]:
    """Each language's home page: where an error page, which is no page to translate, links."""
    links = []
    for code, _ in settings.LANGUAGES:
        with translation.override(code):
            links.append(_link(code, reverse("associations:home")))
    return links


def _language_links(request: HttpRequest) -> list[dict]:
    """This page in every interface language, resolving its path once.

    Links are built from the matched route only, never from the path as asked: a path such
    as //evil.example/x would otherwise become a link to another site.
    """
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return home_language_links()
    if not match.url_name:
        return home_language_links()
    query = request.GET.urlencode()
    paths = _translated_paths(
        match.view_name,
        tuple(match.args),
        tuple(sorted(match.kwargs.items())),
        get_urlconf(),
        get_script_prefix(),
        tuple(code for code, _ in settings.LANGUAGES),
    )
    return [_link(code, f"{path}?{query}" if query else path) for code, path in paths]


@lru_cache(maxsize=256)
def _translated_paths(
    view_name: str, args: tuple, kwargs: tuple, urlconf, prefix: str, codes: tuple
) -> tuple:
    """The route's path in each language of `codes`: eight reversals, made once a process
    for the pages asked most (the URLconf and the script prefix are part of the key, as
    they are of what `reverse` answers)."""
    paths = []
    for code in codes:
        with translation.override(code):
            paths.append((code, reverse(view_name, args=args, kwargs=dict(kwargs))))
    return tuple(paths)


def language_links(request: HttpRequest) -> dict:
    return {"language_links": SimpleLazyObject(lambda: _language_links(request))}
