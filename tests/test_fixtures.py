"""The real fixtures, tested as data."""

import datetime
from io import StringIO

import phonenumbers
import pytest
from django.core.management import call_command
from django.db.models import BooleanField, CheckConstraint, Count, Q
from django.db.models.functions import Coalesce

from associations.models import (
    Association,
    Block,
    ClairOffice,
    Correction,
    Department,
    DesignatedCity,
    JetPartner,
    JetRole,
    Noted,
    Prefecture,
    ProgrammeFact,
    Source,
    Sourced,
)
from associations.reporting import STAFF_ONLY, directory_models, inferred_contacts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_directory")]


def test_the_six_blocks_are_in_clairs_order():
    assert list(Block.objects.values_list("slug", flat=True)) == [
        "hokkaido-tohoku",
        "kanto",
        "tokai-hokuriku",
        "kinki",
        "chugoku-shikoku",
        "kyushu-okinawa",
    ]


def test_there_are_47_prefectures_with_iso_codes():
    codes = list(Prefecture.objects.values_list("code", flat=True))
    assert codes == [f"JP-{n:02d}" for n in range(1, 48)]
    assert Prefecture.objects.get(code="JP-13").name_ja == "東京都"


def test_clairs_blocks_differ_from_the_textbook_regions():
    assert Prefecture.objects.get(slug="niigata").block.slug == "hokkaido-tohoku"
    assert Prefecture.objects.get(slug="yamanashi").block.slug == "kanto"
    assert Prefecture.objects.get(slug="nagano").block.slug == "kanto"
    assert Prefecture.objects.get(slug="mie").block.slug == "tokai-hokuriku"


def test_only_naras_block_is_assumed():
    assumed = Prefecture.objects.filter(block_assumed=True)
    assert [p.slug for p in assumed] == ["nara"]
    assert assumed[0].block.slug == "kinki"


def test_there_are_20_designated_cities_and_12_of_them_by_2002():
    assert DesignatedCity.objects.count() == 20
    assert DesignatedCity.objects.designated_by(datetime.date(2002, 12, 3)).count() == 12
    # The booklet of about 2010 counts 19: Kumamoto came in 2012.
    assert DesignatedCity.objects.designated_by(datetime.date(2011, 12, 31)).count() == 19


def test_every_designated_city_lies_in_its_prefecture():
    hamamatsu = DesignatedCity.objects.get(slug="hamamatsu")
    assert hamamatsu.prefecture.slug == "shizuoka"
    assert hamamatsu.name_ja == "浜松市"


def test_the_63_listed_associations_are_all_kept():
    listed = Association.objects.filter(list_position__isnull=False)
    assert listed.count() == 63
    assert listed.filter(tier=Association.Tier.PREFECTURAL).count() == 46
    assert listed.filter(tier=Association.Tier.DESIGNATED_CITY).count() == 17
    assert set(listed.values_list("list_position", flat=True)) == set(range(1, 64))
    assert listed.filter(mic_recognised=True).count() == 63


def test_kinki_lists_eight_associations_and_nara_none():
    assert Association.objects.in_block("kinki").exclude(list_position=None).count() == 8
    nara = Association.objects.filter(prefecture__slug="nara")
    # None on CLAIR's list; only municipal ones.
    assert not nara.exclude(list_position=None).exists()
    assert nara.exists()
    assert not nara.exclude(tier=Association.Tier.MUNICIPAL).exists()


def test_each_block_holds_the_associations_clair_lists_under_it():
    counts = dict(
        Block.objects.annotate(
            n=Count(
                "prefectures__associations",
                filter=Q(prefectures__associations__list_position__isnull=False),
            )
        ).values_list("slug", "n")
    )
    assert counts == {
        "hokkaido-tohoku": 11,
        "kanto": 13,
        "tokai-hokuriku": 10,
        "kinki": 8,
        "chugoku-shikoku": 10,
        "kyushu-okinawa": 11,
    }


def test_designated_city_associations_lie_in_their_city_and_prefecture():
    for association in Association.objects.filter(designated_city__isnull=False):
        association.full_clean()
        assert association.designated_city.prefecture_id == association.prefecture_id


def test_the_gunma_link_text_is_kept_but_not_used_as_a_name():
    gunma = Association.objects.get(prefecture__slug="gunma", list_position__isnull=False)
    assert gunma.listed_as == "Gunma: Tourist Guide of Gunma Prefecture"
    assert gunma.name_en != gunma.listed_as
    assert gunma.staff_note


def test_every_record_has_a_source():
    for model in directory_models():
        if issubclass(model, Sourced):
            unsourced = model.objects.annotate(n=Count("sources")).filter(n=0)
            assert not unsourced.exists(), f"{model.__name__} without source: {list(unsourced)}"


def test_no_record_carries_a_date_that_none_of_its_sources_states():
    # A source can state a date before its own (972 groups "as of June 2001" in 2002), never
    # one after it: a later date can only be a placeholder.
    checked = 0
    for model in directory_models():
        if issubclass(model, Sourced):
            for record in model.objects.filter(as_of__isnull=False).prefetch_related("sources"):
                sources = list(record.sources.all())
                # A source dated by month or year states any day of that month or year.
                dates = [s.latest_date for s in sources if s.published_on]
                # Or an undated page states it in its text: check_directory lists those.
                undated = any(s.published_on is None for s in sources)
                assert undated or any(d >= record.as_of for d in dates), f"{record}: {record.as_of}"
                checked += 1
    assert checked > 100
    assert Association.objects.filter(as_of__isnull=True).exists()


def test_every_phone_number_is_valid():
    checked = 0
    for model, fields in [
        (Association, ["phone", "consultation_phone", "fax"]),
        (ClairOffice, ["phone", "fax"]),
        (Department, ["phone", "fax"]),
    ]:
        for record in model.objects.all():
            for name in fields:
                number = getattr(record, name)
                if number:
                    assert phonenumbers.is_valid_number(number), f"{record} {name} {number}"
                    checked += 1
    assert checked > 50


def test_every_record_passes_model_validation():
    """Model.full_clean on every record, with its check constraints asked once a model.

    CheckConstraint.validate asks the database once a record and constraint (2,611 queries
    for the associations alone, most of this test's time); one query a constraint over
    every record asks the same, with the same rule that a condition left unknown (NULL)
    passes."""
    for model in directory_models():
        unique = [c for c in model._meta.constraints if not isinstance(c, CheckConstraint)]
        for record in model.objects.all():
            record.full_clean(validate_constraints=False)
            for constraint in unique:
                constraint.validate(model, record)
        for constraint in model._meta.constraints:
            if isinstance(constraint, CheckConstraint):
                passes = Coalesce(constraint.condition, True, output_field=BooleanField())
                failing = list(model.objects.exclude(passes).values_list("pk", flat=True))
                assert not failing, f"{model.__name__} {failing} break {constraint.name}"


def test_the_five_source_documents_are_there_with_their_dates():
    documents = Source.objects.filter(kind=Source.Kind.DOCUMENT)
    assert dict(documents.values_list("key", "published_on")) == {
        "doc-000": datetime.date(2002, 12, 3),
        "doc-001": datetime.date(2016, 12, 31),
        "doc-002": datetime.date(2010, 1, 1),
        "doc-003": None,
        "doc-004": datetime.date(2025, 2, 13),
    }
    assert Source.objects.get(key="doc-002").published_display == "2010"


def test_headquarters_and_seven_overseas_offices():
    assert ClairOffice.objects.filter(kind=ClairOffice.Kind.HEADQUARTERS).count() == 1
    overseas = ClairOffice.objects.filter(kind=ClairOffice.Kind.OVERSEAS)
    assert sorted(o.city for o in overseas) == [
        "Beijing", "London", "New York", "Paris", "Seoul", "Singapore", "Sydney",
    ]  # fmt: skip


def test_the_london_office_covers_the_countries_of_the_2016_article():
    london = ClairOffice.objects.get(slug="london")
    covered = {country.code for country in london.countries_covered}
    assert {"GB", "DE", "IE", "NL", "AT", "DK", "SE", "NO", "FI"} <= covered
    assert london.phone.as_e164 == "+442078398500"
    assert london.time_zone == "Europe/London"


def test_ocr_errors_are_corrected_and_recorded():
    sydney = ClairOffice.objects.get(slug="sydney")
    assert "jlgc.org.au" in sydney.website
    assert "ilgc" not in sydney.email
    originals = set(Correction.objects.values_list("original", flat=True))
    assert any("ilgc" in original for original in originals)
    assert any("Condon" in original for original in originals)
    assert any("governmentorganisations" in original for original in originals)


def test_new_york_says_what_is_not_known():
    new_york = ClairOffice.objects.get(slug="new-york")
    assert new_york.address == ""
    assert not new_york.phone
    assert new_york.staff_note or new_york.public_note


def test_hq_departments_of_both_eras_keep_their_dates():
    hq = ClairOffice.objects.get(kind=ClairOffice.Kind.HEADQUARTERS)
    booklet = hq.departments.filter(as_of=datetime.date(2010, 1, 1), kind="department")
    assert booklet.count() == 4
    assert {d.phone.as_national for d in booklet} == {
        "03-5213-1730", "03-5213-1731", "03-5213-1732", "03-5213-1733",
    }  # fmt: skip
    slides = hq.departments.filter(as_of=datetime.date(2025, 2, 13))
    assert slides.filter(kind="department").count() == 4
    assert slides.filter(kind="division").count() == 7
    assert not slides.exclude(phone="").exists()


def test_jet_roles_bodies_and_figures():
    assert list(JetRole.objects.values_list("code", flat=True)) == ["ALT", "CIR", "SEA"]
    assert JetPartner.objects.count() == 4
    figures = ProgrammeFact.objects.filter(number__isnull=False)
    assert figures.filter(number=52000, as_of__year=2010).exists()
    assert figures.filter(number=64000, as_of=datetime.date(2016, 12, 31)).exists()
    assert figures.filter(subject=ProgrammeFact.Subject.JETAA, number=53).exists()


def test_the_real_fixtures_pass_check_directory():
    out = StringIO()
    call_command("check_directory", stdout=out, stderr=StringIO())
    assert "No broken data." in out.getvalue()


def test_no_public_note_names_a_file_or_a_document():
    checked = 0
    for model in directory_models():
        if issubclass(model, Noted):
            for note in model.objects.exclude(public_note="").values_list("public_note", flat=True):
                assert not STAFF_ONLY.search(note), note
                checked += 1
    assert checked >= 8


def test_no_inferred_contact_is_shown():
    assert not inferred_contacts()
    sydney = ClairOffice.objects.get(slug="sydney")
    assert sydney.email == ""
    assert (
        Correction.objects.filter(field="email", original="mailbox@ilgc.org.au").get().corrected
        == ""
    )
