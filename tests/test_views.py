import pytest
from django.urls import reverse

from associations.models import Association, Language, Prefecture

from .conftest import (
    make_association,
    make_block,
    make_city,
    make_language,
    make_prefecture,
    make_service,
)

pytestmark = pytest.mark.django_db

LIST = reverse("associations:list")


def names(response) -> list[str]:
    return [a.name_en for a in response.context["associations"]]


@pytest.fixture
def small_directory():
    """Two blocks, three prefectures, five associations with languages and services."""
    kanto, kinki = make_block(slug="kanto", name_en="Kanto"), make_block(slug="kinki")
    tokyo = make_prefecture(code="JP-13", slug="tokyo", name_en="Tokyo", block=kanto)
    chiba = make_prefecture(code="JP-12", slug="chiba", name_en="Chiba", block=kanto)
    osaka = make_prefecture(code="JP-27", slug="osaka", name_en="Osaka", block=kinki)
    vi, pt, en = make_language("vi"), make_language("pt"), make_language("en")
    consult, classes = make_service("consultation"), make_service("japanese-classes")
    city = make_city(slug="osaka-city", name_en="Osaka", prefecture=osaka)
    make_association(name_en="A Tokyo", prefecture=tokyo, languages=[vi, en], services=[consult])
    make_association(name_en="B Chiba", prefecture=chiba, languages=[pt], services=[classes])
    make_association(name_en="C Osaka", prefecture=osaka, languages=[vi, pt])
    make_association(
        name_en="D Osaka City", prefecture=osaka, designated_city=city,
        tier=Association.Tier.DESIGNATED_CITY, languages=[en],
    )  # fmt: skip
    make_association(
        name_en="E Chiba town", prefecture=chiba, tier=Association.Tier.MUNICIPAL,
        mic_recognised=False, municipality_en="Narita",
    )  # fmt: skip


@pytest.mark.usefixtures("small_directory")
class TestListingFilters:
    def test_without_filters_it_lists_everything_by_name(self, client):
        response = client.get(LIST)
        assert response.status_code == 200
        assert names(response) == ["A Tokyo", "B Chiba", "C Osaka", "D Osaka City", "E Chiba town"]
        assert "5 associations" in response.text

    def test_block(self, client):
        assert names(client.get(LIST, {"block": "kinki"})) == ["C Osaka", "D Osaka City"]

    def test_prefecture_by_slug_or_iso_code(self, client):
        by_slug = names(client.get(LIST, {"prefecture": "chiba"}))
        assert by_slug == ["B Chiba", "E Chiba town"]
        assert names(client.get(LIST, {"prefecture": "JP-12"})) == by_slug
        assert names(client.get(LIST, {"prefecture": "jp-12"})) == by_slug

    def test_tier(self, client):
        assert names(client.get(LIST, {"tier": "municipal"})) == ["E Chiba town"]

    def test_service(self, client):
        assert names(client.get(LIST, {"service": "consultation"})) == ["A Tokyo"]

    def test_language(self, client):
        assert names(client.get(LIST, {"language": "vi"})) == ["A Tokyo", "C Osaka"]

    def test_recognised(self, client):
        assert names(client.get(LIST, {"recognised": "no"})) == ["E Chiba town"]
        assert len(names(client.get(LIST, {"recognised": "yes"}))) == 4

    def test_keyword(self, client):
        assert names(client.get(LIST, {"q": "osaka"})) == ["C Osaka", "D Osaka City"]

    def test_values_of_one_filter_combine_with_or(self, client):
        response = client.get(LIST + "?language=vi&language=pt")
        assert names(response) == ["A Tokyo", "B Chiba", "C Osaka"]

    def test_different_filters_combine_with_and(self, client):
        response = client.get(LIST + "?language=vi&language=pt&block=kanto")
        assert names(response) == ["A Tokyo", "B Chiba"]

    def test_sort_by_prefecture_then_name(self, client):
        response = client.get(LIST, {"sort": "prefecture"})
        assert names(response) == ["B Chiba", "E Chiba town", "A Tokyo", "C Osaka", "D Osaka City"]

    def test_facet_counts_match_the_orm(self, client):
        response = client.get(LIST + "?block=kanto")
        facets = {facet.name: facet for facet in response.context["facets"]}
        language_counts = {c.value: c.count for c in facets["language"].choices}
        kanto = Association.objects.in_block("kanto")
        for language in Language.objects.all():
            expected = kanto.filter(languages=language).count()
            assert language_counts[language.code] == expected
        # A facet's own filter is left out of its counts: the other block still shows.
        block_counts = {c.value: c.count for c in facets["block"].choices}
        assert block_counts == {"kanto": 3, "kinki": 2}
        assert [c.value for c in facets["block"].choices if c.selected] == ["kanto"]

    def test_active_filters_are_listed_with_a_link_that_removes_each(self, client):
        response = client.get(LIST + "?language=vi&language=pt&block=kanto&page=1")
        active = {(f.label, f.value): f.remove_url for f in response.context["active_filters"]}
        assert active[("Block", "Block 1" if False else "Kanto")] == "?language=vi&language=pt"
        assert active[("Consultation language", "vi")] == "?language=pt&block=kanto"
        removed = client.get(LIST + active[("Consultation language", "vi")])
        assert names(removed) == ["B Chiba"]

    def test_pagination_keeps_the_filters(self, client):
        for n in range(25):
            make_association(name_en=f"Z {n:02d}", prefecture=Prefecture.objects.get(slug="tokyo"))
        response = client.get(LIST, {"block": "kanto"})
        assert response.context["page_obj"].paginator.count == 28
        assert 'href="?block=kanto&amp;page=2"' in response.text
        second = client.get(LIST, {"block": "kanto", "page": 2})
        assert len(second.context["associations"]) == 8


@pytest.mark.usefixtures("small_directory")
class TestBadInput:
    @pytest.mark.parametrize(
        "query",
        [
            {"language": "xx"},
            {"prefecture": "atlantis"},
            {"tier": "galactic"},
            {"recognised": "perhaps"},
            {"sort": "password"},
            {"block": ["kanto", "kanto", "nowhere"]},
        ],
    )
    def test_unknown_filter_values_are_shown_as_errors(self, client, query):
        response = client.get(LIST, query)
        assert response.status_code == 200
        assert 'role="alert"' in response.text

    @pytest.mark.parametrize("page", ["abc", "999999999999999999999", "-1", "0", "2.5"])
    def test_a_page_that_is_not_there_gives_a_page_that_is(self, client, page):
        response = client.get(LIST, {"page": page})
        assert response.status_code == 200
        assert response.context["page_obj"].number == 1
        assert "There is no such page" in response.text

    def test_a_very_long_keyword_is_cut_not_fatal(self, client):
        response = client.get(LIST, {"q": "x" * 10_000})
        assert response.status_code == 200

    @pytest.mark.parametrize("q", ["\x00", "😀", "%", "_", "\\", "' OR 1=1 --", "\u202e", "ｱ"])
    def test_odd_unicode_and_sql_characters_are_just_text(self, client, q):
        response = client.get(LIST, {"q": q})
        assert response.status_code == 200

    def test_an_unknown_association_is_404(self, client):
        response = client.get(reverse("associations:detail", kwargs={"slug": "nope"}))
        assert response.status_code == 404


class TestQueryCounts:
    """Each page takes the same number of queries for 10 associations as for 500."""

    @pytest.fixture(params=[10, 500])
    def many(self, request):
        block = make_block(slug="kanto")
        prefecture = make_prefecture(code="JP-13", slug="tokyo", block=block)
        city = make_city(slug="city", prefecture=prefecture)
        vi, consult = make_language("vi"), make_service("consultation")
        for n in range(request.param):
            make_association(
                name_en=f"Association {n:03d}",
                prefecture=prefecture,
                languages=[vi],
                services=[consult],
                **(
                    {"tier": Association.Tier.DESIGNATED_CITY, "designated_city": city}
                    if n % 2
                    else {}
                ),
            )
        return prefecture

    def test_listing(self, client, many, django_assert_max_num_queries):
        # count, page rows (with prefecture, block and city), languages, services,
        # 6 facet counts, 4 facet vocabularies, 2 filter validations (block, language),
        # the places the keyword names (to say which one each association serves)
        with django_assert_max_num_queries(17):
            response = client.get(LIST + "?block=kanto&language=vi&q=association")
        assert response.status_code == 200

    def test_detail(self, client, many, django_assert_max_num_queries):
        association = Association.objects.first()
        # association with place, languages, services, sources; its neighbours; the
        # places it serves
        with django_assert_max_num_queries(6):
            client.get(association.get_absolute_url())

    def test_home(self, client, many, django_assert_max_num_queries):
        # prefectures with counts (tiles), blocks, their prefectures, total
        with django_assert_max_num_queries(5):
            client.get(reverse("associations:home"))

    def test_prefecture(self, client, many, django_assert_max_num_queries):
        # prefecture with block, its cities, associations, languages, services, sources,
        # its municipalities
        with django_assert_max_num_queries(8):
            client.get(many.get_absolute_url())

    def test_city(self, client, many, django_assert_max_num_queries):
        # city with prefecture and block, count, associations, languages, services,
        # sources, the city's places (itself and its wards)
        with django_assert_max_num_queries(7):
            client.get(reverse("associations:city", kwargs={"slug": "city"}))

    def test_block_and_indexes(self, client, many, django_assert_max_num_queries):
        for url in [
            reverse("associations:block", kwargs={"slug": "kanto"}),
            reverse("associations:prefectures"),
            reverse("associations:cities"),
        ]:
            with django_assert_max_num_queries(4):
                assert client.get(url).status_code == 200


class TestPhoneDisplay:
    def test_a_phone_is_a_tel_link_in_national_and_international_form(self, client):
        association = make_association(phone="053-458-2170")
        response = client.get(association.get_absolute_url())
        assert 'href="tel:+81-53-458-2170"' in response.text
        assert "053-458-2170" in response.text
        assert "+81 53-458-2170" in response.text

    def test_a_toll_free_line_says_it_cannot_be_called_from_abroad(self, client):
        association = make_association(consultation_phone="0120-783-806")
        response = client.get(association.get_absolute_url())
        assert "0120-783-806" in response.text
        assert "only from within Japan" in response.text
        assert "+81 120" not in response.text
