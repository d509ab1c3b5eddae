"""Data names in the reader's language (issue #13): places, blocks, services, JET roles and
consultation languages; readings as ruby in Easy Japanese; the tile map's labels."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from associations import localnames
from associations.models import Association, Municipality

from .conftest import (
    make_association,
    make_block,
    make_city,
    make_jet_role,
    make_language,
    make_municipality,
    make_prefecture,
    make_service,
)
from .htmltree import page

pytestmark = pytest.mark.django_db

NON_ENGLISH = [code for code, _ in settings.LANGUAGES if code != "en"]


def _url(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(f"associations:{name}", kwargs=kwargs)


@pytest.fixture
def aichi():
    """Aichi with Toyota, a municipal association of Toyota, and Nagoya (designated)."""
    chubu = make_block(slug="tokai-hokuriku", name_en="Tokai/Hokuriku", name_ja="東海・北陸")
    aichi = make_prefecture(
        code="JP-23", slug="aichi", name_en="Aichi", name_ja="愛知県", block=chubu
    )
    nagoya = make_city(slug="nagoya", name_en="Nagoya", name_ja="名古屋市", prefecture=aichi)
    toyota = make_municipality(
        code="232114", name_ja="豊田市", name_kana="トヨタシ", name_romaji="Toyota-shi",
        name_en="Toyota City", slug="toyota-city-aichi", prefecture=aichi,
    )  # fmt: skip
    association = make_association(
        slug="tia", name_en="Toyota International Association", name_ja="豊田市国際交流協会",
        tier=Association.Tier.MUNICIPAL, mic_recognised=False, prefecture=aichi,
        municipality=toyota,
    )  # fmt: skip
    return {"aichi": aichi, "nagoya": nagoya, "toyota": toyota, "association": association}


# Places and blocks


@pytest.mark.parametrize(
    "language, prefecture, place, block",
    [
        ("en", "Aichi", "Toyota City", "Tokai/Hokuriku"),
        ("ja", "愛知県", "豊田市", "東海・北陸"),
        # OpenCC's simplified characters of the Japanese names.
        ("zh-hans", "爱知县", "丰田市", "东海・北陆"),
        # No sourced Korean names: the romanised ones, as in the Latin-script languages.
        ("ko", "Aichi", "Toyota-shi", "Tokai/Hokuriku"),
        ("pt", "Aichi", "Toyota-shi", "Tokai/Hokuriku"),
        ("tl", "Aichi", "Toyota-shi", "Tokai/Hokuriku"),
        ("vi", "Aichi", "Toyota-shi", "Tokai/Hokuriku"),
    ],
)
def test_place_names_are_in_the_page_s_language(client, aichi, language, prefecture, place, block):
    html = page(client.get(_url(language, "prefecture", slug="aichi")))
    assert html.find("h1").text.startswith(prefecture)
    places = [a.text for a in html.find("ul", class_="place-list").find_all("a")]
    assert places == [place]
    assert html.find("nav", class_="breadcrumb").text == block
    assert html.find("title").text.startswith(prefecture)


def test_the_other_name_stands_beside_in_its_language(client, aichi):
    ja = page(client.get(_url("ja", "prefecture", slug="aichi"))).find("h1")
    assert ja.find("span", class_="small-print").attrs["lang"] == "en"
    assert ja.find("span", class_="small-print").text == "Aichi"
    zh = page(client.get(_url("zh-hans", "prefecture", slug="aichi"))).find("h1")
    assert zh.find("span", lang="ja").text == "愛知県"
    # Easy Japanese readers have the reading instead.
    easy = page(client.get(_url("ja-x-easy", "prefecture", slug="aichi"))).find("h1")
    assert not easy.find_all("span", class_="small-print")


def test_the_listing_s_filters_name_places_in_the_page_s_language(client, aichi):
    facets = client.get(_url("zh-hans", "list")).context["facets"]
    labels = {f.name: [c.label for c in f.choices] for f in facets}
    assert labels["prefecture"] == ["爱知县"] and labels["block"] == ["东海・北陆"]


def test_the_easy_japanese_filters_read_their_kanji(client, aichi):
    service = make_service("japanese-classes", name_en="Japanese classes", name_ja="日本語教室")
    make_association(slug="with-classes", services=[service], prefecture=aichi["aichi"])
    text = client.get(_url("ja-x-easy", "list")).text
    block = "<ruby>東海<rt>とうかい</rt></ruby>・<ruby>北陸<rt>ほくりく</rt></ruby>"
    assert f"<span>{block}</span>" in text
    assert "<span><ruby>日本語教室<rt>にほんごきょうしつ</rt></ruby></span>" in text
    # A select's options hold text only.
    assert ">愛知県 (" in text


def test_an_association_says_where_it_serves_in_the_page_s_language(client, aichi):
    for language, expected in [
        ("en", "Toyota City, Aichi 愛知県豊田市"), ("vi", "Toyota-shi, Aichi 愛知県豊田市"),
        ("ja", "愛知県豊田市"), ("zh-hans", "爱知县丰田市 愛知県豊田市"),
    ]:  # fmt: skip
        card = page(client.get(_url(language, "prefecture", slug="aichi"))).find("li", "card")
        assert expected in card.find("p", class_="meta").text, language


def test_place_names_take_no_extra_queries(client, aichi, django_assert_num_queries):
    """The names in every language come from the rows already read, and from files."""
    url = _url("ja-x-easy", "place", key="toyota-city-aichi")
    client.get(url)  # warms what a process keeps (readings, vocabularies)
    client.get(_url("en", "place", key="toyota-city-aichi"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as english:
        client.get(_url("en", "place", key="toyota-city-aichi"))
    with django_assert_num_queries(len(english)):
        client.get(url)


# Easy Japanese: readings as ruby


def test_easy_japanese_reads_places_from_the_data_s_kana(client, aichi):
    text = client.get(_url("ja-x-easy", "prefecture", slug="aichi")).text
    # Japan Post's reading of the prefecture (アイチケン), the municipality's own (トヨタシ).
    assert "<h1><ruby>愛知<rt>あいち</rt></ruby><ruby>県<rt>けん</rt></ruby>" in text
    assert ">豊田市<" not in text
    assert "<ruby>豊田<rt>とよた</rt></ruby><ruby>市<rt>し</rt></ruby>" in text
    # MIC's reading of the designated city (fixtures/designated_city_codes.json).
    assert "<ruby>名古屋<rt>なごや</rt></ruby><ruby>市<rt>し</rt></ruby>" in text
    # A block has no reading in the data: pykakasi reads it.
    assert "<ruby>東海<rt>とうかい</rt></ruby>・<ruby>北陸<rt>ほくりく</rt></ruby>" in text


def test_a_reading_the_data_gives_wins_over_the_dictionary(client):
    # pykakasi's dictionary reads 鹿児島 as かこしま; Japan Post's reading says かごしま.
    assert "<rt>かこ</rt>" in localnames.ruby("鹿児島県")
    assert localnames.ruby("鹿児島県", "カゴシマケン") == (
        "<ruby>鹿児島<rt>かごしま</rt></ruby><ruby>県<rt>けん</rt></ruby>"
    )
    # Kana in the name anchor the reading: only the kanji get ruby.
    assert localnames.ruby("さいたま市", "サイタマシ") == "さいたま<ruby>市<rt>し</rt></ruby>"
    # A reading that does not fit the name stands over the whole name.
    assert localnames.ruby("東京都", "オオサカフ") == "<ruby>東京都<rt>おおさかふ</rt></ruby>"


def test_ruby_escapes_the_name(client, aichi):
    make_block(slug="odd", name_en="Odd", name_ja="<b>関東</b>&")
    assert localnames.ruby("<b>関東</b>&") == (
        "&lt;b&gt;<ruby>関東<rt>かんとう</rt></ruby>&lt;/b&gt;&amp;"
    )
    # A reading that does not fit puts the whole name, escaped, under one ruby.
    assert localnames.ruby("<b>関東", "カントウ") == "<ruby>&lt;b&gt;関東<rt>かんとう</rt></ruby>"
    assert localnames.ruby("関東", "<i>") == "<ruby>関東<rt>&lt;i&gt;</rt></ruby>"
    text = client.get(_url("ja-x-easy", "block", slug="odd")).text
    assert "<b>" not in text
    assert "&lt;b&gt;<ruby>関東<rt>かんとう</rt></ruby>&lt;/b&gt;&amp;" in text
    with translation.override("ja-x-easy"):
        assert localnames.plain_name(make_block(name_ja="<i>")) == "<i>"  # text, escaped later


def test_the_reasons_on_a_place_page_carry_the_reading_and_stay_escaped(client, aichi):
    html = client.get(_url("ja-x-easy", "place", key="toyota-city-aichi")).text
    assert '<p class="reason"><ruby>豊田<rt>とよた</rt></ruby><ruby>市<rt>し</rt></ruby>' in html


# Services, JET roles


def _fixture(name: str):
    return json.loads((Path(settings.FIXTURE_DIRS[0]) / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("language", NON_ENGLISH)
def test_every_service_of_the_fixtures_has_a_translation(language):
    for service in _fixture("services.json"):
        with translation.override(language):
            translated = translation.pgettext("service", service["name_en"])
        assert translated != service["name_en"], (language, service["name_en"])


def fact_of(html, term: str):
    """The <dd> after the <dt> with this text, in any of the page's fact lists."""
    for dl in html.find_all("dl", class_="facts"):
        items = [child for child in dl.children if not isinstance(child, str)]
        for dt, dd in zip(items, items[1:], strict=False):
            if dt.tag == "dt" and dt.text == term:
                return dd
    raise AssertionError(f"no fact {term!r}")


@pytest.mark.parametrize(
    "language, expected",
    [("en", "Japanese classes"), ("ja", "日本語教室"), ("vi", "Lớp học tiếng Nhật"),
     ("pt", "Aulas de japonês"), ("zh-hans", "日语教室")],
)  # fmt: skip
def test_services_show_in_the_page_s_language(client, language, expected):
    service = make_service("japanese-classes", name_en="Japanese classes", name_ja="日本語教室")
    association = make_association(slug="with-classes", services=[service])
    html = page(client.get(_url(language, "detail", slug=association.slug)))
    with translation.override(language):
        term = translation.gettext("Services")
    assert fact_of(html, term).text == expected


@pytest.mark.parametrize("language", NON_ENGLISH)
def test_jet_roles_show_in_the_page_s_language(client, language):
    """The roles' English names are the msgids of JetRole.Code, which every catalogue has."""
    make_jet_role(name_ja="国際交流員")
    heading = page(client.get(_url(language, "jet"))).find("section", id="cir").find("h3")
    with translation.override(language):
        expected = translation.gettext("Coordinator for International Relations")
    if language == "ja-x-easy":
        assert "<ruby>" in str(client.get(_url(language, "jet")).text.split('id="cir"')[1][:200])
        expected = heading.text.split(" (CIR)")[0]
    elif language == "ja":
        expected = "国際交流員"
    assert heading.text.startswith(f"{expected} (CIR)")
    # The English name stands beside the Japanese one in Japanese only.
    assert ("Coordinator for International Relations" in heading.text) == (language == "ja")


# Consultation languages, by CLDR


try:
    import babel  # noqa: F401

    HAS_BABEL = True
except ImportError:
    HAS_BABEL = False
# babel is a dependency (pyproject.toml); these tests skip only where it is missing.
needs_babel = pytest.mark.skipif(not HAS_BABEL, reason="babel (CLDR) is not installed")


@needs_babel
@pytest.mark.parametrize(
    "language, vietnamese, korean",
    [("en", "Vietnamese", "Korean"), ("vi", "Tiếng Việt", "Tiếng Hàn"),
     ("ja", "ベトナム語", "韓国語"), ("zh-hans", "越南语", "韩语"), ("ko", "베트남어", "한국어"),
     ("pt", "vietnamita", "coreano"), ("tl", "Vietnamese", "Korean")],
)  # fmt: skip
def test_consultation_languages_are_named_in_the_page_s_language(
    client, language, vietnamese, korean
):
    languages = [
        make_language("vi", name_en="Vietnamese", name_native="Tiếng Việt", name_ja="ベトナム語"),
        make_language("ko", name_en="Korean", name_native="한국어", name_ja="韓国語"),
    ]
    association = make_association(slug="multilingual", languages=languages)
    html = page(client.get(_url(language, "detail", slug=association.slug)))
    # In the data's order (Korean first: same order, then by code).
    tags = html.find("section", class_="contact-panel").find("ul", class_="tags")
    assert ", ".join(li.text for li in tags.find_all("li")) == f"{korean}, {vietnamese}"
    card = page(client.get(_url(language, "list"))).find("p", class_="languages")
    assert card.text.endswith(f"{korean}, {vietnamese}")


@needs_babel
def test_easy_japanese_names_languages_with_readings(client):
    language = make_language("ko", name_en="Korean", name_native="한국어", name_ja="韓国語")
    association = make_association(slug="korean", languages=[language])
    text = client.get(_url("ja-x-easy", "detail", slug=association.slug)).text
    assert "<ruby>韓国語<rt>かんこくご</rt></ruby>" in text


@needs_babel
def test_the_filter_names_languages_in_the_page_s_language_with_their_own_name(client):
    make_language("ko", name_en="Korean", name_native="한국어", name_ja="韓国語")
    facets = client.get(_url("vi", "list")).context["facets"]
    korean = next(c for f in facets if f.name == "language" for c in f.choices)
    assert (korean.label, korean.detail, korean.detail_lang) == ("Tiếng Hàn", "한국어", "ko")


def test_site_codes_map_to_cldr_locales():
    assert [localnames.cldr_locale(code) for code, _ in settings.LANGUAGES] == [
        "en", "ja", "zh_Hans", "ko", "pt", "tl", "vi", "ja",
    ]  # fmt: skip


# The tile map


@pytest.mark.parametrize(
    "language, label", [("ja", "愛知"), ("zh-hans", "爱知"), ("en", "Aic"), ("vi", "Aic")]
)
def test_the_tile_map_labels_prefectures_in_the_page_s_script(client, aichi, language, label):
    html = page(client.get(_url(language, "home")))
    tile = html.find("ul", class_="tilemap").find("span", class_="tile-short")
    assert tile.text == label


def test_the_tile_map_s_easy_japanese_label_has_its_reading(client, aichi):
    make_prefecture(code="JP-26", slug="kyoto", name_en="Kyoto", name_ja="京都府")
    make_prefecture(code="JP-01", slug="hokkaido", name_en="Hokkaido", name_ja="北海道")
    text = client.get(_url("ja-x-easy", "home")).text
    for label in ["<ruby>愛知<rt>あいち</rt></ruby>", "<ruby>京都<rt>きょうと</rt></ruby>",
                  "<ruby>北海道<rt>ほっかいどう</rt></ruby>"]:  # fmt: skip
        assert f'<span class="tile-short" aria-hidden="true">{label}</span>' in text


def test_the_tile_map_s_shading_has_a_visible_legend(client, aichi):
    for n in range(4):
        make_association(prefecture=aichi["aichi"], slug=f"more-{n}")
    make_prefecture(code="JP-01", slug="hokkaido", name_en="Hokkaido", name_ja="北海道")
    html = page(client.get(_url("en", "home")))
    legend = html.find("p", id="map-legend")
    # Aichi has 5 associations, the most: the darkest shade; 0 is the palest.
    entries = [
        (entry.find("span").attrs["class"], entry.text)
        for entry in legend.find_all(class_="legend-entry")
    ]
    assert entries[0] == ("swatch shade-0", "0") and entries[-1] == ("swatch shade-4", "5")
    assert "map-legend" in html.find("ul", class_="tilemap").attrs["aria-describedby"]
    tile = html.find("ul", class_="tilemap").find("li", class_="col-8")
    assert "shade-4" in tile.classes


def test_tiles_are_at_least_44_css_pixels_on_a_phone():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()
    rule = re.search(r"\.tile a \{([^}]*)\}", css)[1]
    assert "min-width: 44px" in rule and "min-height: 44px" in rule
    grid = re.search(r"\.tilemap \{([^}]*)\}", css)[1]
    assert "minmax(44px, 1fr)" in grid
    assert re.search(r"\.tilemap-scroll \{[^}]*overflow-x: auto", css)


def test_a_town_s_district_is_read_apart_from_its_name():
    place = Municipality(name_ja="日高町", name_kana="ヒダカチョウ", district_ja="沙流郡",
                         district_kana="サルグン")  # fmt: skip
    assert localnames.full_name_ruby(place) == (
        "<ruby>沙流<rt>さる</rt></ruby><ruby>郡<rt>ぐん</rt></ruby>"
        "<ruby>日高<rt>ひだか</rt></ruby><ruby>町<rt>ちょう</rt></ruby>"
    )
