"""The real municipal association and one-stop centre files, loaded with the real places:
every record sourced, every code linked, a second load changes nothing, the pages show them."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from associations.models import Association, ConsultationCentre, Municipality

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_places")]

FIXTURES = Path(settings.FIXTURE_DIRS[0])


def rows(folder: str, key: str) -> list[dict]:
    return [
        row
        for path in sorted((FIXTURES / folder).glob("*.json"))
        for row in json.loads(path.read_text(encoding="utf-8"))[key]
    ]


MUNICIPAL = rows("municipal", "associations")
CENTRES = rows("onestop", "consultation_centres")


def test_every_municipal_record_of_every_file_is_loaded_and_sourced():
    municipal = Association.objects.filter(tier=Association.Tier.MUNICIPAL)
    assert municipal.count() == len(MUNICIPAL) >= 146
    assert not municipal.filter(sources=None).exists()
    assert not municipal.exclude(list_position=None).exists()
    # The 63 of CLAIR's list keep their positions.
    listed = Association.objects.exclude(list_position=None)
    assert listed.count() == 63
    assert not listed.filter(tier=Association.Tier.MUNICIPAL).exists()


def test_every_centre_is_loaded_and_sourced():
    assert ConsultationCentre.objects.count() == len(CENTRES) >= 6
    assert not ConsultationCentre.objects.filter(sources=None).exists()


def test_every_code_is_linked_to_its_municipality_once_places_are_loaded():
    codes = {row["municipality_code"] for row in MUNICIPAL}
    assert codes <= set(Municipality.objects.values_list("code", flat=True))
    municipal = Association.objects.filter(tier=Association.Tier.MUNICIPAL)
    assert not municipal.filter(municipality=None).exists()
    for association in municipal.select_related("municipality"):
        assert association.municipality.code == association.municipality_code
    local = ConsultationCentre.objects.filter(level=ConsultationCentre.Level.MUNICIPALITY)
    assert local.exists() and not local.filter(municipality=None).exists()
    prefectural = ConsultationCentre.objects.filter(level=ConsultationCentre.Level.PREFECTURE)
    assert not prefectural.exclude(municipality=None).exists()


def test_a_second_load_creates_and_changes_nothing():
    out = StringIO()
    call_command("load_directory", stdout=out)
    lines = out.getvalue().splitlines()
    total = Association.objects.count()
    assert f"association: 0 created, 0 updated, {total} unchanged" in lines
    centres = ConsultationCentre.objects.count()
    assert f"consultationcentre: 0 created, 0 updated, {centres} unchanged" in lines
    assert not any(line.startswith("Linked") for line in lines)
    out = StringIO()
    call_command("load_places", stdout=out)
    assert "loaded already" in out.getvalue() and "Linked" not in out.getvalue()


def test_slugs_come_from_the_data():
    toyota = Association.objects.get(municipality_code="232114")
    assert toyota.slug.startswith("232114-")
    assert Association.objects.filter(slug__startswith="232114-").count() == 1


def test_the_listing_filters_them_by_tier_prefecture_and_place(client):
    url = reverse("associations:list")
    page = client.get(url, {"tier": "municipal", "prefecture": "aichi"})
    assert page.status_code == 200
    names = {a.name_ja for a in page.context["associations"]}
    expected = {r["name_ja"] for r in MUNICIPAL if r["municipality_code"].startswith("23")}
    assert names <= expected and len(names) == min(20, len(expected))
    toyota = client.get(url, {"q": "豊田市", "tier": "municipal"})
    assert [a.municipality_code for a in toyota.context["associations"]] == ["232114"]


def test_a_japanese_only_record_has_its_page_in_japanese_words(client):
    association = Association.objects.filter(tier="municipal", name_en="").first()
    page = client.get(association.get_absolute_url())
    assert page.status_code == 200
    assert f'<h1 lang="ja">{association.name_ja}</h1>' in page.text
    if not association.as_of:
        assert "The sources do not state the date of these facts." in page.text


def test_the_staff_note_stays_in_the_admin_and_the_public_note_shows(client):
    association = Association.objects.filter(tier="municipal").exclude(public_note="").first()
    page = client.get(association.get_absolute_url()).text
    assert association.public_note in page
    assert association.staff_note not in page


def test_the_place_page_lists_the_municipal_association_and_the_centres(client):
    sapporo_centre = ConsultationCentre.objects.get(municipality_code="011002")
    page = client.get(sapporo_centre.municipality.get_absolute_url())
    assert page.status_code == 200
    centres = [c.name_ja for c in page.context["centres"]]
    # The city's own centre, then Hokkaido's.
    assert centres == ["さっぽろ外国人相談窓口", "北海道外国人相談センター"]
    assert "One-stop consultation centres" in page.text
    toyota = Municipality.objects.get(code="232114")
    page = client.get(toyota.get_absolute_url())
    assert any(a.municipality_code == "232114" for a in page.context["associations"])


def test_check_directory_passes_on_the_real_data_with_a_column_per_tier():
    out = StringIO()
    call_command("check_directory", stdout=out, stderr=StringIO())
    report = out.getvalue()
    assert "No broken data." in report
    header = next(line for line in report.splitlines() if line.strip().startswith("field"))
    for column in ("Prefectural", "Designated city", "Municipal", "all", "one-stop centres"):
        assert column in header
