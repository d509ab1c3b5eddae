"""One-stop consultation centres and the per-prefecture files, with small data: what the
loader refuses, how codes are linked whichever loader runs first, what pages and the
admin show, and what check_directory flags."""

import contextlib
import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from associations.linking import link_municipalities
from associations.models import Association, ConsultationCentre, Desk, Location, Source

from .conftest import (
    change_form_data,
    copy_of_fixtures,
    make_association,
    make_centre,
    make_desk,
    make_location,
    make_municipality,
    make_prefecture,
    make_source,
)

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.FIXTURE_DIRS[0])


def source(key="page", **overrides) -> dict:
    row = {
        "key": key,
        "title": "国際交流協会について",
        "publisher": "市",
        "url": f"https://example.jp/{key}",
        "published_on": "2024-07",
        "date_precision": "month",
        "retrieved_note": "",
    }
    return {**row, **overrides}


def association(**overrides) -> dict:
    row = {
        "name_ja": "豊田市国際交流協会",
        "name_en": "",
        "municipality_ja": "豊田市",
        "municipality_code": "232114",
        "postal_code": "",
        "address": "",
        "phone": "0565-33-5931",
        "fax": "",
        "email": "",
        "website": "",
        "size_category": "",
        "source_keys": ["page"],
        "as_of": "2024-07",
        "note_public": "日本語教室があります。",
        "note_staff": "Checked against the page.",
    }
    return {**row, **overrides}


def centre(**overrides) -> dict:
    row = {
        "name_ja": "あいち多文化共生センター",
        "name_en": "",
        "level": "prefecture",
        "run_by_ja": "愛知県",
        "operator_ja": "",
        "municipality_ja": "",
        "municipality_code": "230006",
        "postal_code": "",
        "address": "名古屋市中村区名駅4-4-38",
        "phone": "052-961-7902",
        "fax": "",
        "email": "",
        "website": "",
        "hours": "火~日 10:00〜18:00",
        "languages_ja": "英語・ポルトガル語",
        "source_keys": ["page"],
        "as_of": "",
        "note_public": "",
        "note_staff": "",
    }
    return {**row, **overrides}


@pytest.fixture
def data(tmp_path: Path):
    """The real fixtures without their municipal and one-stop files; `write` adds small
    ones, `load` loads the folder. The listed associations, the contact files (desks,
    offices, JET, help lines) and the corrections are emptied: no record here refers to
    them, and loading them took two thirds of each test."""
    target = copy_of_fixtures(
        tmp_path, "municipal", "onestop", "associations.json", "desks", "desks.json",
        "offices.json", "departments.json", "help_lines.json", "jet.json", "corrections.json",
    )  # fmt: skip

    class Data:
        folder = target

        def write(self, name, records, sources=None, prefecture="JP-23", folder="municipal"):
            key = "associations" if folder == "municipal" else "consultation_centres"
            body = {"prefecture": prefecture, "sources": sources or [source()], key: records}
            (target / folder / name).write_text(json.dumps(body, ensure_ascii=False), "utf-8")

        def load(self, *args) -> str:
            out = StringIO()
            call_command("load_directory", "--dir", str(target), *args, stdout=out)
            return out.getvalue()

    return Data()


class TestLoading:
    def test_a_record_loads_with_its_notes_date_and_namespaced_source(self, data):
        data.write("23-aichi.json", [association()])
        data.load()
        toyota = Association.objects.get(municipality_code="232114")
        assert toyota.tier == Association.Tier.MUNICIPAL and not toyota.mic_recognised
        assert toyota.list_position is None and toyota.name == "豊田市国際交流協会"
        assert toyota.as_of_display == "2024-07"
        assert toyota.public_note == "日本語教室があります。"
        assert toyota.staff_note == "Checked against the page."
        assert [s.key for s in toyota.sources.all()] == ["municipal-23-page"]
        assert toyota.sources.get().published_display == "2024-07"

    def test_an_empty_date_stays_empty(self, data):
        data.write("23-aichi.json", [association(as_of="")])
        data.load()
        assert Association.objects.get(municipality_code="232114").as_of is None

    def test_a_contact_without_a_source_is_refused(self, data):
        data.write("23-aichi.json", [association(source_keys=[])])
        with pytest.raises(CommandError, match="gives contact data but names no source"):
            data.load()
        assert not Association.objects.filter(tier="municipal").exists()

    def test_a_bad_code_is_refused_with_the_record_named(self, data):
        data.write("23-aichi.json", [association(municipality_code="232115")])
        with pytest.raises(CommandError, match=r"23-aichi\.json.*municipality_code"):
            data.load()

    def test_a_code_of_another_prefecture_is_refused(self, data):
        data.write("23-aichi.json", [association(municipality_code="221309")])
        with pytest.raises(CommandError, match="not a code of Aichi"):
            data.load()

    def test_a_missing_field_is_named(self, data):
        row = association()
        del row["note_staff"]
        data.write("23-aichi.json", [row])
        with pytest.raises(CommandError, match="missing note_staff"):
            data.load()

    def test_a_record_listed_twice_is_refused(self, data):
        data.write("23-aichi.json", [association(), association()])
        with pytest.raises(CommandError, match="listed twice"):
            data.load()

    def test_one_key_in_two_files_names_two_pages(self, data):
        data.write("23-aichi.json", [association()])
        other = association(municipality_code="221309", municipality_ja="浜松市")
        data.write("22-shizuoka.json", [other], [source(url="https://other.jp/")], "JP-22")
        data.load()
        urls = dict(Source.objects.filter(key__endswith="-page").values_list("key", "url"))
        assert urls == {
            "municipal-23-page": "https://example.jp/page",
            "municipal-22-page": "https://other.jp/",
        }

    def test_loading_twice_changes_nothing(self, data):
        data.write("23-aichi.json", [association()])
        data.write("23-aichi.json", [centre()], folder="onestop")
        data.load()
        second = data.load()
        assert "consultationcentre: 0 created, 0 updated, 1 unchanged" in second
        assert "association: 0 created, 0 updated, 1 unchanged" in second

    def test_the_slug_does_not_depend_on_the_order_of_records(self, data):
        other = association(name_ja="豊田国際交流の会")
        data.write("23-aichi.json", [association(), other])
        data.load()
        before = dict(Association.objects.filter(tier="municipal").values_list("name_ja", "slug"))
        Association.objects.filter(tier="municipal").delete()
        data.write("23-aichi.json", [other, association()])
        data.load()
        after = dict(Association.objects.filter(tier="municipal").values_list("name_ja", "slug"))
        assert before == after and len(set(after.values())) == 2


class TestLinkingWhicheverLoaderRunsFirst:
    def test_codes_wait_for_the_places_then_link(self, data):
        data.write("23-aichi.json", [association()])
        data.load()
        toyota = Association.objects.get(municipality_code="232114")
        assert toyota.municipality is None  # no places yet: kept as a code
        aichi = toyota.prefecture
        place = make_municipality(code="232114", prefecture=aichi, slug="toyota-city-aichi")
        report = link_municipalities()
        assert report.linked == 1
        toyota.refresh_from_db()
        assert toyota.municipality == place
        assert toyota.version == 2  # a form opened before the link cannot undo it
        # Loaded again with the places there: the link is kept, nothing changes.
        assert "association: 0 created, 0 updated" in data.load()
        toyota.refresh_from_db()
        assert toyota.municipality == place

    def test_a_code_no_place_has_is_reported_and_fails_the_check(self, data):
        data.write("23-aichi.json", [association(municipality_code="232017")])
        data.load()
        aichi = Association.objects.get(municipality_code="232017").prefecture
        make_municipality(code="232114", prefecture=aichi)
        output = data.load()
        expected = "no municipality has the code given by association “豊田市国際交流協会” (232017)"
        assert expected in output
        with pytest.raises(CommandError, match="problem"):
            call_command("check_directory", stdout=StringIO(), stderr=StringIO())

    def test_a_location_code_links_too(self):
        place = make_municipality()
        location = make_location(municipality_code=place.code)
        link_municipalities()
        location.refresh_from_db()
        assert location.municipality == place


class TestTheCentreModel:
    def test_a_prefecture_centre_carries_the_prefecture_code(self):
        from django.core.exceptions import ValidationError

        aichi = make_prefecture(code="JP-23", slug="aichi", name_en="Aichi")
        good = make_centre(prefecture=aichi)
        good.full_clean()
        bad = make_centre(prefecture=aichi, municipality_code="232114")
        with pytest.raises(ValidationError, match="prefecture's own code"):
            bad.full_clean()
        wrong = make_centre(prefecture=aichi, municipality_code="221309")
        with pytest.raises(ValidationError, match="not a code of Aichi"):
            wrong.full_clean()

    def test_a_place_is_served_by_its_own_centre_then_the_prefecture_s(self):
        aichi = make_prefecture(code="JP-23", slug="aichi", name_en="Aichi")
        toyota = make_municipality(code="232114", prefecture=aichi)
        other = make_municipality(code="232017", prefecture=aichi)
        mine = make_centre(
            prefecture=aichi, level="municipality", municipality_code="232114", municipality=toyota
        )
        theirs = make_centre(
            prefecture=aichi, level="municipality", municipality_code="232017", municipality=other
        )
        prefecture = make_centre(prefecture=aichi)
        elsewhere = make_centre()
        served = list(ConsultationCentre.objects.serving(toyota))
        assert served == [mine, prefecture]
        assert theirs not in served and elsewhere not in served


class TestPages:
    @pytest.fixture
    def aichi(self):
        aichi = make_prefecture(code="JP-23", slug="aichi", name_en="Aichi", name_ja="愛知県")
        toyota = make_municipality(code="232114", prefecture=aichi, slug="toyota-city-aichi")
        make_centre(
            prefecture=aichi,
            name_ja="あいち多文化共生センター",
            phone="052-961-7902",
            hours="火~日 10:00〜18:00",
            languages_ja="英語・ポルトガル語",
            public_note="予約なしで相談できます。",
            staff_note="Hours transcribed from the PDF.",
        )
        return aichi, toyota

    def test_the_prefecture_page_shows_its_centre_in_a_fixed_number_of_queries(
        self, client, aichi, django_assert_num_queries
    ):
        prefecture, _ = aichi
        url = prefecture.get_absolute_url()
        # prefecture (1), its cities (1), the associations' count (1: none, so no page),
        # municipalities (1), centres (1) and their sources (1), the prefecture's sources (1)
        with django_assert_num_queries(7):
            page = client.get(url)
        assert "One-stop consultation centre" in page.text
        assert "あいち多文化共生センター" in page.text and "火~日 10:00〜18:00" in page.text
        assert "英語・ポルトガル語" in page.text
        assert "予約なしで相談できます。" in page.text
        assert "Hours transcribed" not in page.text
        assert "The sources do not state the date of these facts." not in page.text

    def test_the_place_page_shows_the_prefecture_s_centre(
        self, client, aichi, django_assert_num_queries
    ):
        _, toyota = aichi
        # place (1), staff links (1), associations (1), wards none, CLAIR HQ (1), centres
        # (1) + sources (1).
        with django_assert_num_queries(6):
            page = client.get(toyota.get_absolute_url())
        assert "あいち多文化共生センター" in page.text

    def test_the_section_is_translated(self, client, aichi):
        prefecture, _ = aichi
        page = client.get("/ja" + prefecture.get_absolute_url())
        assert "ワンストップ" in page.text or "一元的相談窓口" in page.text
        assert "One-stop consultation centre" not in page.text

    def test_a_desk_s_public_note_shows_and_its_staff_note_does_not(self, client):
        owner = make_association()
        location = make_location(owner, public_note="入口は北側です。", staff_note="From a PDF.")
        make_desk(owner, location=location, public_note="予約が必要です。", staff_note="Checked.")
        page = client.get(owner.get_absolute_url()).text
        assert "入口は北側です。" in page and "予約が必要です。" in page
        assert "From a PDF." not in page and "Checked." not in page


class TestAdmin:
    def test_an_editor_changes_a_centre_and_the_change_is_recorded(self, client, hq_editor):
        record = make_centre(phone="052-961-7902")
        client.force_login(hq_editor)
        url = reverse("admin:associations_consultationcentre_change", args=[record.pk])
        data = change_form_data(client, record)
        data["hours"] = "月~金 9:00〜17:00"
        response = client.post(url, data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        record.refresh_from_db()
        assert record.hours == "月~金 9:00〜17:00"
        assert record.history.first().history_user == hq_editor

    def test_a_branch_sees_only_its_prefecture_s_centres(self, client, branch_editor, places):
        mine = make_centre(prefecture=places["shizuoka"])
        theirs = make_centre(prefecture=places["aichi"])
        client.force_login(branch_editor)
        listing = client.get(reverse("admin:associations_consultationcentre_changelist"))
        shown = list(listing.context["cl"].result_list)
        assert shown == [mine]
        url = reverse("admin:associations_consultationcentre_change", args=[theirs.pk])
        assert client.get(url).status_code == 403

    def test_desk_and_location_notes_are_edited_apart(self, client, hq_editor):
        owner = make_association()
        location = make_location(owner)
        desk = make_desk(owner, location=location)
        client.force_login(hq_editor)
        for record in (location, desk):
            opts = record._meta
            url = reverse(f"admin:associations_{opts.model_name}_change", args=[record.pk])
            data = change_form_data(client, record)
            data.update(public_note="For residents.", staff_note="For staff.")
            assert client.post(url, data).status_code == 302
        for model in (Location, Desk):
            record = model.objects.get()
            assert (record.public_note, record.staff_note) == ("For residents.", "For staff.")


class TestCheckDirectory:
    def run(self) -> str:
        out, err = StringIO(), StringIO()
        with contextlib.suppress(CommandError):
            call_command("check_directory", stdout=out, stderr=err)
        return out.getvalue() + err.getvalue()

    def test_a_centre_with_a_contact_and_no_source_fails(self):
        record = make_centre(phone="052-961-7902")
        record.sources.clear()
        assert "gives contact data without a source" in self.run()

    def test_a_file_name_in_a_centre_s_public_note_fails(self):
        make_centre(public_note="See 001424630.pdf, doc-003.")
        assert "the public note names “doc-003”" in self.run()

    def test_a_date_later_than_every_dated_source_fails(self):
        record = make_centre()
        record.sources.set([make_source(published_on="2020-01-01")])
        assert "is stated by none of its sources" in self.run()

    def test_a_date_that_only_an_undated_page_can_state_is_listed_for_review(self):
        record = make_centre()
        record.sources.set([make_source(published_on=None, date_precision="unknown")])
        report = self.run()
        assert "is stated by none of its sources" not in report
        assert "rests on undated" in report

    def test_coverage_counts_centres_in_a_column_of_their_own(self):
        make_centre(phone="052-961-7902", hours="月~金")
        make_centre()
        report = self.run()
        header = next(line for line in report.splitlines() if line.strip().startswith("field"))
        assert header.rstrip().endswith("one-stop centres")
        hours = next(line for line in report.splitlines() if line.strip().startswith("hours"))
        assert hours.rstrip().endswith("1/2")
