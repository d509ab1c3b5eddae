"""The public paths, pinned once: links and bookmarks depend on them."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("name", "kwargs", "path"),
    [
        ("associations:home", {}, "/"),
        ("associations:list", {}, "/associations/"),
        ("associations:detail", {"slug": "x"}, "/associations/x/"),
        ("associations:prefectures", {}, "/prefectures/"),
        ("associations:prefecture", {"slug": "shizuoka"}, "/prefectures/shizuoka/"),
        ("associations:cities", {}, "/cities/"),
        ("associations:city", {"slug": "hamamatsu"}, "/cities/hamamatsu/"),
        ("associations:block", {"slug": "kinki"}, "/blocks/kinki/"),
        ("associations:places", {}, "/places/"),
        ("associations:place", {"key": "toyota-city-aichi"}, "/places/toyota-city-aichi/"),
        ("associations:place", {"key": "232114"}, "/places/232114/"),
        ("associations:offices", {}, "/offices/"),
        ("associations:office", {"slug": "paris"}, "/offices/paris/"),
        ("associations:jet", {}, "/jet/"),
        ("associations:sources", {}, "/sources/"),
        ("sitemap", {}, "/sitemap.xml"),
        ("sitemap_section", {"section": "associations"}, "/sitemap-associations.xml"),
        ("robots", {}, "/robots.txt"),
    ],
)
def test_public_paths(name, kwargs, path):
    assert reverse(name, kwargs=kwargs) == path


def test_other_languages_have_a_prefix():
    from django.utils import translation

    with translation.override("vi"):
        assert reverse("associations:list") == "/vi/associations/"
