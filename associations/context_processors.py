import unicodedata

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.http import HttpRequest
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject


def _language_links(request: HttpRequest) -> list[dict]:
    """This page in every interface language, resolving its path once."""
    query = request.GET.urlencode()
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    links = []
    for code, _ in settings.LANGUAGES:
        path = request.path
        if match is not None and match.url_name:
            with translation.override(code):
                path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        links.append(
            {
                "code": code,
                # NFC: Django's table spells some names decomposed (ê + combining accent).
                "name_local": unicodedata.normalize(
                    "NFC", LANG_INFO.get(code, {}).get("name_local", code)
                ),
                "url": f"{path}?{query}" if query else path,
            }
        )
    return links


def language_links(request: HttpRequest) -> dict:
    return {"language_links": SimpleLazyObject(lambda: _language_links(request))}
