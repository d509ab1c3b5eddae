"""National help lines: sourced records staff edit, shown where the listing finds nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from associations.models import HelpLine

from .conftest import make_association, make_help_line, make_language, make_prefecture
from .htmltree import page

pytestmark = pytest.mark.django_db
LISTING = reverse("associations:list")


@pytest.fixture
def shizuoka_and_aichi():
    vietnamese, nepali = make_language("vi"), make_language("ne")
    shizuoka = make_prefecture(slug="shizuoka-test", name_en="Shizuoka")
    aichi = make_prefecture(slug="aichi-test", name_en="Aichi")
    make_association(prefecture=shizuoka, languages=[vietnamese])
    make_association(prefecture=aichi, languages=[nepali])
    make_association(prefecture=aichi, languages=[nepali, vietnamese])
    return shizuoka, aichi


def test_an_empty_listing_says_which_filter_to_drop_and_what_it_would_show(
    client, shizuoka_and_aichi
):
    shizuoka, _aichi = shizuoka_and_aichi
    tree = page(client.get(LISTING, {"prefecture": shizuoka.code, "language": "ne"}))
    items = tree.find("ul", class_="relaxations").find_all("li")
    offers = [(li.find("a").attrs["href"], li.text) for li in items]
    # Dropping the language leaves Shizuoka's one; dropping the prefecture, Nepali's two.
    assert offers[0][1].endswith(": 2 associations") and "ne" not in offers[1][0]
    assert "language=ne" in offers[0][0] and "prefecture" not in offers[0][0]
    assert offers[1][1].endswith(": 1 association")
    # Each offer is a link to a listing that really has that many.
    for href, text in offers:
        shown = client.get(LISTING + href).context["page_obj"].paginator.count
        assert text.endswith(f": {shown} associations") or text.endswith(f": {shown} association")


def test_an_empty_listing_offers_the_place_lookup_and_the_national_lines(
    client, shizuoka_and_aichi
):
    line = make_help_line(name_en="Police", number="110", kind=HelpLine.Kind.EMERGENCY)
    shizuoka, _ = shizuoka_and_aichi
    tree = page(client.get(LISTING, {"prefecture": shizuoka.code, "language": "ne"}))
    empty = tree.find("div", class_="empty")
    assert reverse("associations:places") in [a.attrs["href"] for a in empty.find_all("a")]
    call = empty.find("li", id_=line.slug).find("a", class_="call")
    assert call.attrs["href"] == "tel:110"
    # The lines are records staff edit, not text in a template.
    line.number = "0570-000110"
    line.save()
    tree = page(client.get(LISTING, {"prefecture": shizuoka.code, "language": "ne"}))
    assert tree.find("li", id_=line.slug).find("a", class_="call").attrs["href"] == (
        "tel:0570-000110"
    )


def test_a_listing_with_results_does_not_show_the_help(client, shizuoka_and_aichi):
    make_help_line()
    response = client.get(LISTING, {"language": "vi"})
    assert response.context["page_obj"].paginator.count == 2
    assert "help_lines" not in response.context
    assert not page(response).find_all("ul", class_="relaxations")


def test_the_empty_listing_takes_a_bounded_number_of_queries(client, shizuoka_and_aichi):
    shizuoka, _ = shizuoka_and_aichi
    query = {"prefecture": shizuoka.code, "language": "ne"}
    make_help_line(languages=[make_language("vi")])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(LISTING, query)
        return len(captured)

    before = queries()
    for _ in range(5):
        make_help_line(languages=[make_language("vi"), make_language("ne")])
    assert queries() == before


def test_suggestions_are_counted_for_the_first_six_filters_only(client, shizuoka_and_aichi):
    codes = ["xa", "xb", "xc", "xd", "xe", "xf", "xg", "xh", "xi", "xj"]
    for code in codes:
        make_language(code)
    with CaptureQueriesContext(connection) as captured:
        client.get(LISTING, {"language": codes})
    counts = [q["sql"] for q in captured if 'COUNT(*) AS "__count"' in q["sql"]]
    # One per suggestion (the listing's own total comes with the facet counts).
    assert len(counts) == 6


def test_the_help_lines_page_shows_each_line_with_its_source(client):
    line = make_help_line(name_en="FRESC Help Desk", name_ja="FRESCヘルプデスク", free_call=True)
    tree = page(client.get(reverse("associations:help_lines")))
    item = tree.find("li", id_=line.slug)
    assert item.find("h2").text == "FRESC Help Desk"
    assert "Free call" in item.text
    assert line.sources.first().title in item.find("p", class_="provenance").text
    assert line.get_absolute_url() == reverse("associations:help_lines") + f"#{line.slug}"


class TestRealFixtures:
    pytestmark = pytest.mark.usefixtures("real_directory")

    def test_the_emergency_numbers_and_the_national_desks_load_with_sources(self):
        lines = {line.slug: line for line in HelpLine.objects.all()}
        assert lines["police-110"].number == "110"
        assert lines["fire-ambulance-119"].number == "119"
        assert {"fresc-help-desk", "isa-information-centre"} <= set(lines)
        for line in lines.values():
            assert line.sources.exists(), line.slug
            for source in line.sources.all():
                assert source.url and source.title, source.key
