"""'Report a problem with this information' on every association's page."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from associations.models import Report

from .conftest import make_association

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def association():
    return make_association(slug="sair", name_en="SAIR")


def report_url(association) -> str:
    return reverse("associations:report", kwargs={"slug": association.slug})


def test_the_detail_page_links_to_the_report_form(client, association):
    response = client.get(association.get_absolute_url())
    assert f'href="{report_url(association)}"' in response.text


def test_a_report_is_stored_for_the_editors(client, association):
    response = client.post(
        report_url(association),
        {"topic": "phone", "detail": "The number has changed.", "email": "me@example.org"},
    )
    assert response.status_code == 302
    assert response["Location"] == report_url(association) + "?sent=1"
    report = Report.objects.get()
    assert (report.association, report.topic, report.status) == (association, "phone", "open")
    assert "Thank you" in client.get(response["Location"]).text


def test_an_invalid_report_shows_errors_and_keeps_the_input(client, association):
    response = client.post(
        report_url(association), {"topic": "unknown", "detail": "", "email": "not an e-mail"}
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"topic", "detail", "email"}
    assert 'value="not an e-mail"' in response.text
    assert not Report.objects.exists()


def test_the_honeypot_keeps_robots_out_quietly(client, association):
    response = client.post(
        report_url(association),
        {"topic": "phone", "detail": "Buy now", "homepage": "https://spam.example"},
    )
    assert response.status_code == 302
    assert not Report.objects.exists()


def test_reports_from_one_address_are_limited(client, association):
    data = {"topic": "phone", "detail": "Changed."}
    for _ in range(5):
        assert client.post(report_url(association), data).status_code == 302
    response = client.post(report_url(association), data)
    assert response.status_code == 429
    assert "Too many reports" in response.text
    assert Report.objects.count() == 5
    other = client.post(report_url(association), data, REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 302


def test_an_unknown_association_has_no_report_form(client):
    assert client.get("/associations/nope/report/").status_code == 404
