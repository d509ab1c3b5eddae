"""Bad input and outages: a clear 4xx or 503, never a 500, and never a leaked detail."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.db import OperationalError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
EVIL = "//evil.example/x"


def home_pages() -> dict[str, str]:
    homes = {}
    for code, _ in django_settings.LANGUAGES:
        with translation.override(code):
            homes[code] = reverse("associations:home")
    return homes


def switcher_home_pages() -> dict[str, str]:
    """The home pages as the switcher links them: choosing English at `/` is said in the
    link, or a browser preferring another language would be sent straight back."""
    return {**home_pages(), "en": "/?lang=en"}


def language_links(html: str) -> dict[str, str]:
    """The language switcher's links: {language code: href}."""
    return {code: href for href, code in re.findall(r'href="([^"]*)" hreflang="([^"]*)"', html)}


# A NUL in the path is no page (404); a NUL in a query value or name is a bad request (400).
# PostgreSQL refuses NUL in text, so each of these was a 500 there.
NUL_REQUESTS = [
    ("detail path", "/associations/%00/", 404),
    ("prefecture path in Japanese", "/ja/prefectures/%00/", 404),
    ("listing keyword", "/associations/?q=%00", 400),
    ("listing filter", "/associations/?block=%00", 400),
    ("listing language filter", "/associations/?language=vi&language=%00", 400),
    ("listing sort", "/associations/?sort=%00", 400),
    ("parameter name", "/associations/?%00=1", 400),
    ("export filter", "/associations/export.csv?prefecture=%00", 400),
    ("api detail", "/api/blocks/%00/", 404),
    ("api list filter", "/api/associations/?q=%00", 400),
    ("api list prefecture", "/api/associations/?prefecture=%00", 400),
    ("admin history", "{admin}associations/association/{sair}/history/%00/", 404),
    ("admin changelist search", "{admin}associations/association/?q=%00", 400),
    (
        "admin autocomplete",
        "{admin}autocomplete/?term=%00&app_label=associations&model_name=association"
        "&field_name=prefecture",
        400,
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status"), [(url, status) for _, url, status in NUL_REQUESTS],
    ids=[name for name, _, _ in NUL_REQUESTS],
)  # fmt: skip
def test_a_nul_character_is_refused_and_never_a_500(
    client, places, hq_editor, django_assert_num_queries, url, status
):
    client.raise_request_exception = False
    client.force_login(hq_editor)
    url = url.format(admin=reverse("admin:index"), sair=places["sair"].pk)
    # No query: refused before any view, or the session, is looked at.
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response.status_code == status
    if url.startswith("/api/"):
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"]
    else:
        assert response["Content-Type"].startswith("text/html")
        assert '<meta name="robots" content="noindex">' in response.text  # an error page


@pytest.mark.django_db
def test_a_nul_in_the_session_cookie_is_refused(client, hq_editor):
    client.raise_request_exception = False
    # Sent quoted with an octal escape, which Django unquotes to a NUL.
    client.cookies[django_settings.SESSION_COOKIE_NAME] = "abcdefgh\x00ijkl"
    assert client.get(reverse("admin:index")).status_code == 400
    assert client.get("/api/associations/").json()["detail"]


@pytest.mark.django_db
def test_a_nul_error_page_is_in_the_readers_language(client):
    response = client.get("/ja/associations/?q=%00")
    assert response.status_code == 400
    assert '<html lang="ja">' in response.text
    with translation.override("ja"):
        assert translation.gettext("Bad request") in response.text


@pytest.mark.django_db
class TestLanguageLinksOnErrorPages:
    def test_a_404_links_each_languages_home_page(self, client, django_assert_num_queries):
        with django_assert_num_queries(0):  # an error page needs no database
            response = client.get("/", PATH_INFO=EVIL)
        assert response.wsgi_request.path == EVIL
        assert response.status_code == 404
        assert language_links(response.text) == switcher_home_pages()

    def test_a_404_for_a_known_route_links_home_pages_too(self, client):
        response = client.get("/ja/associations/no-such-association/")
        assert response.status_code == 404
        assert language_links(response.text) == switcher_home_pages()

    def test_a_page_links_itself_in_each_language(self, client, places):
        response = client.get("/associations/sair/")
        links = language_links(response.text)
        assert links["en"] == "/associations/sair/"
        assert links["ja"] == "/ja/associations/sair/"

    def test_any_page_with_no_route_links_home_pages(self):
        """Not only the error handlers: any template rendered for an unmatched path."""
        from associations.context_processors import language_links as links_for

        request = RequestFactory().get("/", {"q": "x"}, PATH_INFO=EVIL)
        links = links_for(request)["language_links"]
        assert {link["code"]: link["url"] for link in links} == home_pages()

    @pytest.mark.parametrize("status", [400, 403, 404, 500, 503])
    def test_no_error_page_links_off_site(self, status):
        from clair_directory import errors

        handler = {
            400: errors.bad_request, 403: errors.permission_denied,
            404: errors.page_not_found, 500: errors.server_error,
            503: errors.service_unavailable,
        }[status]  # fmt: skip
        request = RequestFactory().get("/", {"q": "x"}, PATH_INFO=EVIL)
        assert request.path == EVIL
        response = handler(request)
        assert response.status_code == status
        html = response.content.decode()
        assert not re.search(r'(?:href|src|action)="//', html)
        assert language_links(html) == switcher_home_pages()

    def test_the_404_answered_by_the_stack_links_no_off_site_page(self, client):
        for path in (EVIL, EVIL + "/", "//evil.example"):
            response = client.get("/", {"q": "1"}, PATH_INFO=path)
            assert response.status_code == 404
            assert not re.search(r'(?:href|src|action)="//', response.text), path


@pytest.mark.django_db
class TestHealth:
    def test_a_cache_outage_is_reported_but_the_instance_still_serves(self, client, settings):
        # Nothing listens on port 9: every cache call fails to connect.
        settings.CACHES = {
            "default": {
                "BACKEND": "clair_directory.redis_cache.RedisCache",
                "LOCATION": "redis://127.0.0.1:9/0",
            }
        }
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {
            "status": "degraded",
            "checks": {"database": "ok", "cache": "unavailable"},
        }


@pytest.mark.django_db
def test_a_database_error_that_is_a_fault_in_the_code_stays_a_500(client, places):
    """SQLite reports a missing table as an OperationalError; the database still answers,
    so that is a bug to see in the logs, not an outage to wait out."""
    client.raise_request_exception = False
    with mock.patch(
        "associations.views.render", side_effect=OperationalError("no such table: nothing")
    ):
        response = client.get(reverse("associations:sources"))
    assert response.status_code == 500
    assert "Retry-After" not in response


# With the database down: one subprocess whose DATABASE_URL points at a closed port
# asks for each of these, once for the whole module.
OUTAGE_URLS = [
    "/",
    "/associations/",
    "/associations/sair/",
    "/ja/associations/",
    "/api/associations/",
    "/api/blocks/tokai-hokuriku/",
    "/healthz",
    # A staff member's session cookie: the page cache cannot look it up either.
    "session:/associations/",
]
OUTAGE_SCRIPT = """
import json, sys
import django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="localhost", raise_request_exception=False)
answers = {}
for url in sys.argv[1:]:
    if url.startswith("session:"):
        client.cookies["sessionid"] = "s" * 32
    r = client.get(url.removeprefix("session:"))
    answers[url] = {
        "status": r.status_code, "type": r.get("Content-Type"),
        "retry_after": r.get("Retry-After"), "body": r.content.decode(),
    }
print("RESULT " + json.dumps(answers))
"""


@pytest.fixture(scope="module")
def outage() -> dict:
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/nowhere",
        "DJANGO_SETTINGS_MODULE": "clair_directory.settings",
        "LOG_LEVEL": "INFO",
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", OUTAGE_SCRIPT, *OUTAGE_URLS], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    lines = [x for x in result.stdout.splitlines() if x.startswith("RESULT ")]
    assert lines, result.stdout + result.stderr
    return {"answers": json.loads(lines[0].removeprefix("RESULT ")), "log": result.stdout}


class TestDatabaseOutage:
    @pytest.mark.parametrize(
        "url",
        [u for u in OUTAGE_URLS if not u.removeprefix("session:").startswith(("/api/", "/h"))],
    )
    def test_a_page_is_a_503_page_to_retry(self, outage, url):
        answer = outage["answers"][url]
        assert answer["status"] == 503
        assert answer["retry_after"] and int(answer["retry_after"]) > 0
        assert answer["type"].startswith("text/html")
        assert "Temporarily unavailable" in answer["body"] or url.startswith("/ja/")
        assert "127.0.0.1" not in answer["body"] and "Traceback" not in answer["body"]

    def test_the_503_page_is_in_the_readers_language(self, outage):
        body = outage["answers"]["/ja/associations/"]["body"]
        with translation.override("ja"):
            heading = translation.gettext("Temporarily unavailable")
        assert heading != "Temporarily unavailable"
        assert '<html lang="ja">' in body and heading in body

    @pytest.mark.parametrize("url", [u for u in OUTAGE_URLS if u.startswith("/api/")])
    def test_the_api_answers_a_503_in_json(self, outage, url):
        answer = outage["answers"][url]
        assert answer["status"] == 503
        assert int(answer["retry_after"]) > 0
        assert answer["type"] == "application/json"
        assert json.loads(answer["body"])["detail"]

    def test_healthz_names_the_failed_check_and_nothing_more(self, outage):
        answer = outage["answers"]["/healthz"]
        assert answer["status"] == 503
        assert json.loads(answer["body"]) == {
            "status": "unavailable",
            "checks": {"database": "unavailable", "cache": "ok"},
        }
        # The details are for the operators, in the log.
        assert re.search(r"clair_directory\.health: database .*127\.0\.0\.1", outage["log"])
