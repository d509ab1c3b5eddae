"""Every interface language serves translated pages, and says its own name."""

import unicodedata

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from .conftest import make_association

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _ in settings.LANGUAGES if code != "en"]
STRINGS = ["International associations", "Filter", "Consultation language", "Apply filters"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_listing_is_translated(client, language):
    make_association(name_en="Hamamatsu Foundation", name_ja="浜松国際交流協会")
    with translation.override(language):
        url = reverse("associations:list")
        expected = [translation.gettext(s) for s in STRINGS]
    assert url.startswith(f"/{language}/")
    response = client.get(url)
    assert f'<html lang="{language}">' in response.text
    for english, translated in zip(STRINGS, expected, strict=True):
        assert translated != english, f"{language} has no translation of {english!r}"
        assert escape(translated) in response.text
    # Association names stay in English and Japanese whatever the language.
    assert "Hamamatsu Foundation" in response.text and "浜松国際交流協会" in response.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_renders_in_each_language(client, places, language):
    for name, kwargs in [
        ("home", {}), ("prefectures", {}), ("cities", {}), ("offices", {}), ("jet", {}),
        ("sources", {}), ("detail", {"slug": "sair"}), ("prefecture", {"slug": "shizuoka"}),
        ("city", {"slug": "hamamatsu"}), ("report", {"slug": "sair"}),
    ]:  # fmt: skip
        with translation.override(language):
            url = reverse(f"associations:{name}", kwargs=kwargs)
        assert client.get(url).status_code == 200, (language, name)


def test_the_switcher_names_each_language_in_itself_and_keeps_the_page(client, places):
    response = client.get(reverse("associations:list") + "?block=tokai-hokuriku")
    for code, name in [
        ("ja", "日本語"), ("zh-hans", "简体中文"), ("ko", "한국어"), ("pt", "Português"),
        ("tl", "Tagalog"), ("vi", "Tiếng Việt"), ("ja-x-easy", "やさしいにほんご"),
    ]:  # fmt: skip
        link = f'href="/{code}/associations/?block=tokai-hokuriku" hreflang="{code}" lang="{code}"'
        assert link in response.text
        # Django's own table writes some names decomposed (ê + combining accent).
        assert f">{name}</a>" in unicodedata.normalize("NFC", response.text)


def test_easy_japanese_reads_as_easy_japanese(client):
    response = client.get("/ja-x-easy/")
    assert '<html lang="ja-x-easy">' in response.text
    with translation.override("ja"):
        plain = translation.gettext("Search")
    with translation.override("ja-x-easy"):
        easy = translation.gettext("Search")
    assert easy != plain and easy != "Search"
    assert easy in response.text
