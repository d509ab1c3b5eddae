import importlib
import json

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from associations.models import (
    Association,
    DesignatedCity,
    Desk,
    Municipality,
    Prefecture,
    Service,
)
from associations.search import (
    MAX_NAME_LENGTH,
    MAX_QUERY_LENGTH,
    MAX_TERMS,
    _kakasi,
    normalise,
    query_terms,
    search_text,
)
from associations.suggest import suggest

from .conftest import make_association, make_city, make_prefecture

LIST = reverse("associations:list")


def finds(query: str, *names: str) -> bool:
    """Whether a record known by `names` is found by `query`, as the database would say."""
    stored = search_text(*names)
    terms = query_terms(query)
    return bool(terms) and all(term in stored for term in terms)


def fixture_names(file: str) -> list[dict]:
    path = settings.BASE_DIR / "fixtures" / file
    return json.loads(path.read_text(encoding="utf-8"))


# Normalising


@pytest.mark.parametrize(
    "typed", ["Kyōto", "Kyouto", "Kyoto", "KYOTO", "ＫＹＯＴＯ", "kyôto", "Kyooto"]
)
def test_romaji_long_vowels_width_and_case_fold_to_one_form(typed):
    assert normalise(typed) == "kyoto"


def test_katakana_and_half_width_katakana_fold_to_hiragana():
    assert normalise("ハママツ") == normalise("ﾊﾏﾏﾂ") == "はままつ"


def test_kana_voicing_marks_are_letters_not_accents():
    assert normalise("ガイコクジン") == normalise("ｶﾞｲｺｸｼﾞﾝ") == "がいこくじん"
    assert not finds("くんま", "群馬")
    assert finds("ぐんま", "群馬")


def test_a_query_is_cut_into_words_japanese_too():
    assert query_terms("Hamamatsu city") == [" hamamatu", " city"]
    assert query_terms("国際交流協会") == [" 国際交流", " 協会"]


def test_a_long_query_is_cut_to_a_few_terms():
    assert len(query_terms("word " * 5000)) == 1
    assert len(query_terms(" ".join(f"w{n}" for n in range(50)))) == 8


JUNK = [
    "x" * 10_000,
    "福冈" * 5_000,
    "\x00",
    "\ud800",
    "a\ud800b\udfff",
    "😀" * 500,
    "' OR 1=1 --",
    "%_\\",
    "\u202e\u200b\x1b[31m",
    "㍿" * 1_000,  # NFKC makes each four characters
    "㌀" * 1_000,  # and each of these one word of four
    "ﷺ" * 300,  # and this one eighteen
    "ー" * 300,
    "",
]


@pytest.mark.parametrize("junk", JUNK)
def test_junk_never_raises_and_stays_bounded(junk):
    terms = query_terms(junk)
    assert len(terms) <= MAX_TERMS
    assert all(len(term) <= MAX_QUERY_LENGTH + 1 for term in terms)
    # Nothing past the longest name a record holds is read (pykakasi took seconds over
    # 10,000 characters).
    assert search_text(junk) == search_text(junk[:MAX_NAME_LENGTH])
    assert suggest(junk, ["Hiroshima", "Sapporo"]) == []


# Every field whose text search_text reads whole (the callers in associations/models,
# associations/api/hsds.py and associations/synthetic.py); a description passes no limit.
NAMES_READ = {
    Association: ["name_en", "name_ja", "listed_as", "municipality_en", "municipality_ja"],
    Prefecture: ["name_en", "name_ja"],
    DesignatedCity: ["name_en", "name_ja"],
    Municipality: ["name_ja", "name_kana", "name_romaji", "name_en"],
    Desk: ["name"],
    Service: ["name_en", "name_ja"],
}


def test_every_name_a_record_holds_is_read_whole():
    """Each fits in MAX_NAME_LENGTH characters, a designated city's with " city" after it."""
    for model, names in NAMES_READ.items():
        for name in names:
            field = model._meta.get_field(name)
            assert field.max_length, f"{model.__name__}.{name} has no length limit"
            assert field.max_length + len(" city") <= MAX_NAME_LENGTH, f"{model.__name__}.{name}"


def test_a_name_as_long_as_the_field_allows_is_found_by_its_last_word(db):
    name = ("International Association " * 10)[: 200 - len(" Zanzibar")] + " Zanzibar"
    association = make_association(name_en=name)
    assert len(name) == Association._meta.get_field("name_en").max_length
    assert " zanzibar" in association.search_text


# Romanisation: Hepburn, Kunrei-shiki, Nihon-shiki, passport and keyboard spellings


@pytest.mark.parametrize(
    "typed, name",
    [
        ("hamamatu", "浜松市"),
        ("Hamamatsu", "浜松市"),
        ("hukuoka", "福岡県"),
        ("Fukuoka", "福岡県"),
        ("tiba", "千葉県"),
        ("sizuoka", "静岡県"),
        ("Shizuoka", "静岡県"),
        ("numadu", "沼津市"),  # Nihon-shiki づ
        ("Numazu", "沼津市"),
        ("yaidu", "焼津市"),
        ("Gumma", "群馬県"),  # ん before m written m
        ("gunnma", "群馬県"),  # as typed on a keyboard
        ("Shimbashi", "新橋"),
        ("Namba", "難波"),
        ("Ohtsu", "大津市"),  # passport spelling of a long o
        ("Ōtsu", "大津市"),
        ("ootu", "大津市"),
        ("Tyôhu", "調布市"),
        ("Chōfu", "調布市"),
        ("Jōsō", "常総市"),
        ("zyoso", "常総市"),
        ("jyouso", "常総市"),
        ("Hatchōbori", "八丁堀"),  # っち
        ("hattyobori", "八丁堀"),
        ("Itinomiya", "一宮市"),
        ("Shin'onsen", "新温泉町"),
        ("shinonsen", "新温泉町"),
        ("onsen", "新温泉町"),
        ("shinonsen", "Shin'onsen Town"),
        ("Shin'onsen", "Shin’onsen Town"),
        # English names are folded alike, so a Kunrei query finds them too, and back.
        ("hamamatu foundation", "Hamamatsu Foundation for International Exchange"),
        ("tiba", "Chiba"),
        ("Chiba", "Tiba"),
        ("international exchange", "International Exchange Association"),
    ],
)
def test_every_romanisation_finds_the_name(typed, name):
    assert finds(typed, name)


@pytest.mark.parametrize(
    "typed, name",
    [
        ("京都", "東京都"),  # 京都 is Kyoto, 東京都 Tokyo
        ("きょうと", "東京都"),
        ("kyoto", "東京都"),
        ("kyoto", "Tokyo Metropolitan Government"),
        ("hamamatu", "松浜"),
        ("tiba", "千代田区"),
        ("tokyo", "京都府"),
    ],
)
def test_folding_does_not_find_other_names(typed, name):
    assert not finds(typed, name)


def place_names() -> list[str]:
    """Japanese place names: every prefecture and designated city, and some with the
    spellings that differ most between systems."""
    names = [p["name_ja"] for p in fixture_names("prefectures.json")]
    names += [c["name_ja"] for c in fixture_names("designated_cities.json")]
    return names + ["調布市", "沼津市", "常総市", "八丁堀", "新橋", "群馬県", "一宮市", "九州"]


def test_any_start_of_a_name_in_any_romanisation_finds_it():
    """A word cut short ("hirosh") must find what the whole word finds, in every system
    pykakasi writes (Hepburn, Kunrei-shiki, passport), though folding reads ahead
    ("shi" → "si", "sha" → "sya")."""
    missed = []
    for name in place_names():
        parts = _kakasi().convert(normalise(name))
        for system in ["hepburn", "kunrei", "passport"]:
            spelt = "".join(p[system] for p in parts)
            for end in range(2, len(spelt) + 1):
                if not finds(spelt[:end], name):
                    missed.append((name, spelt[:end]))
    assert missed == []


# Chinese characters


@pytest.mark.parametrize(
    "typed, name",
    [
        ("福冈", "福岡市"),  # simplified
        ("丰田", "豊田市"),
        ("横滨", "横浜市"),
        ("广岛", "広島市"),
        ("千叶", "千葉県"),  # 叶 is Japanese too; 千葉 is the word the dictionary knows
        ("出云", "出雲市"),
        ("静冈", "静岡県"),
        ("冲绳", "沖縄県"),
        ("国际交流协会", "公益財団法人浜松国際交流協会"),
        ("廣島", "広島市"),  # traditional
        ("豐田", "豊田市"),
        ("橫濱", "横浜市"),
        ("沖繩", "沖縄県"),
        ("広島", "広島市"),  # Japanese
        ("福岡", "福岡市"),
    ],
)
def test_chinese_character_forms_find_the_japanese_name(typed, name):
    assert finds(typed, name)


def test_every_prefecture_is_found_in_simplified_chinese():
    simplified = [
        "北海道", "青森", "岩手", "宫城", "秋田", "山形", "福岛", "茨城",
        "栃木", "群马", "埼玉", "千叶", "东京", "神奈川", "新潟", "富山",
        "石川", "福井", "山梨", "长野", "岐阜", "静冈", "爱知", "三重",
        "滋贺", "京都", "大阪", "兵库", "奈良", "和歌山", "鸟取", "岛根",
        "冈山", "广岛", "山口", "德岛", "香川", "爱媛", "高知", "福冈",
        "佐贺", "长崎", "熊本", "大分", "宫崎", "鹿儿岛", "冲绳",
    ]  # fmt: skip
    prefectures = [p["name_ja"] for p in fixture_names("prefectures.json")]
    assert [
        name for typed, name in zip(simplified, prefectures, strict=True) if not finds(typed, name)
    ] == []


@pytest.mark.parametrize(
    "typed, name",
    [("岩手", "岩手県"), ("いわて", "岩手県"), ("中里", "中里町"), ("なかざと", "中里町")],
)
def test_japanese_that_looks_simplified_stays_japanese(typed, name):
    """岩 and 里 are also simplified Chinese (of 巖, 裏): read as such, 岩手 would be cut
    into other words and lose its reading."""
    assert finds(typed, name)


def test_folding_twice_changes_nothing():
    for text in ["戏剧", "福冈", "千叶", "國際", "岩手", "Kyōto", "ﾊﾏﾏﾂ", "Shin'onsen"]:
        assert normalise(normalise(text)) == normalise(text)


# Did you mean …


PLACES = [p["name_en"] for p in fixture_names("prefectures.json")] + [
    c["name_en"] for c in fixture_names("designated_cities.json")
]


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("hiroshma", "Hiroshima"),
        ("saporo", "Sapporo"),
        ("yokohma", "Yokohama"),
        ("Kumamto", "Kumamoto"),
        ("sendia", "Sendai"),  # two letters swapped
        ("hirosima", "Hiroshima"),  # no slip at all, in Kunrei-shiki
        ("toyta", "Toyota City"),  # the first words of a longer name
    ],
)
def test_a_small_typo_suggests_the_name(typed, meant):
    assert suggest(typed, [*PLACES, "Toyota City"])[0] == meant


@pytest.mark.parametrize("typed", ["qwerty", "banana", "association", "zz", "東京都庁"])
def test_unrelated_input_suggests_nothing(typed):
    assert suggest(typed, PLACES) == []


def test_suggestions_come_closest_first_each_once_and_up_to_the_limit():
    candidates = ["Kanagawa", "Kagawa", "Kagawa", "Kagoshima"]
    assert suggest("kagawa", candidates) == ["Kagawa", "Kanagawa"]
    assert suggest("kagawa", candidates, limit=1) == ["Kagawa"]
    assert suggest("kagawa", candidates, limit=0) == []
    assert suggest("kagawa", iter(candidates)) == ["Kagawa", "Kanagawa"]
    assert suggest("kagawa", []) == []


# Through the listing page and the database


@pytest.mark.django_db
class TestListingSearch:
    @pytest.fixture
    def directory(self):
        shizuoka = make_prefecture(name_en="Shizuoka", name_ja="静岡県")
        city = make_city(name_en="Hamamatsu", name_ja="浜松市", prefecture=shizuoka)
        return {
            "hamamatsu": make_association(
                name_en="Hamamatsu Foundation for International Communications and Exchanges",
                name_ja="浜松国際交流協会",
                tier=Association.Tier.DESIGNATED_CITY,
                designated_city=city,
            ),
            "fukuoka": make_association(
                name_en="Fukuoka International Association",
                name_ja="福岡県国際交流センター",
                prefecture=make_prefecture(name_en="Fukuoka", name_ja="福岡県"),
            ),
            "kyoto": make_association(
                name_en="Kyoto Prefectural International Center",
                name_ja="京都府国際センター",
                prefecture=make_prefecture(name_en="Kyoto", name_ja="京都府"),
            ),
            "tokyo": make_association(
                name_en="Tokyo Tsunagari Foundation",
                name_ja="東京都つながり創生財団",
                prefecture=make_prefecture(name_en="Tokyo", name_ja="東京都"),
            ),
        }

    def found(self, client, query: str) -> list[str]:
        response = client.get(LIST, {"q": query})
        assert response.status_code == 200
        return [a.slug for a in response.context["associations"]]

    @pytest.mark.parametrize(
        "query", ["hamamatu", "Hamamatsu", "はままつ", "ハママツ", "浜松", "濱松", "hamamatu city"]
    )
    def test_hamamatsu_however_typed(self, client, directory, query):
        assert self.found(client, query) == [directory["hamamatsu"].slug]

    @pytest.mark.parametrize("query", ["福冈", "hukuoka", "Fukuoka", "福岡", "ふくおか"])
    def test_fukuoka_in_chinese_or_kunrei_shiki(self, client, directory, query):
        assert self.found(client, query) == [directory["fukuoka"].slug]

    @pytest.mark.parametrize("query", ["京都", "きょうと", "kyoto", "Kyōto"])
    def test_kyoto_does_not_find_tokyo(self, client, directory, query):
        assert self.found(client, query) == [directory["kyoto"].slug]

    def test_every_term_must_match(self, client, directory):
        assert self.found(client, "hamamatu kyoto") == []

    def test_a_keyword_s_matches_are_kept_for_its_other_listings_until_an_edit(
        self, client, directory, settings
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        settings.PAGE_CACHE_SECONDS = 0
        self.found(client, "hamamatsu")
        # another order, another filter, another spelling of the same words: no search again
        with CaptureQueriesContext(connection) as queries:
            assert self.found(client, " Hamamatsu ") == [directory["hamamatsu"].slug]
            client.get(LIST, {"q": "hamamatsu", "sort": "name", "tier": "designated_city"})
        assert not [q for q in queries if "search_text" in q["sql"]]
        # another keyword has matches of its own
        assert self.found(client, "kyoto") == [directory["kyoto"].slug]
        # an edit: a new association is found at once
        make_association(name_en="Hamamatsu Volunteers", slug="hamamatsu-volunteers")
        assert "hamamatsu-volunteers" in self.found(client, "hamamatsu")

    def test_one_query_finds_it(self, client, directory, django_assert_num_queries):
        # the facets' vocabularies (blocks, prefectures, services, languages) and their 3 grouped
        # counts (which give the page's total too); page rows (their keys, then the rows of the
        # cards, with prefecture, block and city); languages; services; the places the keyword names
        # (to say which one each association serves); and the search itself, once, in four indexable
        # queries (by name, the places named, who serves them, staff links); its matches go into the
        # others as ids. (How many have published their languages comes from the grouped counts.)
        with django_assert_num_queries(16):
            assert self.found(client, "福冈") == [directory["fukuoka"].slug]


@pytest.mark.django_db
def test_the_migration_recomputes_texts_stored_the_old_way():
    shizuoka = make_prefecture(name_en="Shizuoka", name_ja="静岡県")
    city = make_city(name_en="Hamamatsu", name_ja="浜松市", prefecture=shizuoka)
    hice = make_association(
        name_en="Hamamatsu Foundation",
        name_ja="浜松国際交流協会",
        listed_as="HICE",
        tier=Association.Tier.MUNICIPAL,
        mic_recognised=False,
        municipality_en="Hamamatsu",
        municipality_ja="浜松市",
        designated_city=city,
    )
    Association.objects.update(search_text=" hamamatsu")
    assert not Association.objects.search("hamamatu").exists()

    migration = importlib.import_module("associations.migrations.0005_recompute_search_text")
    migration.recompute(apps, None)

    hice.refresh_from_db()
    assert hice.search_text == hice.build_search_text()
    assert list(Association.objects.search("hamamatu")) == [hice]
