"""schema.org JSON-LD: one entity per association and office, whatever the page's language."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from associations.models import ClairOffice, Desk, DeskHours, Weekday

from .conftest import make_association, make_desk, make_language, make_office
from .htmltree import page

pytestmark = pytest.mark.django_db


def json_ld(client, url: str) -> dict:
    (script,) = page(client.get(url)).find_all("script", type="application/ld+json")
    return json.loads(script.text)


def in_language(code: str, url_name: str, **kwargs) -> str:
    with translation.override(code):
        return reverse(url_name, kwargs=kwargs)


@pytest.fixture
def association():
    return make_association(
        slug="hice",
        name_en="HICE",
        website="https://www.hi-hice.jp/",
        phone="053-458-2170",
        consultation_phone="053-458-2185",
        languages=[make_language("pt", name_en="Portuguese"), make_language("vi")],
    )


def test_the_id_is_the_same_in_every_language(client, association):
    english = json_ld(client, in_language("en", "associations:detail", slug="hice"))
    japanese = json_ld(client, in_language("ja", "associations:detail", slug="hice"))
    assert english["@id"] == japanese["@id"] == "http://testserver/associations/hice/#organization"


def test_the_url_is_the_associations_own_website(client, association):
    url = in_language("ja", "associations:detail", slug="hice")
    data = json_ld(client, url)
    assert data["url"] == "https://www.hi-hice.jp/"
    assert data["mainEntityOfPage"] == f"http://testserver{url}"
    assert "sameAs" not in data


def test_without_a_website_the_url_is_not_the_directory_page(client):
    association = make_association(slug="nosite")
    data = json_ld(client, association.get_absolute_url())
    assert "url" not in data
    assert data["mainEntityOfPage"] == "http://testserver/associations/nosite/"


def test_the_consultation_contact_point_names_its_languages(client, association):
    points = json_ld(client, association.get_absolute_url())["contactPoint"]
    consultation = next(p for p in points if p["telephone"] == "+81534582185")
    assert consultation["@type"] == "ContactPoint"
    assert [lang["alternateName"] for lang in consultation["availableLanguage"]] == ["pt", "vi"]
    assert consultation["availableLanguage"][0]["name"] == "Portuguese"
    # No desk with hours: none are made up.
    assert all("hoursAvailable" not in point for point in points)
    general = next(p for p in points if p["telephone"] == "+81534582170")
    assert general["contactType"] == "general enquiries"


def test_the_consultation_point_has_the_desks_hours(client, association):
    desk = make_desk(association)
    other = make_desk(association, name="Phone line", channel=Desk.Channel.PHONE)
    for span_desk, day, opens, closes, weeks in [
        (desk, Weekday.TUESDAY, "09:00", "16:00", ""),
        (desk, Weekday.MONDAY, "09:00", "16:00", ""),
        (other, Weekday.MONDAY, "09:00", "16:00", ""),  # the same span: said once
        (other, Weekday.WEDNESDAY, "13:00", "17:00", ""),
        (desk, Weekday.SATURDAY, "10:00", "12:00", "2,4"),  # not every Saturday: left out
    ]:
        DeskHours.objects.create(desk=span_desk, weekday=day, opens=opens, closes=closes,
                                 weeks_of_month=weeks)  # fmt: skip
    points = json_ld(client, association.get_absolute_url())["contactPoint"]
    consultation = next(p for p in points if p["telephone"] == "+81534582185")
    assert consultation["hoursAvailable"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["https://schema.org/Monday", "https://schema.org/Tuesday"],
            "opens": "09:00",
            "closes": "16:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["https://schema.org/Wednesday"],
            "opens": "13:00",
            "closes": "17:00",
        },
    ]
    general = next(p for p in points if p["telephone"] == "+81534582170")
    assert "hoursAvailable" not in general


def test_the_consultation_languages_fall_back_to_the_main_phone(client):
    association = make_association(phone="03-5213-1730", languages=[make_language("ko")])
    (point,) = json_ld(client, association.get_absolute_url())["contactPoint"]
    assert point["telephone"] == "+81352131730"
    assert [lang["alternateName"] for lang in point["availableLanguage"]] == ["ko"]


def test_the_detail_page_takes_no_more_queries_for_json_ld(client, association,
                                                           django_assert_num_queries):  # fmt: skip
    # association with place, languages, services, sources; its locations and desks; its
    # neighbours; the places it serves
    with django_assert_num_queries(8):
        client.get(association.get_absolute_url())


@pytest.fixture
def offices():
    headquarters = make_office(
        slug="headquarters", kind=ClairOffice.Kind.HEADQUARTERS, name_en="CLAIR",
        city="Tokyo", country="JP", time_zone="Asia/Tokyo", postal_code="102-0083",
        address="1-7 Kojimachi, Chiyoda-ku", website_current="https://www.clair.or.jp/",
    )  # fmt: skip
    paris = make_office(
        slug="paris", name_en="CLAIR Paris", city="Paris", country="FR",
        time_zone="Europe/Paris", phone="+33 1 40 20 09 74", address="1 rue de la Paix",
        postal_code="75002",
    )  # fmt: skip
    return headquarters, paris


def test_an_office_page_describes_the_office_with_its_parent(client, offices):
    headquarters, paris = offices
    data = json_ld(client, paris.get_absolute_url())
    assert data["@id"] == "http://testserver/offices/paris/#organization"
    assert data["telephone"] == "+33140200974"
    assert data["address"] == {
        "@type": "PostalAddress", "streetAddress": "1 rue de la Paix",
        "addressLocality": "Paris", "postalCode": "75002", "addressCountry": "FR",
    }  # fmt: skip
    parent = data["parentOrganization"]
    assert parent["@id"] == json_ld(client, headquarters.get_absolute_url())["@id"]
    assert parent["@id"] == "http://testserver/offices/headquarters/#organization"


def test_the_headquarters_is_clair_itself(client, offices):
    japanese = in_language("ja", "associations:office", slug="headquarters")
    data = json_ld(client, japanese)
    assert data["@id"] == "http://testserver/offices/headquarters/#organization"
    assert data["url"] == "https://www.clair.or.jp/"
    assert "parentOrganization" not in data


def test_an_overseas_office_page_takes_one_query_more_for_its_parent(
    client, offices, django_assert_num_queries
):
    # the office, its departments, its sources, the headquarters (for parentOrganization)
    with django_assert_num_queries(4):
        client.get(offices[1].get_absolute_url())
