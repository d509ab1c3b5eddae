"""Behind proxies: one rule finds the client's address, for the report form's rate limit,
django-axes and the request log; X-Forwarded-For counts only behind trusted proxies."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from .conftest import make_association

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
PROXY = "10.0.0.1"  # REMOTE_ADDR: the proxy nearest the app
ATTACKER = "203.0.113.5"
NEIGHBOUR = "198.51.100.7"  # another visitor behind the same proxy
PASSWORD = "correct horse battery"  # the personas' password (conftest.make_staff)


@pytest.fixture
def association():
    return make_association(slug="sair", name_en="SAIR")


def report(client, association, forwarded: str, remote: str = PROXY):
    return client.post(
        reverse("associations:report", kwargs={"slug": association.slug}),
        {"topic": "phone", "detail": "The number has changed."},
        HTTP_X_FORWARDED_FOR=forwarded,
        REMOTE_ADDR=remote,
    )


def sign_in(client, password: str, forwarded: str, remote: str = PROXY):
    return client.post(
        reverse("admin:login"),
        {"username": "hq", "password": password},
        HTTP_X_FORWARDED_FOR=forwarded,
        REMOTE_ADDR=remote,
    )


@pytest.mark.parametrize(
    ("count", "forwarded", "address"),
    [
        # Not behind a proxy: the header is whatever the client wrote.
        (0, ATTACKER, PROXY),
        (1, ATTACKER, ATTACKER),
        # The client can only add entries on the left of what the proxies append.
        (1, f"192.0.2.1, {ATTACKER}", ATTACKER),
        (2, f"192.0.2.1, {ATTACKER}, 10.0.0.9", ATTACKER),
        (1, "2001:db8::5", "2001:db8::5"),
        # Fewer entries than proxies: the request skipped the outer ones, and the
        # nearest proxy's own entry is all that can be trusted, not a forged left-most.
        (3, f"192.0.2.1, {ATTACKER}", ATTACKER),
        (2, ATTACKER, ATTACKER),
        # No usable entry where the client should be: the proxy's address.
        (1, "", PROXY),
        (1, "192.0.2.1, unknown", PROXY),
    ],
)
def test_the_request_log_names_the_client(client, settings, caplog, count, forwarded, address):
    settings.TRUSTED_PROXY_COUNT = count
    with caplog.at_level(logging.INFO, logger="clair_directory.requests"):
        client.get(reverse("associations:home"), HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=PROXY)
    line = next(r for r in caplog.records if r.name == "clair_directory.requests")
    assert line.client_address == address


def test_the_log_format_shows_the_client_address(settings):
    assert "%(client_address)s" in settings.LOGGING["formatters"]["line"]["format"]


def test_without_a_proxy_the_rate_limit_ignores_the_forwarded_header(client, settings, association):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(5):
        assert report(client, association, f"192.0.2.{n}", remote=ATTACKER).status_code == 302
    assert report(client, association, "192.0.2.99", remote=ATTACKER).status_code == 429
    assert report(client, association, ATTACKER, remote=NEIGHBOUR).status_code == 302


def test_rotating_the_left_most_address_does_not_escape_the_rate_limit(
    client, settings, association
):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        assert report(client, association, f"192.0.2.{n}, {ATTACKER}").status_code == 302
    assert report(client, association, f"192.0.2.99, {ATTACKER}").status_code == 429
    assert report(client, association, ATTACKER).status_code == 429
    # The attacker does not use up the limit of everyone behind the proxy.
    assert report(client, association, f"{ATTACKER}, {NEIGHBOUR}").status_code == 302


def test_with_two_proxies_the_client_is_second_from_the_right(client, settings, association):
    settings.TRUSTED_PROXY_COUNT = 2
    for n in range(5):
        forwarded = f"192.0.2.{n}, {ATTACKER}, 10.0.0.{10 + n}"
        assert report(client, association, forwarded).status_code == 302
    assert report(client, association, f"{ATTACKER}, 10.0.0.10").status_code == 429
    assert report(client, association, f"{ATTACKER}, {NEIGHBOUR}, 10.0.0.10").status_code == 302


def test_behind_a_proxy_axes_locks_out_the_attacker_not_everyone(client, settings, hq_editor):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong", f"192.0.2.{n}, {ATTACKER}")
    assert sign_in(client, PASSWORD, f"192.0.2.99, {ATTACKER}").status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    # The real owner of the account signs in from elsewhere behind the same proxy.
    assert sign_in(Client(), PASSWORD, f"{ATTACKER}, {NEIGHBOUR}").status_code == 302


def test_without_a_proxy_axes_ignores_the_forwarded_header(client, settings, hq_editor):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong", f"192.0.2.{n}", remote=ATTACKER)
    assert sign_in(client, PASSWORD, NEIGHBOUR, remote=ATTACKER).status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    assert sign_in(Client(), PASSWORD, ATTACKER, remote=NEIGHBOUR).status_code == 302


# The environment is read when the settings are imported: a fresh interpreter each time.


def proxy_settings(**env: str) -> subprocess.CompletedProcess:
    unset = {"BEHIND_PROXY", "TRUSTED_PROXY_COUNT"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    clean.update(env, DEBUG="1", DJANGO_SETTINGS_MODULE="clair_directory.settings")
    code = "import django; from django.conf import settings; print(settings.TRUSTED_PROXY_COUNT)"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    ("env", "count"),
    [
        ({}, 0),
        ({"BEHIND_PROXY": "1"}, 1),
        ({"BEHIND_PROXY": "1", "TRUSTED_PROXY_COUNT": "2"}, 2),
        ({"BEHIND_PROXY": "1", "TRUSTED_PROXY_COUNT": "0"}, 0),
    ],
)
def test_the_proxy_count_comes_from_the_environment(env, count):
    result = proxy_settings(**env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(count)


@pytest.mark.parametrize(
    "env",
    [
        {"BEHIND_PROXY": "1", "TRUSTED_PROXY_COUNT": "two"},
        {"BEHIND_PROXY": "1", "TRUSTED_PROXY_COUNT": "-1"},
        # Forwarded addresses are trusted only behind a proxy.
        {"TRUSTED_PROXY_COUNT": "1"},
    ],
)
def test_a_bad_proxy_count_is_refused(env):
    result = proxy_settings(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "TRUSTED_PROXY_COUNT" in result.stderr
