"""Locations, opening hours and consultation desks: the model's rules, "open now" in Japan
time, the admin's inlines and the detail page."""

import datetime
import json
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from associations.models import Association, Desk, DeskHours, Location, OpeningHours, Weekday

from . import conftest
from .conftest import AS_OF, copy_of_fixtures, make_association, make_language

pytestmark = pytest.mark.django_db

JST = ZoneInfo("Asia/Tokyo")
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
WEEKDAYS = [Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY]
# 2025-11-03 is a Monday and Culture Day (文化の日); 2025-11-08 is the 2nd Saturday.
CULTURE_DAY = datetime.datetime(2025, 11, 3, 10, 0, tzinfo=JST)
TUESDAY = datetime.datetime(2025, 11, 4, 10, 0, tzinfo=JST)
FIRST_SATURDAY = datetime.datetime(2025, 11, 1, 11, 0, tzinfo=JST)
SECOND_SATURDAY = datetime.datetime(2025, 11, 8, 11, 0, tzinfo=JST)


def make_location(association=None, *, hours=(), **overrides) -> Location:
    location = conftest.make_location(association, **overrides)
    for weekday, opens, closes, *weeks in hours:
        OpeningHours.objects.create(
            location=location,
            weekday=weekday,
            opens=opens,
            closes=closes,
            weeks_of_month=weeks[0] if weeks else "",
        )
    return location


def weekdays(opens: str, closes: str) -> list[tuple]:
    return [(day, opens, closes) for day in WEEKDAYS]


def make_desk(association=None, *, location=None, hours=(), sourced=True, **overrides) -> Desk:
    association = association or (location.association if location else make_association())
    if sourced:
        desk = conftest.make_desk(association, location=location, **overrides)
    else:
        values = {"name": "外国人相談窓口", "channel": Desk.Channel.IN_PERSON, "as_of": AS_OF}
        desk = Desk.objects.create(association=association, location=location, **values | overrides)
    for weekday, opens, closes, languages in hours:
        span = DeskHours.objects.create(desk=desk, weekday=weekday, opens=opens, closes=closes)
        span.languages.set(languages)
    return desk


def state(record, at: datetime.datetime):
    return type(record).objects.get(pk=record.pk).state_at(at)


class TestOpenNow:
    def test_a_desk_within_its_hours_is_open_until_it_closes(self):
        location = make_location(hours=weekdays("09:00", "17:00"))
        now = state(location, TUESDAY)
        assert now.open_now
        assert now.closes_at == datetime.datetime(2025, 11, 4, 17, 0, tzinfo=JST)

    def test_the_time_is_read_in_japan_whatever_the_zone_it_comes_in(self):
        location = make_location(hours=weekdays("09:00", "17:00"))
        # 01:30 UTC on Tuesday is 10:30 in Tokyo; 23:30 UTC on Monday is 08:30 on Tuesday.
        assert state(location, datetime.datetime(2025, 11, 4, 1, 30, tzinfo=datetime.UTC)).open_now
        before = state(location, datetime.datetime(2025, 11, 3, 23, 30, tzinfo=datetime.UTC))
        assert not before.open_now
        assert before.opens_at == datetime.datetime(2025, 11, 4, 9, 0, tzinfo=JST)

    def test_on_a_national_holiday_it_is_closed_and_opens_the_next_working_day(self):
        closed = make_location(hours=weekdays("09:00", "17:00"), closed_on_holidays=True)
        now = state(closed, CULTURE_DAY)
        assert not now.open_now
        assert now.opens_at == datetime.datetime(2025, 11, 4, 9, 0, tzinfo=JST)
        # A place that does not close on holidays is open that Monday.
        assert state(make_location(hours=weekdays("09:00", "17:00")), CULTURE_DAY).open_now

    def test_second_and_fourth_saturdays_only(self):
        location = make_location(hours=[(Weekday.SATURDAY, "10:00", "16:00", "2,4")])
        first = state(location, FIRST_SATURDAY)
        assert not first.open_now
        assert first.opens_at == datetime.datetime(2025, 11, 8, 10, 0, tzinfo=JST)
        assert state(location, SECOND_SATURDAY).open_now

    def test_it_stays_closed_over_the_new_year(self):
        location = make_location(hours=weekdays("09:00", "17:00"), closed_at_year_end=True)
        now = state(location, datetime.datetime(2025, 12, 30, 10, 0, tzinfo=JST))
        # 1 to 3 January are closed; 4 and 5 January 2026 are a weekend; 12 Jan is a holiday
        # only for places that close on holidays.
        assert now.opens_at == datetime.datetime(2026, 1, 5, 9, 0, tzinfo=JST)

    def test_no_hours_known_says_nothing(self):
        assert state(make_location(), TUESDAY) is None


class TestRules:
    def test_the_database_refuses_hours_that_close_before_they_open(self):
        location = make_location()
        with pytest.raises(IntegrityError), transaction.atomic():
            OpeningHours.objects.create(
                location=location, weekday=Weekday.MONDAY, opens="17:00", closes="09:00"
            )
        desk = make_desk(location=location)
        with pytest.raises(IntegrityError), transaction.atomic():
            DeskHours.objects.create(
                desk=desk, weekday=Weekday.MONDAY, opens="10:00", closes="10:00"
            )

    def test_validation_says_it_must_close_after_it_opens(self):
        span = OpeningHours(location=make_location(), weekday=0, opens="17:00", closes="09:00")
        with pytest.raises(ValidationError) as error:
            span.full_clean()
        assert "closes" in error.value.message_dict

    def test_the_municipality_code_is_six_digits(self):
        with pytest.raises(ValidationError):
            Location(
                association=make_association(), name="x", as_of=AS_OF, municipality_code="23211"
            ).full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            make_location(municipality_code="abcdef")
        make_location(municipality_code="232114")

    def test_a_desks_hours_lie_inside_its_locations_week(self):
        location = make_location(
            hours=[*weekdays("09:00", "17:00"), (Weekday.SATURDAY, "10:00", "16:00", "2,4")]
        )
        desk = make_desk(location=location)
        inside = DeskHours(desk=desk, weekday=Weekday.TUESDAY, opens="10:00", closes="16:00")
        inside.full_clean()
        for weekday, opens, closes, weeks in [
            (Weekday.TUESDAY, "08:30", "12:00", ""),  # before the location opens
            (Weekday.FRIDAY, "16:00", "18:00", ""),  # after it closes
            (Weekday.SUNDAY, "10:00", "12:00", ""),  # a day it is closed
            (Weekday.SATURDAY, "10:00", "12:00", ""),  # every Saturday, it opens on two
            (Weekday.SATURDAY, "10:00", "12:00", "1"),  # the 1st Saturday
        ]:
            outside = DeskHours(
                desk=desk, weekday=weekday, opens=opens, closes=closes, weeks_of_month=weeks
            )
            with pytest.raises(ValidationError, match="is not open for all of these hours"):
                outside.full_clean()
        DeskHours(
            desk=desk, weekday=Weekday.SATURDAY, opens="10:00", closes="12:00", weeks_of_month="4"
        ).full_clean()

    def test_a_desk_without_a_location_or_a_location_without_hours_is_not_bound(self):
        for desk in [make_desk(), make_desk(location=make_location())]:
            DeskHours(desk=desk, weekday=Weekday.SUNDAY, opens="06:00", closes="23:00").full_clean()

    def test_a_desk_is_at_one_of_its_own_associations_locations(self):
        elsewhere = make_location()
        desk = Desk(
            association=make_association(), location=elsewhere, name="x", channel="phone",
            as_of=AS_OF,
        )  # fmt: skip
        with pytest.raises(ValidationError) as error:
            desk.full_clean()
        assert "location" in error.value.message_dict

    def test_weeks_of_the_month_are_digits_one_to_five(self):
        for weeks in ["6", "2;4", "second"]:
            span = OpeningHours(
                location=make_location(), weekday=5, opens="10:00", closes="12:00",
                weeks_of_month=weeks,
            )  # fmt: skip
            with pytest.raises(ValidationError):
                span.full_clean()

    def test_a_desk_with_a_phone_but_no_source_breaks_the_directory_check(self):
        make_desk(phone="+81532123456", sourced=False, name="Unsourced desk")
        errors = StringIO()
        with pytest.raises(CommandError):
            call_command("check_directory", verbosity=0, stderr=errors)
        assert "“Unsourced desk” has no source" in errors.getvalue()

    def test_the_directory_check_names_desk_hours_a_location_no_longer_covers(self):
        location = make_location(hours=weekdays("09:00", "17:00"))
        make_desk(location=location, hours=[(Weekday.TUESDAY, "10:00", "16:00", [])])
        call_command("check_directory", verbosity=0)
        location.opening_hours.filter(weekday=Weekday.TUESDAY).update(closes="12:00")
        errors = StringIO()
        with pytest.raises(CommandError):
            call_command("check_directory", verbosity=0, stderr=errors)
        assert "Tuesday 10:00–16:00 is outside the hours of" in errors.getvalue()

    def test_the_directory_check_names_languages_listed_but_not_known(self):
        make_association(languages=[make_language("vi")], languages_known=False)
        errors = StringIO()
        with pytest.raises(CommandError):
            call_command("check_directory", verbosity=0, stderr=errors)
        assert "lists languages but says they are not known" in errors.getvalue()

    def test_the_schedule_maps_to_hsds(self):
        location = make_location(hours=[(Weekday.SATURDAY, "10:00", "16:00", "2,4")])
        span = location.opening_hours.get()
        assert (span.hsds_freq, span.hsds_byday) == ("MONTHLY", "2SA,4SA")

    def test_the_map_link_searches_the_address_and_loads_nothing(self):
        location = make_location(postal_code="430-0929", address_ja="浜松市中央区中央1-12-1")
        assert location.map_url.startswith("https://www.openstreetmap.org/search?query=")
        assert "430-0929" in location.map_url
        assert make_location(address_ja="").map_url == ""


def copy_fixtures(tmp_path: Path) -> Path:
    """The real fixtures with what desks do not refer to emptied (loading it was most of
    each test): the municipal and one-stop files, the offices, JET, help lines and the
    corrections (which are to those and to records the tests here do not read)."""
    return copy_of_fixtures(
        tmp_path, "municipal", "onestop", "offices.json", "departments.json",
        "help_lines.json", "jet.json", "corrections.json",
    )  # fmt: skip


class TestLoading:
    def test_the_sourced_desks_load_with_their_languages_by_day(self, tmp_path):
        call_command("load_directory", "--dir", str(copy_fixtures(tmp_path)), verbosity=0)
        desk = Desk.objects.get(name="広島市・安芸郡外国人相談窓口")
        assert desk.sources.exists() and desk.location
        tagalog = {span.get_weekday_display() for span in desk.hours.filter(languages__code="tl")}
        assert tagalog == {"Friday"}
        assert Location.objects.filter(
            association__slug="sapporo-international-communication-plaza-foundation"
        ).exists()

    def test_a_language_outside_the_vocabulary_is_refused(self, tmp_path):
        folder = copy_fixtures(tmp_path)
        path = folder / "desks.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        data["desks"][-1]["hours"][0]["languages"] = ["xx"]
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(CommandError, match="unknown language 'xx'"):
            call_command("load_directory", "--dir", str(folder), verbosity=0)
        assert not Desk.objects.exists()

    def test_desks_in_a_batch_file_load_like_the_main_file(self, tmp_path):
        folder = copy_fixtures(tmp_path)
        main = json.loads((folder / "desks.json").read_text(encoding="utf-8"))
        moved = main["desks"].pop()
        (folder / "desks.json").write_text(json.dumps(main, ensure_ascii=False), encoding="utf-8")
        (folder / "desks").mkdir(exist_ok=True)
        batch = {"desks": [moved]}
        (folder / "desks" / "zz-batch.json").write_text(
            json.dumps(batch, ensure_ascii=False), encoding="utf-8"
        )
        call_command("load_directory", "--dir", str(folder), verbosity=0)
        assert Desk.objects.filter(name=moved["name"]).exists()

    def test_a_desk_without_a_source_is_refused(self, tmp_path):
        folder = copy_fixtures(tmp_path)
        path = folder / "desks.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        data["desks"][0]["sources"] = []
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(CommandError, match="has no source"):
            call_command("load_directory", "--dir", str(folder), verbosity=0)


class TestDetailPage:
    @pytest.fixture
    def hamamatsu(self):
        vi, pt = (
            make_language("vi", name_native="Tiếng Việt"),
            make_language("pt", name_native="Português"),
        )
        association = make_association(slug="hice", name_en="HICE", languages=[vi, pt])
        location = make_location(
            association, hours=weekdays("09:00", "17:00"), closed_on_holidays=True,
            postal_code="430-0916",
        )  # fmt: skip
        make_desk(
            location=location,
            phone="+81534581234",
            hours=[
                (Weekday.TUESDAY, "10:00", "16:00", [vi, pt]),
                (Weekday.THURSDAY, "10:00", "16:00", [vi]),
                (Weekday.MONDAY, "09:00", "12:00", [pt]),
            ],
        )
        return association

    def test_it_shows_hours_desks_and_languages_by_day(self, client, hamamatsu):
        with time_machine.travel(TUESDAY):
            page = client.get(hamamatsu.get_absolute_url()).text
        assert "When and where" in page
        assert "Open now, until 17:00" in page
        # Languages are named in the reader's language (CLDR), here English.
        assert "Vietnamese: Tuesday, Thursday 10:00–16:00" in page
        assert "Portuguese: Monday 09:00–12:00; Tuesday 10:00–16:00" in page
        assert "Closed on national holidays." in page
        assert 'href="https://www.openstreetmap.org/search?query=' in page
        assert '<th scope="row">Saturday</th><td>Closed</td>' in page

    def test_on_a_holiday_it_says_when_it_opens(self, client, hamamatsu):
        with time_machine.travel(CULTURE_DAY):
            page = client.get(hamamatsu.get_absolute_url()).text
        assert "Open now" not in page
        assert "Opens Tuesday 09:00" in page

    def test_the_page_is_not_kept_in_the_cache_while_it_says_open_now(self, client, hamamatsu):
        with time_machine.travel(TUESDAY):
            client.get(hamamatsu.get_absolute_url())
        with time_machine.travel(CULTURE_DAY):
            assert "Opens Tuesday 09:00" in client.get(hamamatsu.get_absolute_url()).text

    def test_a_page_saying_open_now_is_kept_until_it_closes_and_no_longer(self, client, hamamatsu):
        url = hamamatsu.get_absolute_url()
        # The place is open until 17:00; its desk opens again on Thursday.
        with time_machine.travel(TUESDAY.replace(hour=16, minute=59, second=30), tick=False):
            first = client.get(url)
        assert "Open now, until 17:00" in first.text
        assert first["X-Cache"] == "miss"
        assert "max-age=30" in first["Cache-Control"]
        with time_machine.travel(TUESDAY.replace(hour=16, minute=59, second=50), tick=False):
            second = client.get(url)
        assert second["X-Cache"] == "hit"
        assert second.content == first.content
        # A CDN may keep it only for what is left of the 30 seconds.
        assert "max-age=10" in second["Cache-Control"]
        with time_machine.travel(TUESDAY.replace(hour=17, minute=0, second=0), tick=False):
            closed = client.get(url)
        assert "Open now" not in closed.text
        assert "Opens Wednesday 09:00" in closed.text

    def test_a_page_kept_later_is_not_shown_for_an_earlier_moment(self, client, hamamatsu):
        url = hamamatsu.get_absolute_url()
        with time_machine.travel(TUESDAY, tick=False):
            assert "Open now, until 17:00" in client.get(url).text
        with time_machine.travel(TUESDAY.replace(hour=8), tick=False):
            earlier = client.get(url)
        assert "Opens Tuesday 09:00" in earlier.text

    def test_it_takes_a_fixed_number_of_queries(self, client, hamamatsu, django_assert_num_queries):
        # association with place; languages; services; sources; locations; their hours;
        # their sources; desks with location; desk hours; their languages; the desk
        # location's hours; desk sources; neighbours; the places it serves
        with time_machine.travel(TUESDAY), django_assert_num_queries(14):
            assert client.get(hamamatsu.get_absolute_url()).status_code == 200


class TestKnownLanguages:
    def test_cards_say_languages_are_not_yet_known_rather_than_none(self, client):
        make_association(name_en="Unchecked")
        make_association(name_en="Checked, none", languages_known=True)
        page = client.get(reverse("associations:list")).text
        assert page.count("Languages not yet known") == 1

    def test_the_language_filter_says_how_many_have_published_their_languages(self, client):
        vi = make_language("vi")
        make_association(languages=[vi])
        make_association(languages_known=True)
        make_association()
        page = client.get(reverse("associations:list")).text
        assert "2 of 3 associations have published their languages." in page
        # Counted among what the other filters give, whatever language is chosen.
        page = client.get(reverse("associations:list") + "?language=vi").text
        assert "2 of 3 associations have published their languages." in page
        # With other filters, counted among those they give, from the facets' own counts.
        make_association(
            tier=Association.Tier.MUNICIPAL, mic_recognised=False, municipality_ja="磐田市",
            languages_known=True,
        )  # fmt: skip
        page = client.get(reverse("associations:list")).text
        assert "3 of 4 associations have published their languages." in page
        for query in ("?tier=prefectural", "?tier=prefectural&recognised=yes&block=&sort=name"):
            page = client.get(reverse("associations:list") + query).text
            assert "2 of 3 associations have published their languages." in page
        page = client.get(reverse("associations:list") + "?tier=municipal").text
        assert "1 of 1 association has published its languages." in page

    def test_the_detail_page_says_not_yet_known(self, client):
        unknown = make_association()
        assert "Not yet known" in client.get(unknown.get_absolute_url()).text
        known = make_association(languages_known=True, services_known=True)
        page = client.get(known.get_absolute_url()).text
        assert "Not yet known" not in page and "None listed" in page


class TestAdmin:
    def test_the_association_page_edits_locations_desks_and_social_links(self, client, hq_editor):
        association = make_association()
        make_location(association)
        client.force_login(hq_editor)
        url = reverse("admin:associations_association_change", args=[association.pk])
        page = client.get(url)
        prefixes = {inline.formset.prefix for inline in page.context["inline_admin_formsets"]}
        assert prefixes == {"locations", "desks", "social_links"}

    def desk_post(self, association, **overrides) -> dict:
        data = {
            "association": str(association.pk),
            "name": "Consultation line",
            "channel": "phone",
            "interpreter": "unknown",
            "fee": "free",
            "appointment": "unknown",
            "order": "0",
            "as_of": "2025-02-13",
            "hours-TOTAL_FORMS": "0",
            "hours-INITIAL_FORMS": "0",
        }
        data.update(overrides)
        return data

    def test_a_desks_phone_needs_a_source(self, client, hq_editor):
        association = make_association()
        client.force_login(hq_editor)
        url = reverse("admin:associations_desk_add")
        response = client.post(url, self.desk_post(association, phone="053-458-1234"))
        assert response.status_code == 200
        assert "sources" in response.context["adminform"].form.errors
        assert not Desk.objects.exists()
        source = association.sources.first()
        data = self.desk_post(association, phone="053-458-1234", sources=[str(source.pk)])
        assert client.post(url, data).status_code == 302
        assert Desk.objects.get().sources.get() == source

    def test_desk_hours_outside_the_location_are_refused_in_the_admin(self, client, hq_editor):
        location = make_location(hours=weekdays("09:00", "17:00"))
        desk = make_desk(location=location)
        client.force_login(hq_editor)
        url = reverse("admin:associations_desk_change", args=[desk.pk])
        data = self.desk_post(
            desk.association,
            location=str(location.pk),
            sources=[str(desk.sources.get().pk)],
            opened_version=str(desk.version),
            **{
                "hours-TOTAL_FORMS": "1",
                "hours-0-weekday": "6",
                "hours-0-opens": "10:00",
                "hours-0-closes": "12:00",
            },
        )
        response = client.post(url, data)
        assert response.status_code == 200
        assert "is not open for all of these hours" in response.text
        assert not DeskHours.objects.exists()

    def test_a_branch_editor_adds_desks_only_to_their_associations(
        self, client, branch_editor, places
    ):
        client.force_login(branch_editor)
        url = reverse("admin:associations_desk_add")
        source = places["sair"].sources.first()
        refused = client.post(url, self.desk_post(places["aia"], sources=[str(source.pk)]))
        assert "association" in refused.context["adminform"].form.errors
        own = client.post(url, self.desk_post(places["sair"], sources=[str(source.pk)]))
        assert own.status_code == 302
        assert list(Desk.objects.values_list("association__slug", flat=True)) == ["sair"]

    def test_listed_languages_must_be_marked_known(self, client, hq_editor):
        from .test_admin import form_data

        vi = make_language("vi")
        association = make_association()
        client.force_login(hq_editor)
        url = reverse("admin:associations_association_change", args=[association.pk])
        data = form_data(client, association)
        data["languages"] = [str(vi.pk)]
        response = client.post(url, data)
        assert "languages_known" in response.context["adminform"].form.errors
        data["languages_known"] = "on"
        assert client.post(url, data).status_code == 302
        association.refresh_from_db()
        assert association.languages_known
