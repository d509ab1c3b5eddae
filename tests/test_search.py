import pytest

from associations.models import Association
from associations.search import normalise, query_terms

from .conftest import make_association, make_city, make_prefecture


@pytest.mark.parametrize(
    "typed", ["Kyōto", "Kyouto", "Kyoto", "KYOTO", "ＫＹＯＴＯ", "kyôto", "Kyooto"]
)
def test_romaji_long_vowels_width_and_case_fold_to_one_form(typed):
    assert normalise(typed) == "kyoto"


def test_katakana_and_half_width_katakana_fold_to_hiragana():
    assert normalise("ハママツ") == normalise("ﾊﾏﾏﾂ") == "はままつ"


def test_a_query_is_cut_into_words_japanese_too():
    assert query_terms("Hamamatsu city") == [" hamamatsu", " city"]
    assert query_terms("国際交流協会") == [" 国際交流", " 協会"]


def test_a_long_query_is_cut_to_a_few_terms():
    assert len(query_terms("word " * 5000)) == 1
    assert len(query_terms(" ".join(f"w{n}" for n in range(50)))) == 8


@pytest.mark.django_db
class TestAssociationSearch:
    @pytest.fixture
    def hamamatsu(self):
        shizuoka = make_prefecture(name_en="Shizuoka", name_ja="静岡県")
        city = make_city(name_en="Hamamatsu", name_ja="浜松市", prefecture=shizuoka)
        make_association(
            name_en="Kyoto City International Foundation", name_ja="京都市国際交流協会"
        )
        return make_association(
            name_en="Hamamatsu Foundation for International Communication and Exchange",
            name_ja="公益財団法人浜松国際交流協会",
            tier=Association.Tier.DESIGNATED_CITY,
            designated_city=city,
        )

    @pytest.mark.parametrize(
        "query",
        ["Hamamatsu", "浜松", "はままつ", "hamamatsu city", "ハママツ", "HAMAMATSU", "静岡"],
    )
    def test_it_finds_hamamatsu_however_typed(self, hamamatsu, query):
        assert list(Association.objects.search(query)) == [hamamatsu]

    def test_kyoto_does_not_find_tokyo(self, hamamatsu):
        make_association(name_en="Tokyo Foundation", name_ja="東京都つながり創生財団")
        for query in ["京都", "きょうと", "kyoto"]:
            assert [a.name_en for a in Association.objects.search(query)] == [
                "Kyoto City International Foundation"
            ]

    def test_every_term_must_match(self, hamamatsu):
        assert not Association.objects.search("hamamatsu kyoto").exists()

    @pytest.mark.parametrize("query", ["Kyōto", "Kyouto", "kyoto", "きょうと"])
    def test_long_vowels_do_not_matter(self, hamamatsu, query):
        assert [a.name_en for a in Association.objects.search(query)] == [
            "Kyoto City International Foundation"
        ]
