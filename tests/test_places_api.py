"""The API's places and postcodes, validated against the OpenAPI schema."""

import pytest

from associations.models import Postcode

from .conftest import make_association, make_municipality
from .test_api import assert_matches_schema, schema  # noqa: F401  (the schema fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def towns(places):
    hamamatsu = make_municipality(
        code="221309",
        kind="designated_city",
        name_ja="浜松市",
        name_kana="ハママツシ",
        name_romaji="Hamamatsu-shi",
        name_en="Hamamatsu City",
        slug="hamamatsu-city-shizuoka",
        prefecture=places["shizuoka"],
        designated_city=places["hamamatsu"],
    )
    chuo = make_municipality(
        code="221384",
        kind="ward",
        name_ja="浜松市中央区",
        name_kana="ハママツシチュウオウク",
        name_romaji="Hamamatsu-shi Chūō-ku",
        name_en="Chuo Ward, Hamamatsu",
        slug="chuo-ward-hamamatsu-shizuoka",
        prefecture=places["shizuoka"],
        designated_city=places["hamamatsu"],
        parent=hamamatsu,
    )
    toyota = make_municipality(
        code="232114",
        name_ja="豊田市",
        name_kana="トヨタシ",
        name_romaji="Toyota-shi",
        name_en="Toyota City",
        slug="toyota-city-aichi",
        prefecture=places["aichi"],
    )
    old = make_municipality(
        code="221317",
        kind="ward",
        name_ja="浜松市中区",
        name_kana="ハママツシナカク",
        name_romaji="Hamamatsu-shi Naka-ku",
        name_en="Naka Ward, Hamamatsu",
        slug="naka-ward-hamamatsu-shizuoka",
        prefecture=places["shizuoka"],
        designated_city=places["hamamatsu"],
        parent=hamamatsu,
        is_current=False,
    )
    Postcode.objects.create(code="4300929", municipality=chuo, area_ja="中央")
    Postcode.objects.create(code="4710000", municipality=toyota)
    Postcode.objects.create(code="0040000", municipality=toyota, area_ja="(test) one")
    Postcode.objects.create(code="0040000", municipality=chuo, area_ja="(test) two")
    return {"hamamatsu": hamamatsu, "chuo": chuo, "toyota": toyota, "old": old}  # fmt: skip


@pytest.mark.parametrize(
    ("url", "path"),
    [("/api/places/", "/api/places/"), ("/api/places/?q=toyota", "/api/places/"),
     ("/api/places/?prefecture=JP-22", "/api/places/"),
     ("/api/places/232114/", "/api/places/{code}/"),
     ("/api/postcodes/430-0929/", "/api/postcodes/{postcode}/"),
     ("/api/postcodes/004-0000/", "/api/postcodes/{postcode}/")],
)  # fmt: skip
def test_place_responses_match_the_schema(client, schema, towns, url, path):  # noqa: F811
    response = client.get(url)
    assert response.status_code == 200
    assert_matches_schema(schema, path, response)


def test_places_are_searched_by_any_spelling_and_filtered_by_prefecture(client, towns):
    for q in ("toyota", "豊田", "とよた", "ﾄﾖﾀ"):
        assert [p["code"] for p in client.get("/api/places/", {"q": q}).json()["results"]] == [
            "232114"
        ]
    hamamatsu = client.get("/api/places/", {"q": "Hamamatsu"}).json()
    assert [p["code"] for p in hamamatsu["results"]] == ["221309", "221384"]  # city first
    for prefecture in ("shizuoka", "JP-22"):
        data = client.get("/api/places/", {"prefecture": prefecture}).json()
        assert {p["prefecture"] for p in data["results"]} == {"JP-22"}
        assert data["count"] == 2  # not the code that is no longer current
    assert client.get("/api/places/", {"kind": "ward"}).json()["count"] == 1


def test_a_place_in_full_lists_who_serves_it_nearest_first(client, towns, places):
    data = client.get("/api/places/221384/").json()
    assert data["parent"] == "221309" and data["designated_city"] == "hamamatsu"
    assert [(a["slug"], a["distance"]) for a in data["served_by"]] == [("hice", 1), ("sair", 2)]
    assert client.get("/api/places/221317/").json()["is_current"] is False


def test_an_association_names_its_place_codes(client, towns, places):
    local = make_association(
        slug="toyota-ia", tier="municipal", mic_recognised=False, prefecture=places["aichi"],
        municipality=towns["toyota"],
    )  # fmt: skip
    local.also_serves.add(towns["chuo"])
    data = client.get("/api/associations/toyota-ia/").json()
    assert (data["municipality"], data["also_serves"]) == ("232114", ["221384"])


@pytest.mark.parametrize("typed", ["430-0929", "4300929", "〒430-0929", "４３０－０９２９"])
def test_a_postcode_however_written(client, towns, typed):
    data = client.get(f"/api/postcodes/{typed}/").json()
    assert data["postcode"] == "430-0929"
    assert [p["code"] for p in data["places"]] == ["221384"]


def test_a_postcode_in_two_places_gives_both(client, towns):
    data = client.get("/api/postcodes/0040000/").json()
    assert sorted(p["code"] for p in data["places"]) == ["221384", "232114"]


@pytest.mark.parametrize(
    ("typed", "status"),
    [("000-0000", 404), ("123", 400), ("abcdefg", 400), ("9" * 5000, 400)],
)
def test_an_unknown_or_bad_postcode_is_a_json_error(client, towns, typed, status):
    response = client.get(f"/api/postcodes/{typed}/")
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_places_and_postcodes_are_in_the_schema(schema):  # noqa: F811
    assert {"/api/places/", "/api/places/{code}/", "/api/postcodes/{postcode}/"} <= set(
        schema["paths"]
    )
    parameters = {p["name"] for p in schema["paths"]["/api/places/"]["get"]["parameters"]}
    assert {"q", "prefecture", "kind", "page"} <= parameters


def test_the_places_list_takes_a_fixed_number_of_queries(
    client, towns, django_assert_max_num_queries
):
    # count, page of places with prefecture, city, parent and source, the prefectures
    # to check the filter's value against (kept for later requests)
    with django_assert_max_num_queries(3):
        client.get("/api/places/?prefecture=shizuoka&q=hamamatsu")
