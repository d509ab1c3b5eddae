"""The officials' pages: offices with local time, vCards, the JET Programme."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
import vobject
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from associations.models import ClairOffice, Department, JetPartner, JetRole, ProgrammeFact

from .htmltree import Element, page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_directory")]

TOKYO = ZoneInfo("Asia/Tokyo")


def office_context(client, slug: str):
    return client.get(reverse("associations:office", kwargs={"slug": slug})).context["office"]


def office_page(client, slug: str) -> Element:
    return page(client.get(reverse("associations:office", kwargs={"slug": slug})))


def fact(root: Element, term: str) -> Element:
    """The <dd> that follows the <dt> with this text."""
    for dl in root.find_all("dl", class_="facts"):
        items = [child for child in dl.children if isinstance(child, Element)]
        for dt, dd in zip(items, items[1:], strict=False):
            if dt.tag == "dt" and dt.text == term:
                return dd
    raise AssertionError(f"no fact {term!r}")


def office_card(tree: Element, slug: str) -> Element:
    (section,) = tree.find_all("section", id_=f"office-{slug}")
    return section


def test_the_offices_page_shows_headquarters_and_the_seven_offices(client):
    response = client.get(reverse("associations:offices"))
    offices = response.context["offices"]
    assert [o.slug for o in offices][0] == "headquarters"
    assert len(offices) == 8
    hq = offices[0]
    assert "Sogo Hanzomon Building" in response.text
    assert "Hanzomon" in hq.directions
    for department in hq.departments.all():
        assert escape(department.name_en) in response.text
    assert "2025-02-13" in response.text and ">2010<" in response.text


def test_each_department_row_shows_its_own_phone_as_dialled_in_japan(client):
    hq = office_card(page(client.get(reverse("associations:offices"))), "headquarters")
    general_affairs = hq.find("tr", id_="2010-general-affairs")
    link = general_affairs.find("a", class_="phone")
    assert link.attrs["href"] == "tel:+81-3-5213-1730"
    assert link.text == "03-5213-1730"
    assert general_affairs.find("span", class_="phone-intl").text == "(from abroad +81 3-5213-1730)"
    assert hq.find("tr", id_="multiculture-division").find("a", class_="phone").text == (
        "03-5213-1725"
    )
    for department in Department.objects.all():
        links = hq.find("tr", id_=department.slug).find_all("a", class_="phone")
        expected = [department.phone.as_rfc3966] if department.phone else []
        assert [a.attrs["href"] for a in links] == expected, department.slug


def test_headquarters_sends_callers_to_the_departments_not_to_a_number(client):
    phone = fact(office_page(client, "headquarters"), "Phone")
    assert phone.text == "See the departments below"
    assert not phone.find_all("a")


def test_an_overseas_office_shows_its_phone_in_international_form(client):
    tree = office_page(client, "london")
    phone = fact(tree, "Phone")
    link = phone.find("a", class_="phone")
    assert link.attrs["href"] == "tel:+44-20-7839-8500"
    assert link.text == "+44 20 7839 8500"
    # "From abroad" is said only of Japanese numbers.
    assert not phone.find_all("span", class_="phone-intl")
    assert fact(tree, "Fax").text == "+44 20 7839 8191 (from Japan 010-44-20-7839-8191)"


def test_an_office_lists_the_countries_it_covers(client):
    covered = fact(office_page(client, "london"), "Countries covered").text
    assert "Germany" in covered and "Finland" in covered


def test_new_york_shows_what_is_known_and_says_what_is_not(client):
    response = client.get(reverse("associations:office", kwargs={"slug": "new-york"}))
    assert response.status_code == 200
    assert response.text.count("Not known") >= 2
    assert "missing" in response.text


@pytest.mark.parametrize(
    ("moment", "paris", "offset"),
    [
        # Europe's clocks went back at 01:00 UTC on 26 October 2025.
        (datetime.datetime(2025, 10, 26, 0, 30, tzinfo=datetime.UTC), "02:30", "UTC+02:00"),
        (datetime.datetime(2025, 10, 26, 1, 30, tzinfo=datetime.UTC), "02:30", "UTC+01:00"),
        # and forward at 01:00 UTC on 29 March 2026.
        (datetime.datetime(2026, 3, 29, 0, 30, tzinfo=datetime.UTC), "01:30", "UTC+01:00"),
        (datetime.datetime(2026, 3, 29, 1, 30, tzinfo=datetime.UTC), "03:30", "UTC+02:00"),
    ],
)
def test_paris_local_time_on_both_sides_of_a_daylight_saving_change(client, moment, paris, offset):
    with time_machine.travel(moment, tick=False):
        response = client.get(reverse("associations:office", kwargs={"slug": "paris"}))
    assert f"{paris}</time> ({offset}" in response.text
    assert ("summer time" in response.text) == (offset == "UTC+02:00")


WINTER = datetime.datetime(2026, 1, 15, 12, 0, tzinfo=datetime.UTC)
SUMMER = datetime.datetime(2026, 7, 15, 12, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("slug", "moment", "shown", "machine_readable"),
    [
        # London in winter keeps UTC itself: a zero offset has a plus sign.
        ("london", WINTER, "Thu 12:00 (UTC+00:00) Europe/London", "2026-01-15T12:00+0000"),
        ("london", SUMMER, "Wed 13:00 (UTC+01:00, summer time) Europe/London",
         "2026-07-15T13:00+0100"),
        ("new-york", WINTER, "Thu 07:00 (UTC-05:00) America/New_York", "2026-01-15T07:00-0500"),
        ("new-york", SUMMER, "Wed 08:00 (UTC-04:00, summer time) America/New_York",
         "2026-07-15T08:00-0400"),
    ],
    ids=["london-winter", "london-summer", "new-york-winter", "new-york-summer"],
)  # fmt: skip
def test_local_time_shows_the_offset_from_utc_with_its_sign(
    client, slug, moment, shown, machine_readable
):
    with time_machine.travel(moment, tick=False):
        local = fact(office_page(client, slug), "Local time")
    assert local.text == shown
    assert local.find("time").attrs["datetime"] == machine_readable


def test_the_offices_page_shows_each_office_its_own_local_time(client):
    with time_machine.travel(WINTER, tick=False):
        tree = page(client.get(reverse("associations:offices")))
    assert fact(office_card(tree, "headquarters"), "Local time").text == (
        "Thu 21:00 (UTC+09:00) Asia/Tokyo"
    )
    assert fact(office_card(tree, "london"), "Local time").text.startswith("Thu 12:00 (UTC+00:00)")
    assert fact(office_card(tree, "sydney"), "Local time").text.startswith(
        "Thu 23:00 (UTC+11:00, summer time)"
    )


def test_the_offices_pages_are_kept_until_the_minute_changes(client):
    for url in (reverse("associations:offices"), reverse("associations:office", args=["paris"])):
        with time_machine.travel(WINTER.replace(second=15), tick=False):
            first = client.get(url)
        assert first["X-Cache"] == "miss"
        assert "max-age=45" in first["Cache-Control"]
        with time_machine.travel(WINTER.replace(second=55), tick=False):
            second = client.get(url)
        assert second["X-Cache"] == "hit"
        assert "max-age=5" in second["Cache-Control"]
        with time_machine.travel(WINTER.replace(minute=1), tick=False):
            later = client.get(url)
        assert "13:01</time>" in later.text  # Paris in winter, and the headquarters' 21:01
        with time_machine.travel(WINTER.replace(hour=11), tick=False):
            earlier = client.get(url)
        assert "12:00</time>" in earlier.text


def test_sydney_summer_is_in_the_northern_winter(client):
    moment = datetime.datetime(2026, 1, 15, 0, 0, tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False):
        office = office_context(client, "sydney")
    assert office.now.utcoffset() == datetime.timedelta(hours=11)
    assert office.now.dst()


def test_tokyo_has_no_daylight_saving(client):
    with time_machine.travel(datetime.datetime(2026, 7, 1, 3, 0, tzinfo=TOKYO), tick=False):
        response = client.get(reverse("associations:office", kwargs={"slug": "headquarters"}))
    assert "03:00</time> (UTC+09:00)" in response.text


def test_an_office_vcard_parses_back_with_its_contacts(client):
    response = client.get(reverse("associations:office_vcard", kwargs={"slug": "paris"}))
    assert response["Content-Type"].startswith("text/vcard")
    assert "attachment" in response["Content-Disposition"]
    card = vobject.readOne(response.content.decode())
    paris = ClairOffice.objects.get(slug="paris")
    assert card.fn.value == paris.name_en
    assert card.tel.value == "+33 1 40 20 09 74"
    assert card.email.value == paris.email
    assert card.adr.value.city == "Paris"


def test_the_jet_page_shows_roles_bodies_and_dated_figures(client):
    response = client.get(reverse("associations:jet"))
    for role in JetRole.objects.all():
        assert role.name_en in response.text
    for partner in JetPartner.objects.all():
        assert f'id="{partner.slug}"' in response.text
    for fact in ProgrammeFact.objects.all():
        assert f'id="{fact.slug}"' in response.text
    assert "JET Alumni Association" in response.text


def test_the_office_pages_take_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # what the pages themselves keep, not the page cache
    # offices, their departments
    with django_assert_max_num_queries(2):
        client.get(reverse("associations:offices"))
    # the office, its departments, its sources
    with django_assert_max_num_queries(3):
        client.get(reverse("associations:office", kwargs={"slug": "headquarters"}))
    # and, for an office abroad, the headquarters it belongs to; then nothing, kept
    london = reverse("associations:office", kwargs={"slug": "london"})
    with django_assert_max_num_queries(4):
        client.get(london)
    with django_assert_max_num_queries(0):
        client.get(london)
    # roles, role sources, partners, facts, fact sources
    with django_assert_max_num_queries(5):
        client.get(reverse("associations:jet"))


def test_the_offices_page_opens_with_an_index_of_the_offices(client):
    tree = page(client.get(reverse("associations:offices")))
    index = tree.find("nav", class_="office-index")
    links = [a.attrs["href"] for a in index.find_all("a")]
    assert links == [f"#office-{office.slug}" for office in ClairOffice.objects.all()]
    for office in ClairOffice.objects.all():
        assert office_card(tree, office.slug)


def test_offices_are_full_width_sections_not_cards_in_a_grid(client):
    tree = page(client.get(reverse("associations:offices")))
    assert not tree.find_all("ul", class_="cards")
    hq = office_card(tree, "headquarters")
    # Date cells carry the class that keeps them on one line (the browser test measures it).
    rows = [tr for tr in hq.find_all("tr") if "id" in tr.attrs]
    assert rows and all(tr.find_all("td")[-1].classes == {"date"} for tr in rows)


def test_the_2025_organisation_comes_first_and_earlier_ones_are_collapsed(client):
    hq = office_card(page(client.get(reverse("associations:offices"))), "headquarters")
    current = hq.find("table", class_="departments-current")
    current_rows = [tr.attrs["id"] for tr in current.find("tbody").find_all("tr")]
    assert current_rows and all(row.startswith("2025-") for row in current_rows)
    earlier = hq.find("details", class_="departments-earlier")
    assert "open" not in earlier.attrs
    assert "Earlier organisation" in earlier.find("summary").text
    earlier_rows = [tr.attrs["id"] for tr in earlier.find("tbody").find_all("tr")]
    assert "2010-general-affairs" in earlier_rows
    assert not set(current_rows) & set(earlier_rows)
    assert set(current_rows) | set(earlier_rows) == set(
        Department.objects.filter(office__slug="headquarters").values_list("slug", flat=True)
    )


def test_an_overseas_number_is_also_shown_as_dialled_from_japan(client):
    phone = fact(office_page(client, "seoul"), "Phone")
    assert phone.find("span", class_="phone-from-japan").text == "(from Japan 010-82-2-733-5681)"
    assert "010-44-20-7839-8191" in fact(office_page(client, "london"), "Fax").text
    # A Japanese number is dialled as it is written; no 010 form.
    hq = office_card(page(client.get(reverse("associations:offices"))), "headquarters")
    assert not hq.find_all("span", class_="phone-from-japan")


def test_the_japanese_pages_show_offices_and_departments_in_japanese(client):
    office = ClairOffice.objects.get(slug="headquarters")
    office.name_ja = "一般財団法人自治体国際化協会"
    office.address_ja = "東京都千代田区麹町1-7 相互半蔵門ビル"
    office.save()
    Department.objects.filter(slug="2025-general-affairs").update(name_ja="総務部")
    with translation.override("ja"):
        tree = office_page(client, "headquarters")
    assert tree.find("h1").text == "一般財団法人自治体国際化協会"
    assert fact(tree, "住所").text.startswith("東京都千代田区麹町1-7 相互半蔵門ビル")
    assert "総務部" in tree.find("tr", id_="2025-general-affairs").find("th").text
    # Where no Japanese is recorded, the English stays rather than nothing.
    assert "Department of General Affairs" in tree.find("tr", id_="2010-general-affairs").text
    english = office_page(client, "headquarters")
    assert english.find("h1").text == office.name_en
    assert fact(english, "Address").text.startswith("Sogo Hanzomon Building")
