"""`manage.py check_directory` on small built data: the coverage table and what fails it."""

import datetime
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command

from associations.models import Correction, OpeningHours

from .conftest import make_association, make_language, make_location, make_office, make_source

pytestmark = pytest.mark.django_db


def run() -> str:
    out = StringIO()
    call_command("check_directory", stdout=out, stderr=StringIO())
    return out.getvalue()


def failure() -> str:
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("check_directory", stdout=StringIO(), stderr=err)
    return err.getvalue()


def coverage_row(text: str, name: str) -> list[str]:
    return next(line.split() for line in text.splitlines() if line.split()[:1] == [name])


def test_coverage_counts_each_field_per_tier():
    make_association(tier="prefectural", phone="", consultation_phone="054-202-3411")
    with_all = make_association(tier="prefectural", phone="03-5213-1730", address="Tokyo")
    with_all.languages.add(make_language("vi"))
    with_all.languages_known = True
    with_all.save()
    OpeningHours.objects.create(
        location=make_location(with_all), weekday=0, opens="09:00", closes="17:00"
    )
    make_association(tier="prefectural", phone="", address="")
    text = run()
    # Prefectural, designated city, municipal, all; then the one-stop centres.
    assert coverage_row(text, "phone")[1:] == ["2/3", "0/0", "0/0", "2/3", "0/0"]
    assert coverage_row(text, "address")[4] == "1/3"
    assert coverage_row(text, "languages")[4] == "1/3"
    assert coverage_row(text, "hours")[4] == "1/3"
    assert coverage_row(text, "services")[5] == "–"  # a centre is one service


def test_a_date_later_than_every_dated_source_fails():
    association = make_association(as_of=datetime.date(2020, 10, 1))
    association.sources.set([make_source(published_on=datetime.date(2019, 4, 1))])
    assert "stated by none of its sources" in failure()


def test_a_date_only_an_undated_page_can_state_is_listed_for_a_reviewer():
    # A member count "as of the May 2019 general meeting" on a page that shows no date of
    # its own: the date may be the page's text, so it is listed to check, not refused.
    association = make_association(as_of=datetime.date(2020, 10, 1))
    association.sources.set(
        [make_source(key="undated", published_on=None, date_precision="unknown")]
    )
    text = run()
    assert "as of 2020-10-01 rests on undated undated" in text


def test_a_date_before_its_dated_source_passes():
    association = make_association(as_of=datetime.date(2001, 6, 1), as_of_precision="month")
    association.sources.set([make_source(published_on=datetime.date(2002, 12, 3))])
    run()


@pytest.mark.parametrize(
    "precision, published, within, after",
    [
        ("month", datetime.date(2022, 5, 1), datetime.date(2022, 5, 27), datetime.date(2022, 6, 1)),
        ("month", datetime.date(2024, 2, 1), datetime.date(2024, 2, 29), datetime.date(2024, 3, 1)),
        ("year", datetime.date(2010, 1, 1), datetime.date(2010, 11, 6), datetime.date(2011, 1, 1)),
    ],
)
def test_a_source_dated_by_month_or_year_states_any_day_of_it(precision, published, within, after):
    # A blog's archive of May 2022 reports the general meeting of 27 May.
    make_source()  # the one the builders give the block and prefecture
    source = make_source(published_on=published, date_precision=precision)
    association = make_association(as_of=within)
    association.sources.set([source])
    run()
    association.as_of = after
    association.save()
    assert "stated by none of its sources" in failure()


def test_an_empty_date_passes():
    association = make_association(as_of=None)
    association.sources.set([make_source(published_on=None, date_precision="unknown")])
    run()


def test_a_contact_without_a_source_fails():
    association = make_association(phone="03-5213-1730")
    association.sources.clear()
    assert "gives contact data without a source" in failure()


@pytest.mark.parametrize(
    "note",
    [
        "Taken from doc-002.",
        "See jawhm guidebook/index.php.",
        "From 003_41420fb355d26510.txt",
        "An OCR error.",
        "Mailbox by analogy with London.",
        "data/seeds/list.json",
    ],
)
def test_a_public_note_with_a_file_name_or_document_id_fails(note):
    make_association(public_note=note)
    assert "which is for staff" in failure()


def test_the_same_words_in_a_staff_note_pass():
    make_association(public_note="Call the consultation line.", staff_note="doc-002, OCR error")
    run()


def test_an_inferred_contact_still_shown_fails_and_passes_once_removed():
    office = make_office(email="mailbox@jlgc.org.au")
    Correction.objects.create(
        content_type=ContentType.objects.get_for_model(office),
        object_id=office.pk,
        field="email",
        original="mailbox@ilgc.org.au",
        corrected="mailbox@jlgc.org.au",
        source=office.sources.first(),
        kind=Correction.Kind.INFERENCE,
        reason="by analogy",
    )
    assert "is inferred, not shown by any source" in failure()
    office.email = ""
    office.save()
    run()
