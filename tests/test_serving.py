"""Serving in production: headers, caching, health, error pages, logging, deploy checks."""

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from .conftest import change_form_data

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def pages(places):
    """One URL of every page type."""
    return {
        "home": reverse("associations:home"),
        "listing": reverse("associations:list") + "?block=tokai-hokuriku",
        "detail": places["sair"].get_absolute_url(),
        "report": reverse("associations:report", kwargs={"slug": "sair"}),
        "prefectures": reverse("associations:prefectures"),
        "prefecture": places["shizuoka"].get_absolute_url(),
        "cities": reverse("associations:cities"),
        "city": places["hamamatsu"].get_absolute_url(),
        "block": places["shizuoka"].block.get_absolute_url(),
        "offices": reverse("associations:offices"),
        "jet": reverse("associations:jet"),
        "sources": reverse("associations:sources"),
        "api": "/api/associations/",
        "api docs": "/api/docs/",
        "admin login": reverse("admin:login"),
        "not found": "/no-such-page/",
    }


def test_every_page_type_sends_the_security_headers(client, pages):
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code in (200, 404), name
        csp = response["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, name
        assert "script-src 'self'" in csp and "style-src 'self'" in csp, name
        assert "frame-ancestors 'none'" in csp, name
        assert response["X-Frame-Options"] == "DENY", name
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", name
        assert "camera=()" in response["Permissions-Policy"], name


def test_public_pages_have_no_inline_script_or_style(client, pages):
    for name, url in pages.items():
        if name in ("api", "admin login"):
            continue
        html = client.get(url).content.decode()
        assert "<style" not in html, name
        assert not re.search(r"\sstyle=", html), name
        for script in re.findall(r"<script[^>]*>", html):
            assert 'type="application/ld+json"' in script or "src=" in script, (name, script)


class TestPageCache:
    def test_an_anonymous_page_is_cached_and_an_edit_shows_at_once(self, client, places):
        url = places["sair"].get_absolute_url()
        assert client.get(url)["X-Cache"] == "miss"
        assert client.get(url)["X-Cache"] == "hit"
        places["sair"].name_en = "SAIR, renamed"
        places["sair"].save()
        response = client.get(url)
        assert response["X-Cache"] == "miss"
        assert "SAIR, renamed" in response.text

    def test_an_edit_to_a_related_record_shows_on_the_listing(self, client, places):
        url = reverse("associations:list")
        assert "Hamamatsu" in client.get(url).text
        assert client.get(url)["X-Cache"] == "hit"
        city = places["hamamatsu"]
        city.name_en = "Hamamatsu-shi"
        city.save()
        assert "Hamamatsu-shi" in client.get(url).text

    def test_an_edit_through_the_admin_shows_on_the_next_request(self, client, admin_user, places):
        from django.test import Client

        url = places["sair"].get_absolute_url()
        client.get(url)
        staff = Client()
        staff.force_login(admin_user)
        form = staff.get(reverse("admin:associations_association_change", args=[places["sair"].pk]))
        data = change_form_data(staff, places["sair"])
        data["email"] = "new@sair.example"
        assert staff.post(form.request["PATH_INFO"], data).status_code == 302
        assert "new@sair.example" in client.get(url).text

    def test_a_renamed_language_shows_in_the_filters_at_once(self, client, places):
        from associations.models import Language

        language = Language.objects.create(
            code="vi", name_en="Vietnamese", name_native="Tiếng Việt"
        )
        url = reverse("associations:list")
        assert "Tiếng Việt" in client.get(url).text
        language.name_native = "Tiếng Việt (renamed)"
        language.save()
        assert "Tiếng Việt (renamed)" in client.get(url).text

    def test_signed_in_staff_are_not_served_from_the_cache(self, client, admin_user, places):
        url = places["sair"].get_absolute_url()
        client.get(url)
        client.force_login(admin_user)
        response = client.get(url)
        assert "X-Cache" not in response
        assert "private" in response["Cache-Control"]

    def test_responses_carry_validators_for_a_cdn(self, client, places):
        url = places["sair"].get_absolute_url()
        response = client.get(url)
        assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
        etag = response["ETag"]
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304

    def test_the_same_on_redis(self, client, places, redis_cache):
        self.test_an_anonymous_page_is_cached_and_an_edit_shows_at_once(client, places)
        self.test_an_edit_to_a_related_record_shows_on_the_listing(client, places)
        assert redis_cache.keys()


class TestHealth:
    def test_it_answers_any_host_over_plain_http(self, client, settings):
        settings.SECURE_SSL_REDIRECT = True
        settings.ALLOWED_HOSTS = ["directory.example"]
        response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
        assert response.status_code == 200
        from django.test import Client

        other = Client(raise_request_exception=False)
        assert other.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400

    def test_healthy(self, client):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]

    def test_an_unreachable_database_is_a_503_with_a_reason(self):
        script = (
            "import django, json; django.setup(); from django.test import Client; "
            "r = Client(HTTP_HOST='localhost').get('/healthz'); "
            "print('RESULT', r.status_code, r.content.decode())"
        )
        env = {
            **os.environ,
            "DEBUG": "1",
            "DATABASE_URL": "postgres://nobody@127.0.0.1:9/nowhere",
            "DJANGO_SETTINGS_MODULE": "clair_directory.settings",
        }
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
            timeout=60,
        )  # fmt: skip
        line = next(x for x in result.stdout.splitlines() if x.startswith("RESULT "))
        _, status, body = line.split(" ", 2)
        assert status == "503", result.stderr
        data = json.loads(body)
        assert data["checks"]["database"] == "unavailable"
        assert "reasons" not in data  # logged, not shown: see tests/test_errors.py


class TestErrorPages:
    def test_a_missing_page_is_a_friendly_404_in_the_readers_language(self, client):
        response = client.get("/ja/no-such-page/")
        assert response.status_code == 404
        assert '<html lang="ja">' in response.text
        assert 'href="/ja/associations/"' in response.text

    def test_the_500_page_needs_no_database(self, django_assert_num_queries):
        from clair_directory.errors import server_error

        request = RequestFactory().get("/")
        with django_assert_num_queries(0):
            response = server_error(request)
        assert response.status_code == 500
        assert "Something went wrong" in response.content.decode()

    def test_a_permission_error_is_a_403_page(self, client, places):
        from associations.roles import BRANCH_EDITORS

        from .conftest import make_staff

        editor = make_staff("aichi", BRANCH_EDITORS, prefectures=[places["aichi"]])
        client.force_login(editor)
        response = client.get(
            reverse("admin:associations_association_change", args=[places["sair"].pk])
        )
        assert response.status_code == 403


def test_each_request_is_logged_with_its_id_status_and_duration(client, caplog):
    with caplog.at_level(logging.INFO, logger="clair_directory.requests"):
        response = client.get(reverse("associations:home"), HTTP_X_REQUEST_ID="abc-123")
    assert response["X-Request-ID"] == "abc-123"
    line = next(r for r in caplog.records if r.name == "clair_directory.requests")
    assert line.request_id == "abc-123"
    assert re.fullmatch(r"GET / 200 \d+\.\dms", line.getMessage())


def test_a_request_id_that_is_not_one_is_replaced(client):
    response = client.get(reverse("associations:home"), HTTP_X_REQUEST_ID="<script>")
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    unset = {"DEBUG", "SECRET_KEY", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="0", SECRET_KEY="x7!" * 20 + "production-grade-secret-key-for-the-test",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_admin_path_comes_from_the_environment():
    result = run_manage(
        "shell", "-v", "0", "-c", "from django.urls import reverse; print(reverse('admin:index'))",
        DEBUG="1", ADMIN_PATH="staff-only",
    )  # fmt: skip
    assert result.stdout.strip() == "/staff-only/", result.stderr


@override_settings(PAGE_CACHE_SECONDS=0)
def test_a_zero_cache_time_turns_page_caching_off(client, places):
    url = places["sair"].get_absolute_url()
    client.get(url)
    assert "X-Cache" not in client.get(url)


def test_the_cache_does_not_grow_with_parameters_the_page_does_not_use(client, places, redis_cache):
    url = reverse("associations:list")
    for n in range(30):
        response = client.get(url, {"block": "tokai-hokuriku", "utm_source": n, f"x{n}": "y"})
        assert response.status_code == 200
        assert response["X-Cache"] == ("miss" if n == 0 else "hit")
        if n == 0:
            # the page and, kept apart, each of its association cards
            first = set(redis_cache.keys())
    # No parameter the page ignores adds a key: neither a page nor a card.
    assert set(redis_cache.keys()) == first
    # The page, the directory version; card and filter-form fragments and the facet counts
    # are keyed by record or by filter state.
    kept_below = (":card:", ":fragment:", ":counts:")
    assert len([key for key in first if not any(part in key for part in kept_below)]) == 2
    assert [key for key in first if ":counts:" in key]
    # A keyword longer than the listing takes is answered, and not kept.
    assert client.get(url, {"q": "x" * 5000}).status_code == 200
    assert set(redis_cache.keys()) == first
