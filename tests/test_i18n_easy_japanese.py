"""The Easy Japanese pages hold no English beyond association names and codes: a reader
of やさしい日本語 may read no English at all (issue #13)."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from associations.models import Association, ClairOffice, Department, Prefecture

from .conftest import make_municipality

pytestmark = pytest.mark.django_db

# ASCII words a page may still show, each for a reason:
ALLOWED = {
    # Names of organisations, which stay as they are, like the associations' names: CLAIR
    # (whose Japanese name is shown beside it), the JET Programme, MIC (the ministry).
    "CLAIR", "JET", "MIC",
    # The JET Programme's roles by their codes, beside their Japanese names.
    "ALT", "CIR", "SEA",
    # Part of Japanese legal names of associations (NPO法人…), which stay as registered.
    "NPO",
    # Standards and file formats, named by their code: ISO 3166-2, JIS X 0402, CSV (Excel),
    # JSON, vCard; UTC+09:00 for a time zone.
    "ISO", "JIS", "CSV", "Excel", "JSON", "vCard", "UTC",
    # The English language's name for itself, beside 英語 in the consultation-language
    # filter, as every language's own name stands beside it (Português, Tiếng Việt).
    "English",
}  # fmt: skip
# Text that is not words: web and e-mail addresses, phone numbers, postcodes, codes, time
# zones (Asia/Tokyo, as the tz database names them).
NOT_WORDS = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?\d[\d\s()-]{5,}\d|JP-\d\d"
    r"|〒?\d{3}-\d{4}|\b[A-Z][a-z]+/[A-Z][A-Za-z_]+\b"
)
ASCII_WORD = re.compile(r"[A-Za-z]{3,}")


class VisibleText(HTMLParser):
    """The text a reader sees, less what is English on purpose:

    - scripts and styles;
    - the language switcher, and any text marked as in a language other than Japanese
      and English: each language's name in itself (Português, Tiếng Việt);
    - text marked lang="ja-Latn", a Japanese name in Latin letters (Toyota-shi);
    - the titles of the cited sources (links to /sources/), quoted as published;
    - postal addresses abroad, written as the post there needs them;
    - with `marked_english`, text marked lang="en": data the directory has in English only
      (CLAIR's department names, directions), which is then at least marked as English.
    """

    SKIP = {"script", "style", "template"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}  # fmt: skip

    def __init__(self, marked_english: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.marked_english = marked_english
        self.stack: list[tuple[str, bool]] = []
        self.parts: list[str] = []

    def _skipped(self, tag: str, attrs: dict) -> bool:
        lang = (attrs.get("lang") or "").lower()
        classes = (attrs.get("class") or "").split()
        return (
            tag in self.SKIP
            or "language-switcher" in classes
            or "postal-address" in classes
            or (lang and not lang.startswith(("ja", "en")))
            or lang.endswith("-latn")
            or (tag == "a" and "/sources/" in (attrs.get("href") or ""))
            or (self.marked_english and lang == "en")
        )

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        inherited = bool(self.stack) and self.stack[-1][1]
        self.stack.append((tag, inherited or self._skipped(tag, dict(attrs))))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not (self.stack and self.stack[-1][1]):
            self.parts.append(data)

    @classmethod
    def of(cls, html: str, marked_english: bool = False) -> str:
        parser = cls(marked_english)
        parser.feed(html)
        return " ".join(" ".join(parser.parts).split())


def english_words(html: str, allowed_names: list[str], marked_english: bool = False) -> list[str]:
    return english_words_in_text(VisibleText.of(html, marked_english), allowed_names)


def english_words_in_text(text: str, allowed_names: list[str]) -> list[str]:
    # Longest first, so that a name is taken out before a shorter one inside it.
    for name in sorted(allowed_names, key=len, reverse=True):
        text = text.replace(name, " ")
    text = NOT_WORDS.sub(" ", text)
    return sorted({w for w in ASCII_WORD.findall(text) if w not in ALLOWED})


@pytest.fixture
def toyota(real_directory):
    return make_municipality(
        code="232114", name_ja="豊田市", name_kana="トヨタシ", name_romaji="Toyota-shi",
        name_en="Toyota City", slug="toyota-city-aichi",
        prefecture=Prefecture.objects.get(code="JP-23"),
    )  # fmt: skip


def organisation_names() -> list[str]:
    """Association and CLAIR office names stay in English and Japanese, as they are."""
    names = []
    for name_en, listed_as in Association.objects.values_list("name_en", "listed_as"):
        names += [name_en, listed_as]
    names += ClairOffice.objects.values_list("name_en", flat=True)
    return [n for n in names if n]


def _pages(toyota) -> dict[str, str]:
    association = Association.objects.filter(prefecture__code="JP-22").order_by("pk").first()
    office = ClairOffice.objects.order_by("pk").first()
    with translation.override("ja-x-easy"):
        return {
            "home": reverse("associations:home"),
            "listing": reverse("associations:list"),
            "detail": association.get_absolute_url(),
            "prefecture": reverse("associations:prefecture", kwargs={"slug": "aichi"}),
            "place": toyota.get_absolute_url(),
            "offices": reverse("associations:offices"),
            "office": office.get_absolute_url(),
            "jet": reverse("associations:jet"),
        }


def test_the_easy_japanese_pages_have_no_english_words(client, toyota):
    names = organisation_names()
    found = {}
    for name, url in _pages(toyota).items():
        assert url.startswith("/ja-x-easy/")
        response = client.get(url)
        assert response.status_code == 200, url
        # The offices' and the JET Programme's pages hold data CLAIR has in English only:
        # it must be marked so.
        words = english_words(
            response.text, names, marked_english=name.startswith(("office", "jet"))
        )
        if words:
            found[name] = words
    assert not found, found


def test_the_check_sees_english_when_there_is_some():
    html = '<p>ようこそ <span lang="ja-Latn">Toyota-shi</span> Consultation desk 053-458-2170</p>'
    assert english_words(html, []) == ["Consultation", "desk"]
    # Marked English counts unless the page may hold English-only data.
    assert english_words('<p lang="en">Planning Division</p>', []) == ["Division", "Planning"]
    assert english_words('<p lang="en">Planning Division</p>', [], marked_english=True) == []
    assert english_words("<p>SAIR は しずおか の きょうかい</p>", ["SAIR"]) == []
    assert english_words("<script>var x = 'Hello';</script><p>はい</p>", []) == []


def test_english_only_data_on_the_offices_pages_is_marked_as_english(client, real_directory):
    """CLAIR's departments have no Japanese names in the data yet: they are shown in
    English, marked so (and counted by the test above only through that mark)."""
    assert Department.objects.filter(name_ja="").exists()
    with translation.override("ja-x-easy"):
        url = reverse("associations:offices")
    names = organisation_names()
    assert english_words(client.get(url).text, names, marked_english=False)
    assert not english_words(client.get(url).text, names, marked_english=True)
