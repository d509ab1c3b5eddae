"""What a page says about where its facts come from and as of when."""

import datetime

import pytest
from django.urls import reverse

from .conftest import make_association, make_programme_fact, make_source

pytestmark = pytest.mark.django_db


def test_a_record_without_a_stated_date_says_so_and_shows_no_date(client):
    association = make_association(as_of=None)
    response = client.get(association.get_absolute_url())
    assert "The sources do not state the date of these facts." in response.text
    assert "Facts as of" not in response.text


def test_a_date_is_shown_only_as_precisely_as_its_source_states_it(client):
    association = make_association(as_of=datetime.date(2013, 3, 1), as_of_precision="month")
    response = client.get(association.get_absolute_url())
    assert "Facts as of 2013-03." in response.text
    assert "2013-03-01" not in response.text


def test_a_day_date_is_shown_whole(client):
    association = make_association(as_of=datetime.date(2025, 2, 13), as_of_precision="day")
    assert "Facts as of 2025-02-13." in client.get(association.get_absolute_url()).text


def test_the_public_page_shows_the_public_note_and_never_the_staff_note(client):
    association = make_association(
        public_note="The phone number is the consultation line.",
        staff_note="Taken from doc-002 by analogy; OCR error corrected.",
    )
    response = client.get(association.get_absolute_url())
    assert "The phone number is the consultation line." in response.text
    assert "by analogy" not in response.text


def test_the_api_gives_the_public_note_only(client):
    association = make_association(public_note="Plain words.", staff_note="doc-003 says so")
    response = client.get(f"/api/associations/{association.slug}/")
    data = response.json()
    assert data["public_note"] == "Plain words."
    assert "staff_note" not in data and "doc-003" not in response.text


def test_a_figure_without_a_stated_date_says_so_on_the_jet_page(client):
    make_programme_fact(slug="undated", label="Recognised associations", as_of=None)
    response = client.get(reverse("associations:jet"))
    assert "date not stated" in response.text


def test_the_sources_page_shows_title_and_publisher_but_no_file_name(client):
    make_source(
        title="International Associations",
        publisher="CLAIR",
        file_name="003_41420fb355d26510.txt",
        published_on=None,
        date_precision="unknown",
        note="Path guidebook/index.php",
    )
    response = client.get(reverse("associations:sources"))
    assert "International Associations" in response.text and "CLAIR" in response.text
    assert "date not stated" in response.text
    assert "003_41420fb355d26510.txt" not in response.text
    assert "index.php" not in response.text


def test_staff_see_and_edit_both_notes_in_the_admin(client, hq_editor):
    association = make_association(staff_note="Checked against doc-002.")
    client.force_login(hq_editor)
    response = client.get(reverse("admin:associations_association_change", args=[association.pk]))
    assert 'name="staff_note"' in response.text and 'name="public_note"' in response.text
    assert "Checked against doc-002." in response.text
