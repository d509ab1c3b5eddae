"""Staff link associations to places in the admin; branch editors only to theirs."""

import pytest
from django.urls import reverse

from associations.models import Association

from .conftest import make_municipality
from .test_admin import change_url, form_data

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = reverse("admin:autocomplete")


@pytest.fixture
def towns(places):
    hamamatsu = make_municipality(
        code="221309", kind="designated_city", name_ja="浜松市", name_kana="ハママツシ",
        name_romaji="Hamamatsu-shi", name_en="Hamamatsu City", slug="hamamatsu-city-shizuoka",
        prefecture=places["shizuoka"], designated_city=places["hamamatsu"],
    )  # fmt: skip
    return {
        "hamamatsu": hamamatsu,
        "chuo": make_municipality(
            code="221384", kind="ward", name_ja="浜松市中央区", name_kana="ハママツシチュウオウク",
            name_romaji="Hamamatsu-shi Chūō-ku", name_en="Chuo Ward, Hamamatsu",
            slug="chuo-ward-hamamatsu-shizuoka", prefecture=places["shizuoka"],
            designated_city=places["hamamatsu"], parent=hamamatsu,
        ),
        "iwata": make_municipality(
            code="222119", name_ja="磐田市", name_kana="イワタシ", name_romaji="Iwata-shi",
            name_en="Iwata City", slug="iwata-city-shizuoka", prefecture=places["shizuoka"],
        ),
        "toyota": make_municipality(
            code="232114", name_ja="豊田市", name_kana="トヨタシ", name_romaji="Toyota-shi",
            name_en="Toyota City", slug="toyota-city-aichi", prefecture=places["aichi"],
        ),
    }  # fmt: skip


def picked(client, term: str, field: str = "also_serves") -> list[str]:
    response = client.get(
        AUTOCOMPLETE,
        {"app_label": "associations", "model_name": "association", "field_name": field,
         "term": term},
    )  # fmt: skip
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


@pytest.mark.parametrize("term", ["232114", "豊田", "トヨタ", "とよた", "toyota", "Toyota City"])
def test_hq_finds_a_place_by_code_kanji_kana_or_romaji(client, hq_editor, towns, term):
    client.force_login(hq_editor)
    assert picked(client, term) == [str(towns["toyota"])]


def test_a_ward_is_found_with_or_without_macrons(client, hq_editor, towns):
    client.force_login(hq_editor)
    assert picked(client, "chuuou", "municipality") == [str(towns["chuo"])]
    assert picked(client, "Chūō") == [str(towns["chuo"])]


def test_a_branch_editor_finds_only_the_places_of_their_branch(client, branch_editor, towns):
    client.force_login(branch_editor)  # Shizuoka's branch
    assert picked(client, "toyota") == []
    assert picked(client, "iwata") == [str(towns["iwata"])]


def test_hq_links_a_municipal_association_to_its_town_and_others(client, hq_editor, towns, places):
    local = Association.objects.create(
        slug="iwata-ia", name_en="Iwata IA", tier="municipal", municipality_en="Iwata",
        prefecture=places["shizuoka"], as_of="2026-11-01",
    )  # fmt: skip
    local.sources.add(places["sair"].sources.first())
    client.force_login(hq_editor)
    data = form_data(client, local) | {
        "municipality": str(towns["iwata"].pk),
        "also_serves": [str(towns["chuo"].pk)],
    }
    response = client.post(change_url(local), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    local.refresh_from_db()
    assert local.municipality == towns["iwata"]
    assert list(local.also_serves.all()) == [towns["chuo"]]
    assert local.history.first().also_serves.count() == 1  # the links are in its history


def test_a_branch_editor_cannot_link_a_place_outside_their_branch(client, branch_editor, towns):
    client.force_login(branch_editor)
    sair = Association.objects.get(slug="sair")
    data = form_data(client, sair) | {"also_serves": [str(towns["toyota"].pk)]}
    response = client.post(change_url(sair), data)
    assert response.status_code == 200
    assert "also_serves" in response.context["adminform"].form.errors
    assert not sair.also_serves.exists()
    data["also_serves"] = [str(towns["iwata"].pk)]
    assert client.post(change_url(sair), data).status_code == 302
    assert list(sair.also_serves.all()) == [towns["iwata"]]


def test_a_municipality_must_lie_in_the_association_s_prefecture(client, hq_editor, towns):
    client.force_login(hq_editor)
    local = Association.objects.create(
        slug="x", name_en="X", tier="municipal", municipality_en="X",
        prefecture=towns["iwata"].prefecture, as_of="2026-11-01",
    )  # fmt: skip
    local.sources.add(Association.objects.get(slug="sair").sources.first())
    data = form_data(client, local) | {"municipality": str(towns["toyota"].pk)}
    response = client.post(change_url(local), data)
    assert "municipality" in response.context["adminform"].form.errors


def test_places_are_read_only_in_the_admin(admin_client, towns):
    changelist = reverse("admin:associations_municipality_changelist")
    assert admin_client.get(changelist).status_code == 200
    response = admin_client.get(changelist, {"q": "とよた"})
    assert list(response.context["cl"].result_list) == [towns["toyota"]]
    assert admin_client.get(reverse("admin:associations_municipality_add")).status_code == 403
    detail = admin_client.get(change_url(towns["toyota"]))
    assert detail.status_code == 200 and "Save" not in detail.text.split("submit-row")[-1][:200]
    postcodes = reverse("admin:associations_postcode_changelist")
    assert admin_client.get(postcodes, {"q": "4300929"}).status_code == 200
