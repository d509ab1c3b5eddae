"""What search engines read: robots.txt, the sitemap index and its sections, hreflang."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils.timezone import localtime

from .conftest import make_association, make_city, make_office
from .htmltree import page

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
SECTIONS = ["pages", "associations", "prefectures", "cities", "blocks", "offices", "places"]


def xml(response) -> ET.Element:
    assert response.status_code == 200
    return ET.fromstring(response.content)


def section_url(section: str) -> str:
    return reverse("sitemap_section", kwargs={"section": section})


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_off_exports(client, settings):
    settings.ADMIN_PATH = "backstage-4f7a/"
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    assert lines[0] == "User-agent: *"
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /api/" in lines
    assert "Disallow: /associations/export." in lines
    assert "Disallow: /*/associations/export." in lines
    # robots.txt is public: naming a configured admin path would publish it.
    assert "backstage" not in response.text


def test_the_sitemap_index_lists_every_section(client):
    make_association()
    index = xml(client.get("/sitemap.xml"))
    locations = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]
    assert locations == [f"http://testserver{section_url(s)}" for s in SECTIONS]
    dated = {
        entry.find("sm:loc", NS).text: entry.find("sm:lastmod", NS)
        for entry in index.findall("sm:sitemap", NS)
    }
    assert dated[f"http://testserver{section_url('associations')}"] is not None


def test_each_association_url_has_its_last_change_as_lastmod(client):
    association = make_association(slug="hice")
    association.email = "info@example.jp"
    association.save()
    changed = association.history.latest("history_date").history_date
    section = xml(client.get(section_url("associations")))
    urls = {u.find("sm:loc", NS).text: u for u in section.findall("sm:url", NS)}
    english = urls["http://testserver/associations/hice/"]
    assert english.find("sm:lastmod", NS).text == localtime(changed).date().isoformat()
    assert "http://testserver/ja/associations/hice/" in urls


def test_a_record_without_history_is_dated_by_its_as_of(client):
    office = make_office(slug="paris")
    office.history.all().delete()
    section = xml(client.get(section_url("offices")))
    (url,) = section.findall("sm:url[sm:loc='http://testserver/offices/paris/']", NS)
    assert url.find("sm:lastmod", NS).text == office.as_of.isoformat()


def test_easy_japanese_is_kept_out_of_hreflang(client):
    make_association(slug="hice")
    section = client.get(section_url("associations")).text
    hreflangs = set(re.findall(r'hreflang="([^"]+)"', section))
    assert {"en", "ja", "vi", "x-default"} <= hreflangs
    assert "ja-x-easy" not in hreflangs
    assert "/ja-x-easy/" not in section
    tree = page(client.get(reverse("associations:detail", kwargs={"slug": "hice"})))
    alternates = {link.attrs["hreflang"] for link in tree.find_all("link", rel="alternate")}
    assert "ja" in alternates
    assert "ja-x-easy" not in alternates
    # People still find Easy Japanese in the language switcher.
    assert tree.find("nav", class_="language-switcher").find_all("a", hreflang="ja-x-easy")


@pytest.mark.parametrize("section", ["associations", "cities"])
def test_a_section_takes_the_same_queries_for_one_record_or_many(
    client, django_assert_num_queries, section
):
    city = make_city()
    make_association(designated_city=city, tier="designated_city")
    # the records, their last changes (one grouped query)
    with django_assert_num_queries(2):
        client.get(section_url(section))
    for _ in range(5):
        make_association(designated_city=make_city(), tier="designated_city")
    with django_assert_num_queries(2):
        client.get(section_url(section))


def test_the_index_takes_two_queries_a_section(client, django_assert_num_queries):
    make_association(designated_city=make_city(), tier="designated_city")
    make_office()
    # the records and their last changes, for each of the five record sections (an empty
    # section needs no last changes); the places, dated by their release: one query
    with django_assert_num_queries(11):
        client.get("/sitemap.xml")


def test_the_sitemap_is_kept_until_the_directory_changes(client, django_assert_num_queries):
    association = make_association(slug="hice")
    first = client.get(section_url("associations"))
    index = client.get("/sitemap.xml")
    with django_assert_num_queries(0):
        assert client.get(section_url("associations")).content == first.content
        assert client.get("/sitemap.xml").content == index.content
    association.slug = "hice-renamed"
    association.save()
    assert "/associations/hice-renamed/" in client.get(section_url("associations")).text


@pytest.mark.parametrize("spelling", ["", "?p=01", "?p=%2B1", "?p=%201", "?p=0001"])
def test_every_spelling_of_a_sitemap_page_is_the_one_kept_page(
    client, spelling, django_assert_num_queries
):
    """The sitemap reads ?p= as a number: each spelling of a page is that page, kept once,
    not built again (a second or more of work at full size) and kept again under a key of
    its own. The index reads no ?p= at all."""
    make_association(slug="hice")
    first = client.get(section_url("associations") + "?p=1")
    index = client.get("/sitemap.xml")
    with django_assert_num_queries(0):
        assert client.get(section_url("associations") + spelling).content == first.content
        assert client.get("/sitemap.xml" + (spelling or "?p=junk")).content == index.content


def test_an_unknown_section_or_page_is_a_404(client):
    assert client.get(section_url("nothing")).status_code == 404
    assert client.get(section_url("associations") + "?p=99").status_code == 404


def test_favicon_ico_leads_to_the_site_s_icon(client):
    # Browsers ask for /favicon.ico on pages that name no icon (the admin, the API's
    # JSON): a redirect to the icon, not a 404 in every console.
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].startswith("/static/img/icon")
    assert response["Location"].endswith(".svg")
