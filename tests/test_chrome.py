"""The page's frame (associations/templatetags/chrome.py): parts rendered once a process
must still follow the reader's language and where the site is mounted."""

import pytest
from django.template import engines
from django.urls import set_script_prefix
from django.utils import translation

from associations.templatetags.chrome import RENDERED_ONCE_MAX

from .htmltree import page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.PAGE_CACHE_SECONDS = 0


def main_navigation(response) -> dict[str, str]:
    return {a.attrs["href"]: a.text for a in page(response).find("ul", class_="nav").find_all("a")}


@pytest.mark.parametrize("order", [("ja", "en", "vi"), ("en", "ja", "en")])
def test_each_language_gets_its_own_navigation_whichever_was_rendered_first(client, order):
    for code in order:
        prefix = "" if code == "en" else f"/{code}"
        response = client.get(f"{prefix}/offices/")
        links = main_navigation(response)
        with translation.override(code):
            expected = translation.gettext("Associations")
        assert links[f"{prefix}/associations/"] == expected
    with translation.override("ja"):
        assert translation.gettext("Associations") != "Associations"  # or the test proves nothing


def test_the_footer_speaks_the_readers_language(client):
    client.get("/offices/")
    footer = page(client.get("/ja/offices/")).find("footer")
    with translation.override("ja"):
        sources = translation.gettext("Sources")
    assert sources != "Sources"
    assert {a.attrs["href"]: a.text for a in footer.find_all("a")} == {"/ja/sources/": sources}


def test_the_navigation_follows_where_the_site_is_mounted(client):
    client.get("/offices/")
    # as a WSGI server mounting the site at /directory/ sets it (the test client does not)
    set_script_prefix("/directory/")
    try:
        mounted = main_navigation(client.get("/offices/"))
    finally:
        set_script_prefix("/")
    assert "/directory/associations/" in mounted
    assert "/associations/" in main_navigation(client.get("/offices/"))


def test_what_is_rendered_once_stays_bounded_whatever_the_mount_points(client):
    for number in range(RENDERED_ONCE_MAX * 2):
        set_script_prefix(f"/mount-{number}/")
        try:
            client.get("/offices/")
        finally:
            set_script_prefix("/")
    nav = engines["django"].engine.get_template("includes/site_nav.html")
    assert 0 < len(nav.rendered_once) <= RENDERED_ONCE_MAX


def test_only_the_readers_language_is_marked_current(client):
    switcher = page(client.get("/vi/offices/")).find("nav", class_="language-switcher")
    current = [a.attrs["hreflang"] for a in switcher.find_all("a") if "aria-current" in a.attrs]
    assert current == ["vi"]
    assert len(switcher.find_all("a")) > 1


def test_the_canonical_link_is_the_page_asked_for(client):
    tree = page(client.get("/vi/offices/?page=1"))
    (canonical,) = tree.find_all("link", rel="canonical")
    assert canonical.attrs["href"] == "http://testserver/vi/offices/"
