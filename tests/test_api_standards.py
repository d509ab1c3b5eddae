"""The API speaks the standards: its OpenAPI schema holds for every answer it gives (checked
by Schemathesis), CORS, rate limits, conditional requests, facets, NDJSON bulk reads."""

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
import schemathesis
import time_machine
from django.utils.http import http_date
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from associations.models import Association, Block
from tests.conftest import redis_cache_settings

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_directory")]

# Per operation and mode; derandomized, so a run checks the same cases every time.
EXAMPLES = 20


def _check_operation(operation, mode: GenerationMode) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis_settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case) -> None:
        # Every check Schemathesis has, as `--checks all` runs them.
        case.call_and_validate()

    check()


@pytest.fixture
def wsgi_app():
    """The real WSGI application, kept on the test's connection: Django closes connections
    when a request starts and finishes, which would end the test's transaction on
    PostgreSQL (the test client disconnects these signals the same way)."""
    from django.core import signals
    from django.db import close_old_connections

    from clair_directory.wsgi import application

    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield application
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


def test_every_answer_matches_the_schema(settings, wsgi_app):
    """Schemathesis on every operation the served schema has (those added later too), with
    valid and invalid input. Its pytest plugin's lazy loader does not run on pytest 9, so the
    operations are walked here; the schema needs the database, so it is read in the test."""
    settings.API_RATE = "100000/min"  # some thousand requests, none to be refused

    schema = schemathesis.openapi.from_wsgi("/api/schema/", wsgi_app)
    failures = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _check_operation(operation, mode)
            except Unsatisfiable:
                pass  # nothing to make invalid (a path parameter that takes any text)
            # Schemathesis reports its findings as an exception group, not an Exception.
            except (Exception, BaseExceptionGroup) as failure:
                failures.append(f"{operation.label} ({mode.value}): {failure}")
    assert not failures, "\n\n".join(failures)


# The schema: statuses, error bodies, vocabularies.


@pytest.fixture
def openapi(client):
    return client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


def _parameter(operation: dict, name: str) -> dict:
    return next(p for p in operation["parameters"] if p["name"] == name)


def test_the_schema_declares_every_status_the_list_answers_with(openapi):
    operation = openapi["paths"]["/api/associations/"]["get"]
    assert {"200", "400", "404", "429", "503"} <= set(operation["responses"])
    assert set(operation["responses"]["429"]["headers"]) >= {"Retry-After", "RateLimit-Reset"}
    assert set(operation["responses"]["200"]["headers"]) >= {"RateLimit-Remaining"}
    error = openapi["components"]["schemas"]["Error"]
    assert error["required"] == ["detail"]
    detail = openapi["paths"]["/api/blocks/{slug}/"]["get"]["responses"]
    assert {"200", "404", "429", "503"} <= set(detail)


def test_the_filters_vocabularies_are_enums_from_the_database(openapi):
    from associations.models import Language, Prefecture, Service

    operation = openapi["paths"]["/api/associations/"]["get"]

    def enum(name: str) -> set[str]:
        return set(_parameter(operation, name)["schema"]["items"]["enum"])

    assert enum("tier") == set(Association.Tier.values)
    assert enum("language") == set(Language.objects.values_list("code", flat=True))
    assert enum("service") == set(Service.objects.values_list("slug", flat=True))
    assert enum("block") == set(Block.objects.values_list("slug", flat=True))
    prefectures = Prefecture.objects.values_list("slug", "code")
    assert enum("prefecture") == {v for pair in prefectures for v in pair}
    assert _parameter(operation, "page_size")["schema"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 500,
    }
    assert _parameter(operation, "modified_after")["schema"]["format"] == "date-time"
    # An empty comma-separated list (`sort=`) is refused, so the schema allows none.
    assert _parameter(operation, "sort")["schema"]["minItems"] == 1
    assert set(_parameter(operation, "facets")["schema"]["enum"]) == {"true", "false"}


# Pages.


@pytest.mark.parametrize(
    "query",
    ["page_size=null", "page_size=0", "page_size=-1", "page_size=abc", "page_size=501",
     "page_size=", "page_size=2.5", "page=0", "page=-1", "page=last", "page=1.0"],
)  # fmt: skip
def test_a_bad_page_or_page_size_is_refused_not_clamped(client, query):
    response = client.get(f"/api/associations/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()["detail"]


def test_a_page_size_up_to_the_maximum_is_taken(client):
    data = client.get("/api/associations/?page_size=500").json()
    assert len(data["results"]) == data["count"] == Association.objects.count()
    assert len(client.get("/api/associations/?page_size=3").json()["results"]) == 3


def test_a_page_past_the_last_is_a_404(client):
    response = client.get("/api/associations/?page=99")
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


def test_a_refused_filter_says_why_in_detail(client):
    response = client.get("/api/associations/?language=xx&tier=galactic")
    assert response.status_code == 400
    data = response.json()
    assert "language" in data["detail"] and "tier" in data["detail"]
    assert set(data["errors"]) == {"language", "tier"}


# CORS: the open data for browser apps anywhere, reading only, without cookies.


def test_api_answers_carry_cors_for_any_origin(client):
    response = client.get("/api/blocks/", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "RateLimit-Remaining" in response["Access-Control-Expose-Headers"]


def test_a_preflight_allows_reading_only(client):
    response = client.options(
        "/api/associations/",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert response.status_code == 200
    methods = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
    assert methods == {"GET", "HEAD", "OPTIONS"}


def test_pages_outside_the_api_carry_no_cors(client):
    response = client.get("/associations/", HTTP_ORIGIN="https://example.org")
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


# Rate limits.


def test_every_answer_counts_down_and_the_last_is_a_429(client, settings):
    settings.API_RATE = "3/min"
    remaining = []
    for _ in range(3):
        response = client.get("/api/blocks/")
        assert response.status_code == 200
        assert response["RateLimit-Limit"] == "3"
        remaining.append(response["RateLimit-Remaining"])
    assert remaining == ["2", "1", "0"]
    refused = client.get("/api/associations/nope/")
    assert refused.status_code == 429
    assert refused["RateLimit-Remaining"] == "0"
    assert 0 < int(refused["Retry-After"]) <= 60
    assert 0 < int(refused["RateLimit-Reset"]) <= 60
    assert "detail" in refused.json()


def test_the_limit_is_counted_in_the_shared_cache(client, settings, redis_cache):
    settings.API_RATE = "2/min"
    assert client.get("/api/blocks/").status_code == 200
    own_keys = redis_cache.keys()
    assert any("throttle" in key for key in own_keys)
    assert client.get("/api/blocks/").status_code == 200
    assert client.get("/api/blocks/").status_code == 429


def test_without_the_cache_the_api_answers_unmetered(client, settings):
    settings.CACHES = redis_cache_settings("redis://127.0.0.1:1/0")  # nothing listens there
    settings.API_RATE = "1/min"
    for _ in range(2):
        response = client.get("/api/blocks/")
        assert response.status_code == 200
        assert "RateLimit-Remaining" not in response


# Last-Modified from the record history, and the change feed.

LATER = datetime(2031, 4, 1, 9, 30, tzinfo=UTC)


def _edit(association: Association, when: datetime) -> None:
    with time_machine.travel(when, tick=False):
        association.notes = "Edited."
        association.save()


def test_a_record_is_last_modified_at_its_latest_change(client):
    association = Association.objects.get(designated_city__slug="hamamatsu")
    url = f"/api/associations/{association.slug}/"
    latest = association.history.latest("history_date").history_date
    first = client.get(url)
    assert first["Last-Modified"] == http_date(latest.timestamp())
    unchanged = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert unchanged.status_code == 304
    _edit(association, LATER)
    changed = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert changed.status_code == 200
    assert changed["Last-Modified"] == http_date(LATER.timestamp())


def test_a_list_is_last_modified_at_the_latest_change_of_its_rows(client):
    shown = client.get("/api/associations/?page_size=2").json()["results"]
    hidden = Association.objects.exclude(slug__in=[row["slug"] for row in shown]).first()
    _edit(hidden, LATER)
    response = client.get("/api/associations/?page_size=2")
    assert response["Last-Modified"] != http_date(LATER.timestamp())
    _edit(Association.objects.get(slug=shown[1]["slug"]), LATER + timedelta(days=1))
    response = client.get("/api/associations/?page_size=2")
    assert response["Last-Modified"] == http_date((LATER + timedelta(days=1)).timestamp())


def test_modified_after_gives_what_changed_since(client):
    edited = Association.objects.order_by("slug").last()
    _edit(edited, LATER)
    since = (LATER - timedelta(seconds=1)).isoformat()
    data = client.get("/api/associations/", {"modified_after": since}).json()
    assert [row["slug"] for row in data["results"]] == [edited.slug]
    after = client.get("/api/associations/", {"modified_after": LATER.isoformat()}).json()
    assert after["count"] == 0
    # The same moment with an offset PostgreSQL cannot store (it takes up to ±15:59).
    far_west = (LATER - timedelta(seconds=1)).astimezone(timezone(timedelta(hours=-22)))
    west = client.get("/api/associations/", {"modified_after": far_west.isoformat()}).json()
    assert [row["slug"] for row in west["results"]] == [edited.slug]


def test_the_api_s_own_filter_works_after_the_listing_s_form_was_built(client):
    # Each filter set class builds its form once: the listing's (without modified_after)
    # must not become the API's.
    from django.urls import reverse

    client.get(reverse("associations:list"), {"block": "kinki"})
    response = client.get("/api/associations/", {"modified_after": "yesterday"})
    assert response.status_code == 400 and "modified_after" in response.json()["detail"]


@pytest.mark.parametrize(
    "value", ["yesterday", "2026-13-01T00:00:00Z", "0", "0001-01-01T00:00:00+05:00"]
)
def test_a_bad_modified_after_is_a_400(client, value):
    response = client.get("/api/associations/", {"modified_after": value})
    assert response.status_code == 400
    assert "modified_after" in response.json()["detail"]


# Facets: the listing's counts, from the listing's code.


def test_facets_are_counted_as_the_listing_counts_them(client):
    query = "block=kinki&language=en"
    data = client.get(f"/api/associations/?{query}&facets=true").json()
    listing = client.get(f"/associations/?{query}").context["facets"]
    assert set(data["facets"]) == {facet.name for facet in listing}
    for facet in listing:
        counts = {c["value"]: (c["count"], c["selected"]) for c in data["facets"][facet.name]}
        assert counts == {c.value: (c.count, c.selected) for c in facet.choices}, facet.name
    assert sum(c["count"] for c in data["facets"]["tier"]) == data["count"]
    assert "facets" not in client.get(f"/api/associations/?{query}").json()


@pytest.mark.parametrize("query", ["", "block=kinki", "tier=prefectural", "recognised=yes"])
@pytest.mark.parametrize("feed_first", [True, False], ids=["feed-first", "listing-first"])
def test_the_change_feed_s_counts_and_the_listing_s_are_kept_apart(client, query, feed_first):
    """`modified_after` is the API's own filter: the counts made under it are not the
    listing's, whichever is asked first (kept under one key, the listing said that
    nothing was listed, and the feed counted what had not changed)."""
    feed_url = f"/api/associations/?{query}&modified_after=2999-01-01T00:00:00Z&facets=true"
    if feed_first:
        client.get(feed_url)
    listing = client.get(f"/associations/?{query}")
    feed = client.get(feed_url).json()
    expected = client.get(f"/api/associations/?{query}").json()["count"]
    assert expected > 0
    assert listing.context["page_obj"].paginator.count == expected
    # A facet each association has one value of, and not the one filtered on (its
    # counts leave its own filter out): its counts add up to the listing's.
    whole = "recognised" if query.startswith("tier") else "tier"
    (facet,) = [facet for facet in listing.context["facets"] if facet.name == whole]
    assert sum(choice.count for choice in facet.choices) == expected
    assert feed["count"] == 0
    assert sum(choice["count"] for choice in feed["facets"][whole]) == 0


@pytest.mark.parametrize(
    "query", ["sort=", "sort=name,", "recognised=", "modified_after=", "block=", "format="]
)
def test_a_blank_parameter_is_refused_not_ignored(client, query):
    response = client.get(f"/api/associations/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()["detail"]


def test_a_blank_keyword_is_no_keyword(client):
    assert client.get("/api/associations/?q=").json()["count"] == Association.objects.count()


def test_ndjson_refuses_a_malformed_page_size_too(client):
    assert client.get("/api/blocks/?format=ndjson&page_size=0").status_code == 400


def test_a_bad_facets_value_is_a_400(client):
    response = client.get("/api/associations/?facets=maybe")
    assert response.status_code == 400
    assert "facets" in response.json()["detail"]


# NDJSON: every row, streamed.


def test_ndjson_streams_every_row_without_pages(client):
    response = client.get("/api/associations/?format=ndjson")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/x-ndjson"
    rows = [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]
    assert len(rows) == Association.objects.count() > 50
    assert {row["slug"] for row in rows} == set(Association.objects.values_list("slug", flat=True))
    paged = client.get("/api/associations/").json()["results"][0]
    assert next(row for row in rows if row["slug"] == paged["slug"]) == paged


def test_ndjson_by_accept_header_and_with_filters(client):
    response = client.get("/api/associations/?block=kinki", HTTP_ACCEPT="application/x-ndjson")
    assert response["Content-Type"] == "application/x-ndjson"
    lines = b"".join(response.streaming_content).splitlines()
    assert len(lines) == Association.objects.in_block("kinki").count()
    blocks = client.get("/api/blocks/", HTTP_ACCEPT="application/x-ndjson")
    assert len(b"".join(blocks.streaming_content).splitlines()) == Block.objects.count()
