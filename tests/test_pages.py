"""The residents' pages against the real data."""

import json
import re

import pytest
from django.urls import reverse

from associations.models import Association, Block, DesignatedCity, Prefecture

from .htmltree import Element, page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_directory")]

LIST = reverse("associations:list")


@pytest.fixture
def hamamatsu():
    return Association.objects.get(designated_city__slug="hamamatsu")


@pytest.mark.parametrize(
    "query", ["Hamamatsu", "浜松", "はままつ", "hamamatsu city", "ﾊﾏﾏﾂ", "hamamatu", "濱松"]
)
def test_the_hamamatsu_foundation_is_found_however_typed(client, hamamatsu, query):
    response = client.get(LIST, {"q": query})
    assert hamamatsu in response.context["associations"]
    assert response.context["page_obj"].paginator.count <= 3


@pytest.mark.parametrize("query", ["Kyōto", "Kyouto", "Kyoto", "きょうと", "京都"])
def test_kyoto_is_found_with_or_without_long_vowels(client, query):
    found = {a.slug for a in client.get(LIST, {"q": query}).context["associations"]}
    expected = set(
        Association.objects.filter(prefecture__slug="kyoto").values_list("slug", flat=True)
    )
    assert found == expected
    # The prefecture's and Kyoto City's listed ones, and the municipal ones of Kyoto.
    assert (
        len(found)
        == 2 + Association.objects.filter(prefecture__slug="kyoto", tier="municipal").count()
    )


def test_the_home_page_maps_every_prefecture_with_its_count(client):
    response = client.get(reverse("associations:home"))
    tiles = response.context["tiles"]
    assert len(tiles) == 47
    shizuoka = next(t for t in tiles if t.prefecture.slug == "shizuoka")
    # Its 3 listed associations and its municipal ones.
    assert shizuoka.prefecture.association_count == shizuoka.prefecture.associations.count() > 3
    # Every tile's count is the real number of associations in its prefecture.
    for tile in tiles:
        assert tile.prefecture.association_count == tile.prefecture.associations.count()
        assert (tile.shade == 0) == (tile.prefecture.association_count == 0)
    # Nara has none on CLAIR's list, but its 2 municipal ones shade it.
    nara = next(t for t in tiles if t.prefecture.slug == "nara")
    assert nara.prefecture.association_count == 2
    assert nara.shade > 0
    assert 'href="/prefectures/shizuoka/"' in response.text
    count = shizuoka.prefecture.association_count
    assert f"Shizuoka: {count} associations" in response.text


def test_the_detail_page_shows_what_a_resident_needs(client, hamamatsu):
    response = client.get(hamamatsu.get_absolute_url())
    text = response.text
    assert hamamatsu.name_en in text
    assert f'<p class="name-ja" lang="ja">{hamamatsu.name_ja}</p>' in text
    assert 'href="tel:+81-53-458-2170"' in text
    assert "Not yet verified by CLAIR staff." in text
    assert "Facts as of" in text and "International Associations" in text
    # The English pages name each consultation language in English ("Tagalog (Filipino)"
    # is CLDR's "Tagalog").
    for language in hamamatsu.languages.all():
        assert language.name_en.split(" (")[0] in text
    # The prefecture's other associations, recognised ones first, then municipal ones.
    neighbours = [a.name for a in response.context["neighbours"]]
    assert set(neighbours[:2]) == {
        "Shizuoka Association for International Relations",
        "Shizuoka City Association for Multicultural Exchange",
    }
    assert len(neighbours) == 10


def test_the_detail_page_carries_schema_org_json_ld(client, hamamatsu):
    response = client.get(hamamatsu.get_absolute_url())
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "Organization"
    assert data["name"] == hamamatsu.name_en
    assert data["alternateName"] == hamamatsu.name_ja
    assert data["telephone"] == "+81534582170"
    assert "pt" in data["knowsLanguage"]


def test_a_prefecture_page_lists_its_block_associations_and_cities(client):
    shizuoka = Prefecture.objects.get(slug="shizuoka")
    response = client.get(shizuoka.get_absolute_url())
    assert {a.prefecture_id for a in response.context["associations"]} == {shizuoka.pk}
    # Its 3 listed associations and its municipal ones (a page holds 20).
    assert len(response.context["associations"]) == min(20, shizuoka.associations.count())
    assert shizuoka.associations.exclude(list_position=None).count() == 3
    assert "Tokai/Hokuriku" in response.text
    assert 'href="/cities/hamamatsu/"' in response.text


def test_nara_says_it_has_no_association_and_an_assumed_block(client):
    response = client.get(reverse("associations:prefecture", kwargs={"slug": "nara"}))
    # None of Nara's associations is on CLAIR's list; its 2 municipal ones are shown.
    nara = Association.objects.filter(prefecture__slug="nara")
    assert not nara.exclude(list_position=None).exists()
    assert nara.filter(tier=Association.Tier.MUNICIPAL).count() == nara.count() == 2
    assert set(response.context["associations"]) == set(nara)
    assert "No association matches." not in response.text
    assert "this one is assumed" in response.text


def test_a_city_page_lists_its_associations(client):
    response = client.get(reverse("associations:city", kwargs={"slug": "hamamatsu"}))
    assert [a.designated_city.slug for a in response.context["associations"]] == ["hamamatsu"]
    assert "2007-04-01" in response.text


def test_the_city_index_lists_all_twenty(client):
    response = client.get(reverse("associations:cities"))
    assert len(response.context["cities"]) == DesignatedCity.objects.count() == 20


def prefecture_links(element: Element) -> list[str]:
    return [a.attrs["href"] for a in element.find_all("a") if "/prefectures/" in a.attrs["href"]]


def urls(prefectures) -> list[str]:
    return [p.get_absolute_url() for p in prefectures]


def test_a_block_page_lists_its_prefectures_and_no_other(client):
    kinki = Block.objects.get(slug="kinki")
    cards = page(client.get(kinki.get_absolute_url())).find_all("li", class_="card")
    shown = [card.find("h2").find("a").attrs["href"] for card in cards]
    assert shown == [f"/prefectures/{slug}/" for slug in [
        "shiga", "kyoto", "osaka", "hyogo", "nara", "wakayama",
    ]]  # fmt: skip
    assert Prefecture.objects.get(slug="tokyo").get_absolute_url() not in shown


@pytest.mark.parametrize("slug", ["hokkaido-tohoku", "kanto", "kyushu-okinawa"])
def test_every_block_page_shows_only_its_own_prefectures_with_their_counts(client, slug):
    block = Block.objects.get(slug=slug)
    cards = page(client.get(block.get_absolute_url())).find_all("li", class_="card")
    own = Prefecture.objects.in_block(block)
    assert [card.find("h2").find("a").attrs["href"] for card in cards] == urls(own)
    for card, prefecture in zip(cards, own, strict=True):
        count = Association.objects.filter(prefecture=prefecture).count()
        assert card.find_all("p")[0].text == f"{count} association{'' if count == 1 else 's'}"


def rendered_blocks(sections: list[Element]) -> dict[str, list[str]]:
    """Each block section's link to its block, with the prefecture links under it."""
    shown = {}
    for section in sections:
        heading = next(e for e in section.iter() if e.tag in ("h2", "h3"))
        shown[heading.find("a").attrs["href"]] = prefecture_links(section.find("ul"))
    return shown


def expected_blocks() -> dict[str, list[str]]:
    return {b.get_absolute_url(): urls(b.prefectures.order_by("code")) for b in Block.objects.all()}


def test_the_prefecture_index_shows_each_prefecture_once_under_its_block(client):
    main = page(client.get(reverse("associations:prefectures"))).find("main")
    shown = rendered_blocks(main.find_all("section"))
    assert shown == expected_blocks()
    assert sum(len(links) for links in shown.values()) == 47
    counts = {li.find("a").attrs["href"]: li.find("span", class_="count").text
              for li in main.find_all("li")}  # fmt: skip
    for prefecture in Prefecture.objects.all():
        expected = Association.objects.filter(prefecture=prefecture).count()
        assert counts[prefecture.get_absolute_url()] == f"({expected})"


def test_the_home_page_browses_each_block_with_its_own_prefectures(client):
    main = page(client.get(reverse("associations:home"))).find("main")
    assert rendered_blocks(main.find_all("section", class_="block")) == expected_blocks()


def test_the_sources_page_lists_every_source_with_an_anchor(client):
    response = client.get(reverse("associations:sources"))
    assert 'id="doc-003"' in response.text
    assert "(date not stated)" in response.text


def test_pages_have_title_description_canonical_and_hreflang(client, hamamatsu):
    text = client.get(hamamatsu.get_absolute_url()).text
    assert f"<title>{hamamatsu.name_en} · " in text
    assert '<meta name="description"' in text
    assert f'<link rel="canonical" href="http://testserver{hamamatsu.get_absolute_url()}">' in text
    assert f'hreflang="vi" href="http://testserver/vi{hamamatsu.get_absolute_url()}"' in text
    assert 'hreflang="x-default"' in text


def test_the_sitemap_lists_every_association_in_every_language(client, hamamatsu):
    response = client.get(reverse("sitemap_section", kwargs={"section": "associations"}))
    assert response.status_code == 200
    assert f"http://testserver{hamamatsu.get_absolute_url()}" in response.text
    assert f"http://testserver/ja{hamamatsu.get_absolute_url()}" in response.text
