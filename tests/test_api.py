"""The read-only API, its responses validated against its own OpenAPI schema."""

import datetime

import pytest
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate as validate_spec

from associations.models import Association, ClairOffice

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_directory")]


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    spec = response.json()
    validate_spec(spec)
    return spec


def assert_matches_schema(schema: dict, path: str, response) -> None:
    """Validates a 200 response against the schema of its operation."""
    operation = schema["paths"][path]["get"]
    content = operation["responses"]["200"]["content"]["application/json"]["schema"]
    root = {**content, "components": schema["components"]}
    OAS30Validator(root, format_checker=OAS30Validator.FORMAT_CHECKER).validate(response.json())


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("/api/blocks/", "/api/blocks/"),
        ("/api/blocks/kinki/", "/api/blocks/{slug}/"),
        ("/api/prefectures/", "/api/prefectures/"),
        ("/api/prefectures/shizuoka/", "/api/prefectures/{slug}/"),
        ("/api/cities/", "/api/cities/"),
        ("/api/associations/", "/api/associations/"),
        ("/api/associations/?block=kinki&language=en", "/api/associations/"),
        ("/api/offices/", "/api/offices/"),
        ("/api/offices/paris/", "/api/offices/{slug}/"),
        ("/api/jet-roles/", "/api/jet-roles/"),
    ],
)
def test_responses_match_the_openapi_schema(client, schema, url, path):
    response = client.get(url)
    assert response.status_code == 200
    assert_matches_schema(schema, path, response)


def test_an_association_in_full(client, schema):
    association = Association.objects.get(designated_city__slug="hamamatsu")
    response = client.get(f"/api/associations/{association.slug}/")
    assert_matches_schema(schema, "/api/associations/{slug}/", response)
    data = response.json()
    assert data["name_ja"] == association.name_ja
    assert data["prefecture"] == "JP-22"
    assert data["phone"] == "+81534582170"
    assert "doc-003" in data["sources"]


def test_lists_are_paginated_and_filtered_like_the_listing(client):
    data = client.get("/api/associations/").json()
    # CLAIR's 63 listed associations and the municipal ones of fixtures/municipal/.
    assert data["count"] == Association.objects.count()
    assert Association.objects.exclude(list_position=None).count() == 63
    assert len(data["results"]) == 50
    assert data["next"].endswith("/api/associations/?page=2")
    kinki = client.get("/api/associations/?block=kinki").json()
    assert kinki["count"] == Association.objects.in_block("kinki").count()
    by_code = client.get("/api/associations/?prefecture=JP-22").json()
    in_shizuoka = Association.objects.filter(prefecture__code="JP-22")
    # CLAIR lists 3 in Shizuoka; its municipal associations match the filter too.
    assert in_shizuoka.exclude(list_position=None).count() == 3
    assert in_shizuoka.count() > 3
    assert by_code["count"] == in_shizuoka.count()
    either = client.get("/api/associations/?language=vi&language=pt").json()
    expected = Association.objects.filter(languages__code__in=["vi", "pt"]).distinct().count()
    assert either["count"] == expected


def test_offices_carry_their_departments(client):
    hq = client.get("/api/offices/headquarters/").json()
    assert (
        len(hq["departments"]) == ClairOffice.objects.get(slug="headquarters").departments.count()
    )


@pytest.mark.parametrize(
    "url",
    [
        "/api/associations/?language=xx",
        "/api/associations/?tier=galactic",
        "/api/associations/?sort=pw",
    ],
)
def test_a_bad_filter_is_a_json_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()


@pytest.mark.parametrize(
    "url",
    [
        "/api/associations/nope/",
        "/api/offices/atlantis/",
        "/api/nothing/here",
        "/api/associations/?page=99",
    ],
)
def test_unknown_things_are_a_json_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_the_api_is_read_only(client):
    response = client.post("/api/associations/", {"name_en": "x"})
    assert response.status_code == 405


def test_the_browsable_docs_are_served(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert "swagger" in response.text.lower()
    # Their start-up script is a file of its own (no inline script), pointing at the schema.
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in script.content.decode()


def test_the_hsds_api_maps_every_association(client):
    """The HSDS API (tests/test_hsds.py validates it against the spec): every association is
    an organization, with its phones and the same id on every request."""
    data = client.get("/api/hsds/organizations?per_page=500").json()
    assert data["total_items"] == len(data["contents"]) == Association.objects.count()
    hamamatsu = next(
        o for o in data["contents"] if o.get("alternate_name") == "公益財団法人浜松国際交流協会"
    )
    full = client.get(f"/api/hsds/organizations/{hamamatsu['id']}").json()
    assert "+81534582170" in [phone["number"] for phone in full["phones"]]
    again = client.get("/api/hsds/organizations?per_page=500").json()
    assert [o["id"] for o in again["contents"]] == [o["id"] for o in data["contents"]]


def test_the_api_list_takes_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    # count, the page's keys, its rows by key, their languages, services, sources and the
    # places each also serves, Last-Modified from the history, and the blocks to check the
    # filter's value against
    with django_assert_max_num_queries(9):
        client.get("/api/associations/?block=kinki")
    # the count and the blocks kept: the rest, for every page
    for page in (1, 2):
        with django_assert_num_queries(7):
            client.get(f"/api/associations/?block=kinki&page_size=20&page={page}")


def test_the_api_list_s_count_is_kept_and_an_edit_counts_at_once(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .conftest import make_association

    first = client.get("/api/associations/?block=kinki&page_size=5").json()
    with CaptureQueriesContext(connection) as asked:
        again = client.get("/api/associations/?block=kinki&page_size=5&page=2").json()
    assert again["count"] == first["count"] == Association.objects.in_block("kinki").count()
    assert not [q for q in asked.captured_queries if "COUNT(" in q["sql"]]
    kinki = Association.objects.in_block("kinki").first().prefecture
    make_association(prefecture=kinki, name_en="A new one in Kinki")
    assert client.get("/api/associations/?block=kinki").json()["count"] == first["count"] + 1
    # a keyword that matches nothing: no query to count with, and nothing counted
    nothing = client.get("/api/associations/?q=qqqzzzxxx")
    assert nothing.status_code == 200 and nothing.json()["count"] == 0
    # another filter is another count
    assert client.get("/api/associations/?block=kanto").json()["count"] == (
        Association.objects.in_block("kanto").count()
    )


@pytest.mark.parametrize(
    "query",
    ["", "?block=kinki", "?language=en", "?sort=-name", "?sort=prefecture,-name&tier=municipal"],
)
def test_the_api_list_pages_through_every_association_once_in_the_listing_s_order(client, query):
    from django.http import QueryDict

    from associations.filters import AssociationFilter

    params = QueryDict(query.lstrip("?"))
    filtered = AssociationFilter(params, queryset=Association.objects.all()).qs
    expected = list(filtered.values_list("slug", flat=True))
    assert len(expected) > 7
    shown, url = [], f"/api/associations/{query or '?'}&page_size=7"
    while url:
        data = client.get(url).json()
        shown += [record["slug"] for record in data["results"]]
        assert len(data["results"]) == 7 or not data["next"]
        url = data["next"]
    assert shown == expected


def test_the_list_with_facets_takes_a_fixed_number_of_queries(client, django_assert_num_queries):
    client.get("/api/associations/?facets=true")  # the vocabularies, kept after this
    # count, page, languages, services, sources, the places each also serves,
    # Last-Modified from the history; the facet counts: one grouped count over
    # (prefecture, tier, recognition), one more without the block filter that is set, and
    # one per link table (languages, services); how many have published their languages.
    # (The filters' values are checked against the kept vocabularies: no query.)
    with django_assert_num_queries(12):
        client.get("/api/associations/?block=kinki&language=en&facets=true")


def _as_drf_writes_it(association: Association) -> dict:
    """What DRF's own walk through the serializer's declared fields makes of a record."""
    from rest_framework import serializers

    from associations.api.serializers import AssociationSerializer

    return serializers.ModelSerializer.to_representation(AssociationSerializer(), association)


def test_every_association_reads_as_drf_would_write_it_field_by_field(client):
    # The serializer builds each record's dict directly, for speed; the fields it declares
    # (and the OpenAPI schema drawn from them) must still say exactly what it writes.
    from associations.models import DesignatedCity

    from .conftest import make_association, make_language, make_municipality, make_service

    city = DesignatedCity.objects.first()
    place = make_municipality(prefecture=city.prefecture, code="991001")
    full = make_association(
        tier=Association.Tier.MUNICIPAL, mic_recognised=False, prefecture=city.prefecture,
        designated_city=city, municipality=place, phone="+81534582170",
        consultation_phone="053-458-2185", fax="+81534582197", email="a@example.org",
        website="https://example.org/", last_verified=datetime.date(2026, 2, 3),
        size_category="small", public_note="A note", listed_as="Listed",
        languages=[make_language("xa"), make_language("xb")],
        services=[make_service("xa-help"), make_service("xb-help")],
    )  # fmt: skip
    full.also_serves.set([make_municipality(prefecture=city.prefecture, code="991002")])
    bare = make_association(prefecture=city.prefecture, as_of=None, name_ja="", website="")
    written = {
        record["slug"]: record
        for record in client.get("/api/associations/?page_size=500").json()["results"]
    }
    # DRF's walk, on records preloaded the usual way (managers, not for_api()'s lists)
    usual = Association.objects.select_related("prefecture__block", "designated_city",
                                               "municipality").prefetch_related(
        "languages", "services", "sources", "also_serves")  # fmt: skip
    assert len(written) == usual.count() > 300
    for record in usual:
        assert list(written[record.slug].items()) == list(_as_drf_writes_it(record).items())
    detail = client.get(f"/api/associations/{full.slug}/").json()
    assert detail == _as_drf_writes_it(Association.objects.get(pk=full.pk))
    assert detail["languages"] == ["xa", "xb"] and detail["services"] == ["xa-help", "xb-help"]
    assert detail["also_serves"] == ["991002"] and detail["municipality"] == "991001"
    assert detail["phone"] == "+81534582170" and detail["last_verified"] == "2026-02-03"
    assert detail["designated_city"] == city.slug and detail["size_category"] == "small"
    assert written[bare.slug]["as_of"] is None and written[bare.slug]["municipality"] is None
