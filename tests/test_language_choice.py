"""`/` in the reader's language, once (issue #13), without serving anyone a wrong cache."""

import pytest
from django.conf import settings

from .htmltree import page

pytestmark = pytest.mark.django_db


def test_a_phone_set_to_vietnamese_is_sent_to_the_vietnamese_home(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="vi-VN,vi;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/vi/"
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in response["Vary"].split(",")}


@pytest.mark.parametrize(
    "header, expected",
    [
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("pt-BR", "/pt/"),
        ("ja-JP", "/ja/"),
        ("fil-PH,tl;q=0.8", "/tl/"),
        ("de-DE,ko;q=0.5", "/ko/"),
    ],
)
def test_the_first_language_the_site_has_wins(client, header, expected):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE=header)["Location"] == expected


@pytest.mark.parametrize("header", ["", "en-GB,en;q=0.9", "de-DE", "vi;q=0", "*", "x" * 5000])
def test_english_or_no_preference_stays_on_english(client, header):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 200
    assert "Accept-Language" in response["Vary"]


def test_only_the_home_page_is_redirected(client):
    response = client.get("/associations/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    assert response.wsgi_request.LANGUAGE_CODE == "en"


def test_the_switcher_lets_a_vietnamese_phone_choose_english_and_remembers_it(client):
    switcher = page(client.get("/vi/")).find("nav", class_="language-switcher")
    (english,) = [a for a in switcher.find_all("a") if a.attrs["hreflang"] == "en"]
    assert english.attrs["href"] == "/?lang=en"
    chosen = client.get(english.attrs["href"], HTTP_ACCEPT_LANGUAGE="vi")
    assert chosen.status_code == 200
    assert chosen.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    # Later, from a bookmark: the choice holds against the browser's preference.
    again = client.get("/", HTTP_ACCEPT_LANGUAGE="vi")
    assert again.status_code == 200


def test_a_remembered_choice_of_another_language_is_honoured(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pt"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/pt/"


def test_a_forged_choice_is_ignored(client):
    response = client.get("/?lang=//evil.example", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "../../etc"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="vi")["Location"] == "/vi/"


def test_a_cached_english_home_is_not_served_to_a_vietnamese_phone(client, redis_cache):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="vi")["Location"] == "/vi/"


def test_the_hreflang_links_keep_the_plain_english_url(client):
    tree = page(client.get("/vi/"))
    (alternate,) = [
        link
        for link in tree.find_all("link", rel="alternate")
        if link.attrs.get("hreflang") == "en"
    ]
    assert alternate.attrs["href"].endswith("/")
    assert "lang=" not in alternate.attrs["href"]


def switcher_links(response) -> dict[str, str]:
    nav = page(response).find("nav", class_="language-switcher")
    return {a.attrs["hreflang"]: a.attrs["href"] for a in nav.find_all("a")}


def test_the_switcher_follows_the_page_and_where_the_site_is_mounted(client, settings):
    from django.urls import set_script_prefix

    settings.PAGE_CACHE_SECONDS = 0
    # as a WSGI server mounting the site at /directory/ sets it (the test client does not)
    set_script_prefix("/directory/")
    try:
        mounted = switcher_links(client.get("/offices/"))
    finally:
        set_script_prefix("/")
    assert mounted["vi"] == "/directory/vi/offices/"
    # the same page at the root, then another page: each its own links
    assert switcher_links(client.get("/offices/"))["vi"] == "/vi/offices/"
    assert switcher_links(client.get("/prefectures/"))["vi"] == "/vi/prefectures/"
    assert switcher_links(client.get("/associations/?page=2"))["ja"] == "/ja/associations/?page=2"
