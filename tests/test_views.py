import json

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from associations import localnames
from associations.filters import AssociationFilter
from associations.models import Association, Language, Prefecture

from .conftest import (
    make_association,
    make_associations,
    make_block,
    make_centre,
    make_city,
    make_language,
    make_prefecture,
    make_service,
)
from .htmltree import page

pytestmark = pytest.mark.django_db

LIST = reverse("associations:list")


def names(response) -> list[str]:
    return [a.name for a in response.context["associations"]]


def facet(response, name: str) -> dict[str, tuple[bool, int]]:
    """One facet's choices as the page renders them: value -> (checked, count)."""
    form = page(response).find("form", class_="facets")
    choices = {}
    # A facet shown as a grouped select: "Tokyo · 東京都 (1)".
    for option in form.find_all("option"):
        if option.parent.tag == "optgroup" and option.parent.parent.attrs["name"] == name:
            count = int(option.text.rsplit("(", 1)[1].rstrip(")"))
            choices[option.attrs["value"]] = ("selected" in option.attrs, count)
    for label in form.find_all("label"):
        inputs = label.find_all("input", name=name)
        if inputs and inputs[0].attrs["value"]:
            count = int(label.find("span", class_="count").text.strip("()"))
            choices[inputs[0].attrs["value"]] = ("checked" in inputs[0].attrs, count)
    return choices


def counts(response, name: str) -> dict[str, int]:
    return {value: count for value, (_, count) in facet(response, name).items()}


def chips(response) -> dict[str, str]:
    """The filters in use as the page shows them: "Label: value" -> link that removes it."""
    section = page(response).find("section", class_="active-filters")
    return {
        "".join(text for text in a.children if isinstance(text, str)).strip(): a.attrs["href"]
        for a in section.find_all("a", class_="chip")
    }


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
    def test_without_filters_it_lists_everything_by_place_north_to_south_then_name(self, client):
        response = client.get(LIST)
        assert response.status_code == 200
        # Chiba (JP-12), Tokyo (JP-13), Osaka (JP-27): the order of the prefecture codes.
        assert names(response) == ["B Chiba", "E Chiba town", "A Tokyo", "C Osaka", "D Osaka City"]
        assert "5 associations" in response.text
        sort = page(response).find("select", name="sort")
        assert [o.attrs["value"] for o in sort.find_all("option") if "selected" in o.attrs] == [
            "prefecture"
        ]

    def test_sort_by_name_on_request(self, client):
        response = client.get(LIST, {"sort": "name"})
        assert names(response) == ["A Tokyo", "B Chiba", "C Osaka", "D Osaka City", "E Chiba town"]

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

    def test_a_keyword_with_many_matches_lists_and_counts_as_one_with_few(
        self, client, monkeypatch, settings
    ):
        settings.PAGE_CACHE_SECONDS = 0  # both renderings, not the first one twice

        # Past AssociationFilter.KEYWORD_IDS matches the keyword goes into the page's queries
        # as a subquery instead of a list of ids: the same page either way.
        def shown(response):
            facets = response.context["facets"]
            counts = {f.name: [(c.value, c.count) for c in f.choices] for f in facets}
            return names(response), response.context["page_obj"].paginator.count, counts

        few = shown(client.get(LIST, {"q": "osaka"}))
        monkeypatch.setattr(AssociationFilter, "KEYWORD_IDS", 1)
        many = shown(client.get(LIST, {"q": "osaka"}))
        assert few == many
        assert few[0] == ["C Osaka", "D Osaka City"]

    def test_values_of_one_filter_combine_with_or(self, client):
        response = client.get(LIST + "?language=vi&language=pt")
        assert names(response) == ["B Chiba", "A Tokyo", "C Osaka"]

    def test_different_filters_combine_with_and(self, client):
        response = client.get(LIST + "?language=vi&language=pt&block=kanto")
        assert names(response) == ["B Chiba", "A Tokyo"]

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
        # Languages are named in the page's language (by CLDR; see test_i18n_names.py).
        vi, pt = (
            localnames.language_plain_name(Language.objects.get(code=c)) for c in ["vi", "pt"]
        )
        # The page number goes with any change of filter: the new listing starts at page 1.
        # The page sees its parameters sorted (see caching.page_query), whatever their order.
        assert chips(response) == {
            "Block: Kanto": "?language=pt&language=vi",
            f"Consultation language: {vi}": "?block=kanto&language=pt",
            f"Consultation language: {pt}": "?block=kanto&language=vi",
        }
        removed = client.get(LIST + chips(response)[f"Consultation language: {vi}"])
        assert names(removed) == ["B Chiba"]
        keyword = client.get(LIST + "?q=osaka&tier=prefectural&page=1")
        assert chips(keyword) == {
            "Keyword: osaka": "?tier=prefectural",
            "Tier: Prefectural": "?q=osaka",
        }
        assert not page(client.get(LIST)).find_all("section", class_="active-filters")

    def test_a_lower_case_iso_code_selects_its_prefecture(self, client):
        response = client.get(LIST, {"prefecture": "jp-13"})
        assert names(response) == ["A Tokyo"]
        assert facet(response, "prefecture")["tokyo"] == (True, 1)
        assert [value for value, (checked, _) in facet(response, "prefecture").items()
                if checked] == ["tokyo"]  # fmt: skip
        assert chips(response) == {"Prefecture: Tokyo": "?"}
        # Several prefectures in the URL are all kept: shown as boxes, open, all ticked.
        several = client.get(LIST, {"prefecture": ["jp-13", "chiba"]})
        assert names(several) == ["B Chiba", "E Chiba town", "A Tokyo"]
        boxes = facet(several, "prefecture")
        assert {value for value, (checked, _) in boxes.items() if checked} == {"tokyo", "chiba"}
        details = page(several).find("input", name="prefecture", value="tokyo").parent.parent
        assert "open" in details.parent.attrs

    def test_recognition_counts_say_how_many_are_and_are_not_recognised(self, client):
        assert facet(client.get(LIST), "recognised") == {"yes": (False, 4), "no": (False, 1)}
        # Other filters narrow the counts; the facet's own choice does not.
        assert counts(client.get(LIST, {"block": "kinki"}), "recognised") == {"yes": 2, "no": 0}
        chosen = client.get(LIST, {"recognised": "no", "block": "kanto"})
        assert facet(chosen, "recognised") == {"yes": (False, 2), "no": (True, 1)}

    def test_the_keyword_narrows_every_facet_count(self, client):
        response = client.get(LIST, {"q": "osaka"})
        assert counts(response, "block") == {"kanto": 0, "kinki": 2}
        assert counts(response, "prefecture") == {"chiba": 0, "tokyo": 0, "osaka": 2}
        assert counts(response, "tier") == {"prefectural": 1, "designated_city": 1, "municipal": 0}
        assert counts(response, "language") == {"vi": 1, "pt": 1, "en": 1}
        assert counts(response, "service") == {"consultation": 0, "japanese-classes": 0}
        assert counts(response, "recognised") == {"yes": 2, "no": 0}

    def test_each_facet_counts_without_its_own_choice_but_with_the_others(self, client):
        response = client.get(LIST + "?language=vi&tier=prefectural")
        # Another language widens the listing: pt would add B Chiba (prefectural, pt).
        assert counts(response, "language") == {"vi": 2, "pt": 2, "en": 1}
        assert counts(response, "tier") == {"prefectural": 2, "designated_city": 0, "municipal": 0}
        assert counts(response, "prefecture") == {"chiba": 0, "tokyo": 1, "osaka": 1}
        assert counts(response, "service") == {"consultation": 1, "japanese-classes": 0}

    def test_pagination_keeps_the_filters(self, client):
        for n in range(25):
            make_association(name_en=f"Z {n:02d}", prefecture=Prefecture.objects.get(slug="tokyo"))
        response = client.get(LIST, {"block": "kanto"})
        assert response.context["page_obj"].paginator.count == 28
        assert 'href="?block=kanto&amp;page=2"' in response.text
        second = client.get(LIST, {"block": "kanto", "page": 2})
        assert len(second.context["associations"]) == 8
        # A page that is there is shown without the notice for pages that are not.
        assert not page(second).find_all("p", class_="notice")
        assert page(second).find("a", rel="prev").attrs["href"] == "?block=kanto&page=1"

    def test_downloads_carry_the_filters_but_not_the_page(self, client):
        response = client.get(LIST + "?block=kinki&language=vi&page=1")
        downloads = {a.text: a.attrs["href"] for a in page(response).find_all("a", download="")}
        assert downloads == {
            "CSV (Excel)": "/associations/export.csv?block=kinki&language=vi",
            "JSON": "/associations/export.json?block=kinki&language=vi",
            "vCards": "/associations/export.vcf?block=kinki&language=vi",
        }

    def test_equal_sort_keys_are_ordered_by_name_whatever_the_order_of_entry(self, client):
        tokyo = Prefecture.objects.get(slug="tokyo")
        for name in ["Z Tokyo", "M Tokyo", "B Tokyo"]:
            make_association(name_en=name, prefecture=tokyo)
        response = client.get(LIST, {"sort": "prefecture"})
        assert names(response) == [
            "B Chiba", "E Chiba town", "A Tokyo", "B Tokyo", "M Tokyo", "Z Tokyo",
            "C Osaka", "D Osaka City",
        ]  # fmt: skip

    def test_an_association_known_only_by_its_japanese_name_sorts_after_the_english_names(
        self, client
    ):
        # A blank English name would otherwise sort before every other name.
        chiba = Prefecture.objects.get(slug="chiba")
        make_association(
            name_en="", name_ja="成田市国際交流協会", prefecture=chiba, municipality_ja="成田市",
            tier=Association.Tier.MUNICIPAL, mic_recognised=False,
        )  # fmt: skip
        make_association(
            name_en="", name_ja="千葉市国際交流協会", prefecture=chiba, municipality_ja="千葉市",
            tier=Association.Tier.MUNICIPAL, mic_recognised=False,
        )  # fmt: skip
        by_place = names(client.get(LIST))
        chiba_first = ["B Chiba", "E Chiba town", "千葉市国際交流協会", "成田市国際交流協会"]
        assert by_place[:4] == chiba_first
        by_name = names(client.get(LIST, {"sort": "name"}))
        assert by_name[-3:] == ["E Chiba town", "千葉市国際交流協会", "成田市国際交流協会"]

    def test_the_japanese_interface_names_places_in_japanese_first(self, client):
        tokyo = Prefecture.objects.get(slug="tokyo")
        with translation.override("ja"):
            url = reverse("associations:list")
        option = page(client.get(url)).find("option", value="tokyo")
        assert option.text.startswith(f"{tokyo.name_ja} · Tokyo (")
        option = page(client.get(LIST)).find("option", value="tokyo")
        assert option.text.startswith(f"Tokyo · {tokyo.name_ja} (")
        # The blocks, still boxes, say the same in the same order.
        label = page(client.get(url)).find("input", name="block", value="kanto").parent
        spans = label.find_all("span")
        assert (spans[1].text, spans[1].attrs["lang"]) == ("Kanto", "en")


@pytest.mark.usefixtures("small_directory")
class TestListingForResidents:
    """The listing as a resident on a phone meets it (issue #13)."""

    def test_the_filters_are_one_closed_disclosure_that_counts_the_filters_in_use(self, client):
        details = page(client.get(LIST + "?block=kanto&language=vi")).find(
            "details", class_="filters-panel"
        )
        assert "open" not in details.attrs
        assert details.find_all("summary")[0].text == "Filters · 2 active"
        assert details.find("form", class_="facets")
        plain = page(client.get(LIST)).find("details", class_="filters-panel")
        assert plain.find_all("summary")[0].text == "Filters"

    def test_the_results_come_before_the_filters_are_opened_and_can_be_skipped_to(self, client):
        tree = page(client.get(LIST))
        skip = tree.find("a", class_="skip-link")
        assert (skip.text, skip.attrs["href"]) == ("Skip to results", "#results")
        results = tree.find("section", id="results")
        assert results.attrs["tabindex"] == "-1"

    def test_place_and_language_come_first_tier_and_recognition_last_and_folded(self, client):
        form = page(client.get(LIST)).find("form", class_="facets")
        controls = [e.attrs["name"] for e in form.iter() if e.tag in ("input", "select")]
        order = [name for n, name in enumerate(controls) if name not in controls[:n]]
        assert order == ["q", "block", "prefecture", "language", "service", "tier", "recognised",
                         "sort"]  # fmt: skip
        folded = {
            d.find_all("input")[-1].attrs["name"]
            for d in form.find_all("details", class_="facet")
            if "open" not in d.attrs
        }
        assert folded == {"tier", "recognised"}

    def test_the_prefecture_is_one_choice_in_a_select_grouped_by_block(self, client):
        select = page(client.get(LIST, {"prefecture": "tokyo"})).find("select", name="prefecture")
        groups = {
            group.attrs["label"]: [o.attrs["value"] for o in group.find_all("option")]
            for group in select.find_all("optgroup")
        }
        kinki = Prefecture.objects.get(slug="osaka").block.name_en
        assert groups == {"Kanto": ["chiba", "tokyo"], kinki: ["osaka"]}
        assert [o.attrs["value"] for o in select.find_all("option") if "selected" in o.attrs] == [
            "tokyo"
        ]
        # Its "Any" sends an empty value, which chooses no prefecture rather than an error
        # (django-filter drops empty values of a multiple choice).
        response = client.get(LIST + "?prefecture=&block=kinki")
        assert response.status_code == 200 and not response.context["filterset"].errors
        assert names(response) == ["C Osaka", "D Osaka City"]
        chosen = page(client.get(LIST, {"tier": "municipal"})).find("input", value="municipal")
        assert "open" in chosen.parent.parent.parent.attrs

    def test_choices_that_would_give_nothing_go_last_unless_chosen(self, client):
        # With osaka as the keyword, Kanto (first north to south) gives nothing.
        assert list(counts(client.get(LIST, {"q": "osaka"}), "block")) == ["kinki", "kanto"]
        assert list(counts(client.get(LIST), "block")) == ["kanto", "kinki"]
        chosen = client.get(LIST, {"q": "osaka", "block": "kanto"})
        assert list(counts(chosen, "block")) == ["kanto", "kinki"]

    def test_the_readers_own_language_is_offered_first_and_one_tap_away(self, client):
        with translation.override("vi"):
            url = reverse("associations:list")
        tree = page(client.get(url, {"block": "kanto", "page": "1"}))
        languages = [i.attrs["value"] for i in tree.find_all("input", name="language")]
        assert languages[0] == "vi"
        link = tree.find("p", class_="own-language").find("a")
        with translation.override("vi"):
            vietnamese = localnames.language_plain_name(Language.objects.get(code="vi"))
            expected = translation.gettext("Help in %(language)s (%(number)s)") % {
                "language": vietnamese,
                "number": 1,
            }
        assert link.text == expected
        assert names(client.get(url + link.attrs["href"])) == ["A Tokyo"]
        # Not offered once chosen, nor where no association speaks it.
        assert not page(client.get(url, {"language": "vi"})).find_all("p", class_="own-language")
        assert not page(client.get(url, {"block": "kinki", "tier": "municipal"})).find_all(
            "p", class_="own-language"
        )

    def test_an_empty_result_in_portuguese_uses_the_plural(self, client):
        with translation.override("pt"):
            url = reverse("associations:list")
        heading = page(client.get(url, {"q": "no-such-association"})).find(
            "h2", id="results-heading"
        )
        assert heading.text == "0 associações"
        one = page(client.get(url, {"q": "A Tokyo"})).find("h2", id="results-heading")
        assert one.text == "1 associação"


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

    # Not `page`: pytest-playwright has a fixture of that name, which had this test
    # parametrised for Chromium.
    @pytest.mark.parametrize("number", ["abc", "999999999999999999999", "-1", "0", "2.5"])
    def test_a_page_that_is_not_there_gives_a_page_that_is(self, client, number):
        response = client.get(LIST, {"page": number})
        assert response.status_code == 200
        assert response.context["page_obj"].number == 1
        assert "There is no such page" in response.text

    def test_a_keyword_is_shown_back_as_text_never_as_markup(self, client):
        attack = '"><script>alert(1)</script><b x="'
        response = client.get(LIST, {"q": attack})
        tree = page(response)
        assert tree.find("input", id_="facet-q").attrs["value"] == attack
        assert chips(response) == {f"Keyword: {attack}": "?"}
        assert not [s for s in tree.find_all("script") if "alert" in s.text]
        assert not tree.find_all("b")

    def test_a_bad_filter_value_is_named_in_the_error_as_text(self, client):
        response = client.get(LIST, {"prefecture": "<img src=x onerror=alert(1)>"})
        alert = page(response).find("div", role="alert")
        assert "<img src=x onerror=alert(1)> is not one of the available choices" in alert.text
        assert not alert.find_all("img")

    def test_chosen_values_are_checked_against_the_kept_vocabularies_not_a_query(
        self, client, settings
    ):
        settings.PAGE_CACHE_SECONDS = 0
        query = {
            "block": "kinki",
            "prefecture": "JP-27",
            "language": "vi",
            "service": "consultation",
        }
        client.get(LIST, query)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LIST, query)
        assert names(response) == [] and not page(response).find_all("div", role="alert")
        assert response.context["filterset"].form.cleaned_data["service"] == ["consultation"]
        vocabularies = ("block", "prefecture", "language", "service")
        read = [q["sql"] for q in queries if any(f'FROM "associations_{v}"' in q["sql"]
                                                 for v in vocabularies)]  # fmt: skip
        assert read == []
        # and what is not in them is still refused, by name
        for name, value in [("block", "kinkii"), ("language", "xx"), ("service", "vi")]:
            alert = page(client.get(LIST, {name: value})).find("div", role="alert")
            assert f"{value} is not one of the available choices" in alert.text

    def test_a_very_long_keyword_is_cut_not_fatal(self, client):
        response = client.get(LIST, {"q": "x" * 10_000})
        assert response.status_code == 200

    # A NUL is refused before any view: tests/test_errors.py.
    @pytest.mark.parametrize("q", ["😀", "%", "_", "\\", "' OR 1=1 --", "\u202e", "ｱ"])
    def test_odd_unicode_and_sql_characters_are_just_text(self, client, q):
        response = client.get(LIST, {"q": q})
        assert response.status_code == 200

    def test_an_unknown_association_is_404(self, client):
        response = client.get(reverse("associations:detail", kwargs={"slug": "nope"}))
        assert response.status_code == 404


class TestDetail:
    def neighbours(self, client, association) -> list[str]:
        tree = page(client.get(association.get_absolute_url()))
        headings = [h for h in tree.find_all("h2") if h.text.startswith("Other associations in")]
        if not headings:
            return []
        return [a.text for a in headings[0].next_element.find_all("a")]

    def test_its_main_content_is_not_dressed_as_small_print(self, client):
        association = make_association(name_en="A Tokyo")
        tree = page(client.get(association.get_absolute_url()))
        wrapper = tree.find("main").find("div")
        # Page wrappers are named page-<page>; the small print is only the small print.
        assert "page-association" in wrapper.classes
        assert not wrapper.classes & {"detail", "small-print"}

    def test_it_lists_the_other_associations_of_its_prefecture_recognised_first(self, client):
        shizuoka, aichi = make_prefecture(name_en="Shizuoka"), make_prefecture()
        me = make_association(name_en="M Me", prefecture=shizuoka)
        make_association(
            name_en="A Town", prefecture=shizuoka, tier=Association.Tier.MUNICIPAL,
            mic_recognised=False, municipality_en="Iwata",
        )  # fmt: skip
        make_association(name_en="Z Recognised", prefecture=shizuoka)
        make_association(name_en="B Recognised", prefecture=shizuoka)
        make_association(
            name_en="", name_ja="磐田市国際交流協会", prefecture=shizuoka,
            tier=Association.Tier.MUNICIPAL, mic_recognised=False, municipality_ja="磐田市",
        )  # fmt: skip
        make_association(name_en="Elsewhere", prefecture=aichi)
        assert self.neighbours(client, me) == [
            "B Recognised", "Z Recognised", "A Town", "磐田市国際交流協会",
        ]  # fmt: skip

    def test_a_name_cannot_close_the_json_ld_script_it_sits_in(self, client):
        name = "</script><script>alert(1)</script> & <!--"
        association = make_association(name_en=name, address="<b>1-2-3</b>")
        tree = page(client.get(association.get_absolute_url()))
        scripts = tree.find_all("script")
        assert not [script for script in scripts if script.text.startswith("alert")]
        (json_ld,) = [s for s in scripts if s.attrs.get("type") == "application/ld+json"]
        data = json.loads(json_ld.text)
        assert (data["name"], data["address"]["streetAddress"]) == (name, "<b>1-2-3</b>")
        assert tree.find("h1").text == name
        assert not tree.find_all("b")

    def test_it_lists_ten_neighbours_at_most_and_none_when_alone(self, client):
        prefecture = make_prefecture()
        me = make_association(prefecture=prefecture)
        assert self.neighbours(client, me) == []
        for n in range(11):
            make_association(name_en=f"N {n:02d}", prefecture=prefecture)
        assert self.neighbours(client, me) == [f"N {n:02d}" for n in range(10)]


class TestQueryCounts:
    """Each page takes the same number of queries for 10 associations as for 500."""

    # Built once for the class for each size and rolled back after it: the tests only
    # read these records (each test's own transaction undoes anything it might write).
    @pytest.fixture(scope="class", params=[10, 500])
    @classmethod
    def many(cls, request, django_db_setup, django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            yield cls.build(request.param)
            transaction.set_rollback(True)

    @staticmethod
    def build(size: int) -> Prefecture:
        block = make_block(slug="kanto")
        prefecture = make_prefecture(code="JP-13", slug="tokyo", block=block)
        city = make_city(slug="city", prefecture=prefecture)
        vi, consult = make_language("vi"), make_service("consultation")
        make_associations(
            size,
            languages=[vi],
            services=[consult],
            name_en=lambda n: f"Association {n:03d}",
            prefecture=prefecture,
            tier=lambda n: (
                Association.Tier.DESIGNATED_CITY if n % 2 else Association.Tier.PREFECTURAL
            ),
            designated_city=lambda n: city if n % 2 else None,
        )
        make_centre(prefecture=prefecture, phone="03-1234-5678")
        return prefecture

    def test_listing(self, client, many, django_assert_max_num_queries):
        # count, page rows (their keys; then, for the cards not kept, with prefecture,
        # block and city), languages, services,
        # 6 facet counts, 4 facet vocabularies, 2 filter validations (block, language),
        # the places the keyword names (to say which one each association serves), the
        # search itself (once, four queries: by name, the places named, who serves them,
        # staff links), how many have published their languages (a language is chosen: a
        # query of its own)
        with django_assert_max_num_queries(20):
            response = client.get(LIST + "?block=kanto&language=vi&q=association")
        assert response.status_code == 200

    def test_detail(self, client, many, django_assert_max_num_queries, settings):
        settings.PAGE_CACHE_SECONDS = 0  # the second request renders its page too
        association = Association.objects.first()
        # association with place, languages, services, sources, locations, desks (no hours
        # or desk details to read: it has no locations or desks); neighbours; the places it
        # serves. The record and its sections are kept after that: no query.
        with django_assert_max_num_queries(8):
            client.get(association.get_absolute_url())
        with django_assert_max_num_queries(0):
            client.get(association.get_absolute_url())

    def test_home(self, client, many, django_assert_max_num_queries):
        # prefectures with counts (tiles), blocks, their prefectures, total
        with django_assert_max_num_queries(5):
            client.get(reverse("associations:home"))

    def test_prefecture(self, client, many, django_assert_max_num_queries):
        # prefecture with block, its cities, associations (their keys, then the rows of
        # the cards not kept), languages, services, sources, its municipalities, its
        # one-stop centres and their sources
        with django_assert_max_num_queries(11):
            client.get(many.get_absolute_url())

    def test_city(self, client, many, django_assert_max_num_queries):
        # city with prefecture and block, count, associations (their keys, then the rows
        # of the cards not kept), languages, services, sources, the city's places (itself
        # and its wards)
        with django_assert_max_num_queries(8):
            client.get(reverse("associations:city", kwargs={"slug": "city"}))

    def test_block_and_indexes(self, client, many, django_assert_max_num_queries):
        for url in [
            reverse("associations:block", kwargs={"slug": "kanto"}),
            reverse("associations:prefectures"),
            reverse("associations:cities"),
        ]:
            with django_assert_max_num_queries(4):
                assert client.get(url).status_code == 200
