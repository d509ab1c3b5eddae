"""The Open Referral HSDS 3.0 API under /api/hsds/: every answer validated against the spec's
own JSON Schemas (vendored in tests/schemas/hsds/), with undeclared properties refused as
the spec's CI refuses them, and the defects of the single-document export of before."""

import json
import re
import uuid
from functools import cache
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from associations import hsds
from associations.models import (
    Association,
    Desk,
    DeskHours,
    Location,
    OpeningHours,
    Service,
    Weekday,
)

from .conftest import (
    make_association,
    make_city,
    make_desk,
    make_language,
    make_location,
    make_service,
)

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parent / "schemas" / "hsds"
SPEC_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
PAGE_FIELDS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


def _closed(schema):
    """additionalProperties false on every object schema, as the spec's own
    validate_examples_json_schema.sh does (compiletojsonschema
    --set-additional-properties-false-everywhere)."""
    if isinstance(schema, dict):
        if "properties" in schema and "additionalProperties" not in schema:
            schema["additionalProperties"] = False
        for value in schema.values():
            _closed(value)
    elif isinstance(schema, list):
        for value in schema:
            _closed(value)
    return schema


@cache
def _load(name: str) -> dict:
    return _closed(json.loads((SCHEMAS / name).read_text()))


@cache
def _registry() -> Registry:
    # taxonomy_term.json refers to taxonomy.json and metadata.json by relative path.
    return Registry().with_resources(
        (name, Resource.from_contents(_load(name), default_specification=DRAFT202012))
        for name in ("taxonomy.json", "metadata.json")
    )


@cache
def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(
        _load(name), registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@cache
def openapi() -> dict:
    return json.loads((SCHEMAS / "openapi.json").read_text())


def spec_schema(path: str) -> str:
    """The file the spec's OpenAPI names for the items of a list, or for one record."""
    schema = openapi()["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    schema = schema["schema"]
    ref = schema["properties"]["contents"]["items"]["$ref"] if "allOf" in schema else schema["$ref"]
    return ref.removeprefix(SPEC_URL)


# The spec's OpenAPI names compiled/service.json for /service_at_locations/{id}, a slip
# (its own example for that path is a service_at_location): the record is validated
# against the service_at_location schema. With full=true a list holds full objects.
FULL = {
    "/organizations": "compiled/organization.json",
    "/services": "compiled/service.json",
    "/service_at_locations": "compiled/service_at_location.json",
    "/service_at_locations/{id}": "compiled/service_at_location.json",
}


def assert_valid(data, name: str) -> None:
    errors = sorted(validator(name).iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def assert_page(data: dict, item_schema: str) -> None:
    root = openapi()["components"]["schemas"]["Page"]
    assert set(data) == PAGE_FIELDS
    for name, field in root["properties"].items():
        assert isinstance(data[name], {"integer": int, "boolean": bool}[field["type"]]), name
    for item in data["contents"]:
        assert_valid(item, item_schema)


def check(client, url: str, path: str, full: bool = False) -> dict:
    """GET `url`, a 200 that validates against the spec's schema for `path`."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    data = response.json()
    detail = path.endswith("{id}")
    schema = FULL[path] if (full or detail) and path in FULL else spec_schema(path)
    if detail:
        assert_valid(data, schema)
    else:
        assert_page(data, schema)
    assert_no_nulls(data)
    return data


def walk(data, key=None):
    yield key, data
    if isinstance(data, dict):
        for k, v in data.items():
            yield from walk(v, k)
    elif isinstance(data, list):
        for v in data:
            yield from walk(v, key)


def assert_no_nulls(data) -> None:
    """Unknown values are left out: never null, never an empty string or list."""
    for key, value in walk(data):
        assert value not in (None, "", []), f"{key} is {value!r}"


def objects(data, key: str) -> list[dict]:
    return [
        item for k, value in walk(data) if k == key and isinstance(value, list) for item in value
    ]


@pytest.fixture(autouse=True)
def unmetered(settings):
    settings.API_RATE = ""


@pytest.fixture
def directory():
    """A designated-city association with everything the HSDS objects show, and one that
    the directory knows little about."""
    easy = make_language("ja-x-easy", name_en="Easy Japanese", name_native="やさしい日本語")
    english = make_language("en", name_en="English", name_native="English")
    vietnamese = make_language("vi", name_en="Vietnamese", name_native="Tiếng Việt")
    consultation = make_service(
        "consultation", name_en="Consultation for foreign residents", description_en="Desks."
    )
    classes = make_service("japanese-classes", name_en="Japanese classes")
    city = make_city(name_en="Hamamatsu", name_ja="浜松市")
    rich = make_association(
        slug="hamamatsu",
        name_en="Hamamatsu Foundation for International Communications and Exchanges",
        name_ja="公益財団法人浜松国際交流協会",
        tier=Association.Tier.DESIGNATED_CITY,
        designated_city=city,
        mic_recognised=True,
        email="info@example.jp",
        website="https://www.hi-hice.jp/",
        phone="053-458-2170",
        consultation_phone="053-458-2185",
        fax="053-458-2197",
        postal_code="430-0916",
        address="浜松市中区早馬町2-1",
        languages=[english, vietnamese, easy],
        services=[consultation, classes],
    )
    centre = make_location(
        rich,
        name="浜松市外国人学習支援センター",
        address_ja="浜松市中区早馬町2-1",
        address_en="2-1 Hayauma-cho, Naka-ku",
        postal_code="430-0916",
        municipality_name="浜松市",
        closed_on_holidays=True,
        access_note="Five minutes from Hamamatsu Station.",
    )
    for day in (Weekday.TUESDAY, Weekday.FRIDAY):
        OpeningHours.objects.create(location=centre, weekday=day, opens="09:00", closes="17:00")
    desk = make_desk(
        rich,
        location=centre,
        name="外国人相談窓口",
        phone="053-458-2185",
        email="desk@example.jp",
        fee=Desk.Fee.FREE,
    )
    span = DeskHours.objects.create(
        desk=desk, weekday=Weekday.TUESDAY, opens="10:00", closes="16:00"
    )
    span.languages.set([vietnamese, easy])
    DeskHours.objects.create(
        desk=desk, weekday=Weekday.SATURDAY, opens="10:00", closes="12:00", weeks_of_month="2,4"
    )
    phone_desk = make_desk(rich, name="Phone line", channel=Desk.Channel.PHONE)
    bare = make_association(name_en="Bare International Association", name_ja="")
    return {
        "rich": rich,
        "bare": bare,
        "desk": desk,
        "phone_desk": phone_desk,
        "centre": centre,
        "consultation": consultation,
    }


def ids_of(client, url: str) -> list[str]:
    return [item["id"] for item in client.get(url).json()["contents"]]


# The root document


def test_the_root_says_which_hsds_it_speaks(client):
    response = client.get("/api/hsds/")
    assert response.status_code == 200
    data = response.json()
    root = openapi()["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]
    Draft202012Validator(
        _closed(json.loads(json.dumps(root["schema"]))) | {"required": list(data)},
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    ).validate(data)
    assert data["version"] == "3.0"
    assert set(data) == {"version", "profile", "openapi_url"}
    assert data["openapi_url"].endswith("/schema/openapi.json")
    assert data["profile"].startswith("https://")
    assert client.get("/api/hsds").json() == data


# Every path of the spec answers, in the spec's shape


SPEC_LISTS = [
    "/organizations",
    "/services",
    "/service_at_locations",
    "/taxonomies",
    "/taxonomy_terms",
]


def test_the_api_has_every_path_of_the_spec():
    assert set(openapi()["paths"]) == {"/", *SPEC_LISTS, *(f"{p}/{{id}}" for p in SPEC_LISTS)}


@pytest.mark.parametrize("path", SPEC_LISTS)
@pytest.mark.parametrize("full", [False, True])
def test_every_list_validates_against_the_spec(client, directory, path, full):
    data = check(client, f"/api/hsds{path}" + ("?full=true" if full else ""), path, full)
    assert data["contents"]
    # With or without the trailing slash that the directory's other paths have.
    assert client.get(f"/api/hsds{path}/").json() == client.get(f"/api/hsds{path}").json()


@pytest.mark.parametrize("path", SPEC_LISTS)
def test_every_record_validates_against_the_spec(client, directory, path):
    for id_ in ids_of(client, f"/api/hsds{path}"):
        check(client, f"/api/hsds{path}/{id_}", f"{path}/{{id}}")
        assert client.get(f"/api/hsds{path}/{id_}/").status_code == 200


def test_an_organization_in_full_with_full_services(client, directory):
    orgs = client.get("/api/hsds/organizations").json()["contents"]
    org = next(o for o in orgs if o["name"] == directory["rich"].name_en)
    data = check(
        client, f"/api/hsds/organizations/{org['id']}?full_service=true", "/organizations/{id}"
    )
    assert any("schedules" in service for service in data["services"])
    listing = check(client, "/api/hsds/organizations?full_service=true", "/organizations", True)
    assert listing["contents"]


def test_unknown_ids_are_a_json_404(client, directory):
    for path in SPEC_LISTS:
        for id_ in ("3fa85f64-5717-4562-b3fc-2c963f66afa6", "not-a-uuid"):
            response = client.get(f"/api/hsds{path}/{id_}")
            assert response.status_code == 404, path
            assert response.json()["detail"]


# The defects of the single-document export


def test_unknown_values_are_left_out_not_null(client, directory):
    bare = next(
        o
        for o in client.get("/api/hsds/organizations").json()["contents"]
        if o["name"] == "Bare International Association"
    )
    assert set(bare) == {"id", "name", "description", "uri"}
    full = client.get(f"/api/hsds/organizations/{bare['id']}").json()
    assert "email" not in full and "website" not in full and "alternate_name" not in full
    assert "locations" not in full  # no address, no Location: no place is made up


def test_phones_name_what_they_belong_to_and_never_a_null_location(client, directory):
    data = client.get("/api/hsds/organizations?full=true&full_service=true").json()
    phones = objects(data, "phones")
    assert {p["number"] for p in phones} >= {"+81534582170", "+81534582185", "+81534582197"}
    for phone in phones:
        links = set(phone) & {"organization_id", "service_id", "service_at_location_id"}
        assert len(links) == 1, phone
        assert phone.get("location_id", "x") is not None


def test_without_a_consultation_service_the_line_is_the_organizations(client, directory):
    association = make_association(name_en="Line Only", consultation_phone="03-5213-1730")
    org = next(
        o
        for o in client.get("/api/hsds/organizations?full=true").json()["contents"]
        if o["name"] == "Line Only"
    )
    assert [p["number"] for p in org["phones"]] == ["+81352131730"]
    assert association.services.count() == 0
    rich = next(
        o
        for o in client.get("/api/hsds/organizations?full=true").json()["contents"]
        if o["name"] == directory["rich"].name_en
    )
    # With the consultation service, the line is that service's, said once.
    assert "+81534582185" not in [p["number"] for p in rich["phones"]]


def test_languages_belong_to_services_not_organizations(client, directory):
    data = client.get("/api/hsds/services?full=true").json()
    languages = objects(data, "languages")
    assert languages
    for language in languages:
        assert "organization_id" not in language
        assert "service_id" in language


def test_easy_japanese_is_japanese_with_a_note(client, directory):
    data = client.get("/api/hsds/services?full=true").json()
    codes = {language["code"] for language in objects(data, "languages")}
    assert "ja-x-easy" not in codes
    easy = [lang for lang in objects(data, "languages") if lang["name"] == "Easy Japanese"]
    assert easy and all(lang["code"] == "ja" and "ja-x-easy" in lang["note"] for lang in easy)


def test_addresses_have_a_city_or_are_left_out(client, directory):
    data = client.get("/api/hsds/organizations?full=true").json()
    addresses = objects(data, "addresses")
    assert addresses
    for address in addresses:
        assert address["city"] and address["state_province"] and address["country"] == "JP"
    hamamatsu = [a for a in addresses if a["address_1"] == "浜松市中区早馬町2-1"]
    assert {a["city"] for a in hamamatsu} == {"浜松市"}
    # The English address, its city known because the location is in the association's city.
    english = [a for a in addresses if a["address_1"].startswith("2-1 Hayauma")]
    assert [a["city"] for a in english] == ["Hamamatsu"]


def test_a_location_without_a_municipality_gives_no_address(client, directory):
    Location.objects.filter(pk=directory["centre"].pk).update(municipality_name="")
    data = client.get("/api/hsds/organizations?full=true").json()
    assert objects(data, "addresses") == []  # the recorded location hides the office address
    assert_no_nulls(data)


def test_a_list_has_every_paging_field(client, directory):
    data = client.get("/api/hsds/services?per_page=1&page=2").json()
    assert set(data) == PAGE_FIELDS
    assert data["page_number"] == 2 and data["size"] == 1
    assert data["first_page"] is False and data["empty"] is False
    assert data["total_pages"] == data["total_items"]
    last = client.get(f"/api/hsds/services?per_page=1&page={data['total_pages']}").json()
    assert last["last_page"] is True


def test_an_empty_list_is_one_empty_page(client, db):
    data = client.get("/api/hsds/organizations").json()
    assert data == {
        "total_items": 0,
        "total_pages": 1,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


# Mapping


def test_the_desk_is_a_service_with_its_hours_languages_and_place(client, directory):
    desk = directory["desk"]
    services = client.get("/api/hsds/services?full=true").json()["contents"]
    service = next(s for s in services if s["name"] == "外国人相談窓口")
    assert service["email"] == "desk@example.jp"
    assert service["fees_description"] == "Free"
    assert {(s["freq"], s["byday"], s["opens_at"]) for s in service["schedules"]} == {
        ("WEEKLY", "TU", "10:00+09:00"),
        ("MONTHLY", "2SA,4SA", "10:00+09:00"),
    }
    assert all("national holidays" in s["notes"] for s in service["schedules"])
    assert {lang["code"] for lang in service["languages"]} == {"vi", "ja"}
    [sal] = service["service_at_locations"]
    assert (
        sal["location_id"]
        == check(
            client, f"/api/hsds/service_at_locations/{sal['id']}", "/service_at_locations/{id}"
        )["location"]["id"]
    )
    assert service["attributes"][0]["taxonomy_term"]["code"] == "consultation"
    assert desk.pk  # the desk without a place is a service but no service_at_location
    phone_line = next(s for s in services if s["name"] == "Phone line")
    assert "service_at_locations" not in phone_line
    sals = client.get("/api/hsds/service_at_locations").json()["contents"]
    assert [s["service_id"] for s in sals] == [service["id"]]


def test_the_consultation_service_carries_the_consultation_line_and_languages(client, directory):
    services = client.get("/api/hsds/services?full=true").json()["contents"]
    service = next(s for s in services if s["name"] == "Consultation for foreign residents")
    assert [p["number"] for p in service["phones"]] == ["+81534582185"]
    assert {lang["code"] for lang in service["languages"]} == {"en", "vi", "ja"}


def test_the_taxonomy_is_the_services_vocabulary(client, directory):
    [taxonomy] = client.get("/api/hsds/taxonomies").json()["contents"]
    terms = client.get("/api/hsds/taxonomy_terms").json()["contents"]
    assert {t["code"] for t in terms} == {"consultation", "japanese-classes"}
    assert {t["taxonomy_id"] for t in terms} == {taxonomy["id"]}
    classes = next(t for t in terms if t["code"] == "japanese-classes")
    assert classes["description"] == "Japanese classes"  # no description: its name


def test_ids_are_uuids_that_never_change(client, directory):
    first = client.get("/api/hsds/services?full=true").json()
    again = client.get("/api/hsds/services?full=true").json()
    assert first == again
    org = client.get("/api/hsds/organizations").json()["contents"]
    # The single-document export's organization ids stay as they were.
    hamamatsu = next(o for o in org if o.get("alternate_name") == "公益財団法人浜松国際交流協会")
    namespace = uuid.UUID("6f1f6a52-8d1e-4d53-9a39-1f0f3b1c2a10")
    assert hamamatsu["id"] == str(uuid.uuid5(namespace, "association/hamamatsu"))


# Filters: those the spec declares, cumulative


def test_services_filter_by_organization_term_and_taxonomy(client, directory):
    orgs = {o["name"]: o["id"] for o in client.get("/api/hsds/organizations").json()["contents"]}
    rich = orgs[directory["rich"].name_en]
    every = ids_of(client, "/api/hsds/services")
    assert len(ids_of(client, f"/api/hsds/services?organization_id={rich}")) == len(every)
    bare = orgs["Bare International Association"]
    assert ids_of(client, f"/api/hsds/services?organization_id={bare}") == []
    terms = {t["code"]: t["id"] for t in client.get("/api/hsds/taxonomy_terms").json()["contents"]}
    classes = ids_of(client, f"/api/hsds/services?taxonomy_term_id={terms['japanese-classes']}")
    assert len(classes) == 1
    consultation = ids_of(client, f"/api/hsds/services?taxonomy_term_id={terms['consultation']}")
    assert len(consultation) == 3  # two desks and the association's consultation service
    [taxonomy] = ids_of(client, "/api/hsds/taxonomies")
    assert len(ids_of(client, f"/api/hsds/services?taxonomy_id={taxonomy}")) == len(every)
    assert ids_of(client, f"/api/hsds/services?taxonomy_id={uuid.uuid4()}") == []
    both = f"/api/hsds/services?taxonomy_term_id={terms['japanese-classes']}&organization_id={bare}"
    assert ids_of(client, both) == []


def test_services_filter_by_search(client, directory):
    assert len(ids_of(client, "/api/hsds/services?search=hamamatsu")) == 4
    # A desk by its own name, or by the consultation it offers; not its association's.
    phone_desk = hsds.hsds_id("desk", directory["phone_desk"].pk)
    assert ids_of(client, "/api/hsds/services?search=phone%20line") == [phone_desk]
    assert len(ids_of(client, "/api/hsds/services?search=foreign%20residents")) == 3
    assert len(ids_of(client, "/api/hsds/services?search=japanese%20classes")) == 1
    assert ids_of(client, "/api/hsds/services?search=nowhere") == []
    assert len(ids_of(client, "/api/hsds/organizations?search=hamamatsu")) == 1
    assert ids_of(client, "/api/hsds/taxonomy_terms?search=classes") != []


def test_a_term_is_found_by_any_word_of_its_description(client, directory):
    """A description has no length limit: every word of it counts, the last one too."""
    term = Service.objects.order_by("pk").first()
    term.description_en = "Help for residents from abroad. " * 20 + "Zanzibar."
    term.save()
    assert len(term.description_en) > 500
    found = ids_of(client, "/api/hsds/taxonomy_terms?search=zanzibar")
    assert found == [hsds.term_id(term)]


def test_services_filter_by_modified_after(client, directory):
    every = ids_of(client, "/api/hsds/services")
    assert ids_of(client, "/api/hsds/services?modified_after=2000-01-01") == every
    assert ids_of(client, "/api/hsds/services?modified_after=2999-01-01T00:00:00Z") == []
    assert ids_of(client, "/api/hsds/service_at_locations?modified_after=2999-01-01") == []
    # Any offset Python reads is an instant (PostgreSQL refuses offsets past 15:59, so
    # the filter hands it UTC); at the ends of the calendar, everything or nothing.
    for path in ("/api/hsds/services", "/api/hsds/service_at_locations"):
        for after, expected in (
            ("2000-01-01T00:00:00%2B19:38", ids_of(client, path)),
            ("0001-01-01T00:00:00%2B05:00", ids_of(client, path)),
            ("9999-12-31T23:59:00-05:00", []),
        ):
            assert ids_of(client, f"{path}?modified_after={after}") == expected, (path, after)


def test_taxonomy_terms_filter_by_taxonomy_and_parent(client, directory):
    [taxonomy] = ids_of(client, "/api/hsds/taxonomies")
    assert len(ids_of(client, f"/api/hsds/taxonomy_terms?taxonomy_id={taxonomy}")) == 2
    other = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
    assert ids_of(client, f"/api/hsds/taxonomy_terms?taxonomy_id={other}") == []
    assert ids_of(client, f"/api/hsds/taxonomy_terms?parent_id={other}") == []
    assert len(ids_of(client, "/api/hsds/taxonomy_terms?top_only=true")) == 2


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=abc",
        "page=99",
        "per_page=0",
        "per_page=501",
        "per_page=-1",
        "full=yes",
        "organization_id=nope",
        "taxonomy_term_id=1",
        "modified_after=yesterday",
        "modified_after=2025-13-45",
        "format=xml",
        "minimal=true",
    ],
)
def test_bad_parameters_are_a_clear_json_error(client, directory, query):
    response = client.get(f"/api/hsds/services?{query}")
    assert response.status_code == (404 if query == "page=99" else 400), response.content
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_proximity_is_refused_not_ignored(client, directory):
    response = client.get("/api/hsds/service_at_locations?postcode=4300916&proximity=1000")
    assert response.status_code == 400
    assert "proximity" in response.json()["detail"]
    assert client.get("/api/hsds/service_at_locations?postcode=12").status_code == 400


def test_ndjson_streams_every_item(client, directory):
    response = client.get("/api/hsds/services?format=ndjson&per_page=1")
    assert response["Content-Type"] == "application/x-ndjson"
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert [json.loads(line)["id"] for line in lines] == ids_of(client, "/api/hsds/services")
    for line in lines:
        assert_valid(json.loads(line), "compiled/service_list.json")


def test_hsds_answers_carry_cors(client, directory):
    response = client.get("/api/hsds/services", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_hsds_api_is_read_only(client, directory):
    assert client.post("/api/hsds/services", {}).status_code == 405


def test_the_hsds_paths_are_in_the_openapi_schema(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert {"/api/hsds/organizations", "/api/hsds/services/{id}"} <= set(schema["paths"])


# A fixed number of queries however many rows


def _grow(directory, n: int) -> None:
    for i in range(n):
        association = make_association(
            name_en=f"Extra {i}",
            address="東京都新宿区1",
            postal_code="160-0001",
            services=[directory["consultation"]],
            languages=[make_language("en")],
        )
        location = make_location(association, municipality_name="新宿区", postal_code="160-0001")
        OpeningHours.objects.create(location=location, weekday=0, opens="09:00", closes="17:00")
        desk = make_desk(association, location=location, phone="03-1234-5678")
        DeskHours.objects.create(desk=desk, weekday=0, opens="10:00", closes="12:00").languages.set(
            [make_language("en")]
        )


# count/page or the ids' lookup, then the prefetches: languages, services, locations and
# their hours, desks (with their location), their hours and languages, their location's
# hours; the vocabulary of terms; the search's query when asked. The services' lists
# first read their keys (the associations' order, the desks, the offers; not the offers
# for service_at_locations), kept until the next edit; a search also reads the desks'
# names. (url, queries, queries with the keys kept)
QUERIES = [
    ("/api/hsds/", 0, 0),
    ("/api/hsds/organizations", 2, 2),
    ("/api/hsds/organizations?full=true", 11, 11),
    ("/api/hsds/services", 13, 10),
    ("/api/hsds/services?full=true&search=consultation", 15, 12),
    ("/api/hsds/service_at_locations?full=true", 12, 10),
    ("/api/hsds/taxonomies", 0, 0),
    ("/api/hsds/taxonomy_terms", 1, 1),
]


@pytest.mark.parametrize(("url", "queries", "with_keys_kept"), QUERIES)
def test_each_list_takes_a_fixed_number_of_queries(
    client, directory, django_assert_num_queries, url, queries, with_keys_kept
):
    with django_assert_num_queries(queries):
        client.get(url)
    _grow(directory, 3)
    with django_assert_num_queries(queries):
        client.get(url)
    with django_assert_num_queries(with_keys_kept):
        client.get(url)


def test_the_services_lists_show_an_edit_at_once(client, directory):
    """Their keys are kept until the next edit, then read again."""
    lists = ("/api/hsds/services?per_page=500", "/api/hsds/service_at_locations?per_page=500")
    before = [ids_of(client, url) for url in lists]
    association = Association.objects.get(slug="hamamatsu")
    desk = make_desk(association, location=association.locations.first(), name="Night desk")
    after = [ids_of(client, url) for url in lists]
    assert hsds.hsds_id("desk", desk.pk) in after[0]
    assert hsds.hsds_id("service_at_location", desk.pk) in after[1]
    assert [len(ids) for ids in after] == [len(ids) + 1 for ids in before]
    desk.delete()
    assert [ids_of(client, url) for url in lists] == before


def test_a_services_page_reads_in_full_only_the_associations_it_shows(client, directory):
    """The services' lists read every association with all that its HSDS objects show,
    for a page of fifty: 38 s a request at 100,000 associations."""
    _grow(directory, 6)
    for url in (
        "/api/hsds/services?per_page=2&page=2",
        "/api/hsds/services?per_page=3&full=true&search=consultation",
        "/api/hsds/service_at_locations?per_page=2&page=3&full=true",
    ):
        with CaptureQueriesContext(connection) as queries:
            data = client.get(url).json()
        assert data["size"] == len(data["contents"]) > 0, url
        # Only the full record has its address; the keys' queries read none.
        full = [q["sql"] for q in queries if '"associations_association"."address"' in q["sql"]]
        assert full, url
        for sql in full:
            ids = re.search(r'"associations_association"\."id" IN \(([^)]*)\)', sql)
            assert ids and len(ids[1].split(",")) <= data["size"], (url, sql[-300:])


def test_each_record_takes_a_fixed_number_of_queries(client, directory, django_assert_num_queries):
    # The records of the association with everything, so that every prefetch has rows.
    urls = []
    for path in SPEC_LISTS:
        ids = ids_of(client, f"/api/hsds{path}")
        urls.append(f"/api/hsds{path}/{ids[-1] if path == '/organizations' else ids[0]}")
    for url in urls:
        with django_assert_num_queries(_record_queries(url)):
            client.get(url)
    _grow(directory, 3)
    for url in urls:
        with django_assert_num_queries(_record_queries(url)):
            client.get(url)
    for url in urls:  # the ids are known now, until the next edit
        with django_assert_num_queries(_record_queries(url, ids_known=True)):
            client.get(url)


def _record_queries(url: str, ids_known: bool = False) -> int:
    # The ids' lookup (two for services: desks and offers) until the ids are known, the
    # association, its eight prefetches, the vocabulary of terms.
    lookup = {"organizations": 1, "services": 2, "service_at_locations": 1}
    kind = url.split("/")[3]
    return {
        "organizations": 10,
        "services": 10,
        "service_at_locations": 10,
        "taxonomies": 0,
        "taxonomy_terms": 1,
    }[kind] + (0 if ids_known else lookup.get(kind, 0))


def test_keys_are_found_by_the_whole_digest_not_its_first_half():
    high = 0x0123456789ABCDEF << 64
    keys = hsds.KeysByDigest([(high | 2, 20), (high | 1, 10), (7 << 64 | 1, 70), (high | 3, 30)])
    assert [keys.get(high | n) for n in (1, 2, 3)] == [10, 20, 30]
    assert keys.get(7 << 64 | 1) == 70
    assert keys.get(high | 4) is None
    assert keys.get(7 << 64 | 2) is None
    assert keys.get(8 << 64) is None
    tuples = hsds.KeysByDigest([(high | 1, (1, 2))])
    assert tuples.get(high | 1) == (1, 2)


TABLES_OF_MANY = ('"associations_association"', '"associations_desk"',
                  '"associations_association_services"')  # fmt: skip


def test_a_record_is_found_by_its_id_without_reading_every_record_again(client, directory):
    """An id is a digest of its record's key: a record was found by computing every
    record's id on every request (100,000 digests at 100,000 associations). The ids are
    computed once per version of the directory; after that a record's request reads only
    its own rows."""
    urls = [f"/api/hsds{path}/{ids_of(client, f'/api/hsds{path}')[0]}" for path in SPEC_LISTS]
    for url in urls:
        assert client.get(url).status_code == 200
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        unbounded = [
            q["sql"] for q in queries
            if any(f"FROM {table}" in q["sql"] for table in TABLES_OF_MANY)
            and "WHERE" not in q["sql"]
        ]  # fmt: skip
        assert not unbounded, (url, unbounded)
    # An edit makes ids of its own: a new association is found by its new id at once.
    newcomer = make_association(name_en="Newcomer", slug="newcomer")
    response = client.get(f"/api/hsds/organizations/{hsds.hsds_id('association', 'newcomer')}")
    assert response.status_code == 200
    assert response.json()["name"] == newcomer.name
    newcomer.delete()
    assert client.get(response.request["PATH_INFO"]).status_code == 404


# The real fixtures


@pytest.mark.usefixtures("real_directory")
def test_the_real_directory_validates_page_by_page(client):
    for path in ("/organizations", "/services", "/service_at_locations"):
        for full in (False, True):
            page, pages = 1, 1
            while page <= pages:
                url = f"/api/hsds{path}?per_page=20&page={page}" + ("&full=true" if full else "")
                data = check(client, url, path, full)
                pages, page = data["total_pages"], page + 1
    total = client.get("/api/hsds/organizations").json()["total_items"]
    assert total == Association.objects.count()


@pytest.mark.usefixtures("real_directory")
def test_the_real_directory_records_validate(client):
    for path in SPEC_LISTS:
        for id_ in ids_of(client, f"/api/hsds{path}?per_page=500"):
            check(client, f"/api/hsds{path}/{id_}", f"{path}/{{id}}")


def test_the_vendored_schemas_are_the_spec_3_0():
    readme = (SCHEMAS / "README.md").read_text()
    assert "3.0" in readme and "CC BY-SA 4.0" in readme
