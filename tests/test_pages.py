"""The residents' pages against the real data."""

import json
import re

import pytest
from django.urls import reverse

from associations.models import Association, Block, DesignatedCity, Prefecture

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
    assert len(found) == 2


def test_the_home_page_maps_every_prefecture_with_its_count(client):
    response = client.get(reverse("associations:home"))
    tiles = response.context["tiles"]
    assert len(tiles) == 47
    shizuoka = next(t for t in tiles if t.prefecture.slug == "shizuoka")
    assert shizuoka.prefecture.association_count == 3
    nara = next(t for t in tiles if t.prefecture.slug == "nara")
    assert nara.shade == 0
    assert 'href="/prefectures/shizuoka/"' in response.text
    assert "Shizuoka: 3 associations" in response.text


def test_the_detail_page_shows_what_a_resident_needs(client, hamamatsu):
    response = client.get(hamamatsu.get_absolute_url())
    text = response.text
    assert hamamatsu.name_en in text
    assert f'<p class="name-ja" lang="ja">{hamamatsu.name_ja}</p>' in text
    assert 'href="tel:+81-53-458-2170"' in text
    assert "Not yet verified by CLAIR staff." in text
    assert "Facts as of" in text and "International Associations" in text
    for language in hamamatsu.languages.all():
        assert language.name_native in text
    neighbours = {a.name_en for a in response.context["neighbours"]}
    assert neighbours == {
        "Shizuoka Association for International Relations",
        "Shizuoka City Association for Multicultural Exchange",
    }


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
    assert len(response.context["associations"]) == 3
    assert "Tokai/Hokuriku" in response.text
    assert 'href="/cities/hamamatsu/"' in response.text


def test_nara_says_it_has_no_association_and_an_assumed_block(client):
    response = client.get(reverse("associations:prefecture", kwargs={"slug": "nara"}))
    assert "No association matches." in response.text
    assert "this one is assumed" in response.text


def test_a_city_page_lists_its_associations(client):
    response = client.get(reverse("associations:city", kwargs={"slug": "hamamatsu"}))
    assert [a.designated_city.slug for a in response.context["associations"]] == ["hamamatsu"]
    assert "2007-04-01" in response.text


def test_the_city_index_lists_all_twenty(client):
    response = client.get(reverse("associations:cities"))
    assert len(response.context["cities"]) == DesignatedCity.objects.count() == 20


def test_a_block_page_lists_its_prefectures(client):
    kinki = Block.objects.get(slug="kinki")
    response = client.get(kinki.get_absolute_url())
    assert [p.slug for p in response.context["prefectures"]] == [
        "shiga", "kyoto", "osaka", "hyogo", "nara", "wakayama",
    ]  # fmt: skip


def test_the_prefecture_index_groups_by_block(client):
    response = client.get(reverse("associations:prefectures"))
    assert sum(b.prefectures.count() for b in response.context["blocks"]) == 47


def test_the_sources_page_lists_every_source_with_an_anchor(client):
    response = client.get(reverse("associations:sources"))
    assert 'id="doc-003"' in response.text
    assert "(undated)" in response.text


def test_pages_have_title_description_canonical_and_hreflang(client, hamamatsu):
    text = client.get(hamamatsu.get_absolute_url()).text
    assert f"<title>{hamamatsu.name_en} · " in text
    assert '<meta name="description"' in text
    assert f'<link rel="canonical" href="http://testserver{hamamatsu.get_absolute_url()}">' in text
    assert f'hreflang="vi" href="http://testserver/vi{hamamatsu.get_absolute_url()}"' in text
    assert 'hreflang="x-default"' in text


def test_the_sitemap_lists_every_association_in_every_language(client, hamamatsu):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert f"http://testserver{hamamatsu.get_absolute_url()}" in response.text
    assert f"http://testserver/ja{hamamatsu.get_absolute_url()}" in response.text
