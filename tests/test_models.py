import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from associations.models import Association, ClairOffice, DesignatedCity, Prefecture

from .conftest import (
    AS_OF,
    make_association,
    make_block,
    make_city,
    make_language,
    make_prefecture,
)

pytestmark = pytest.mark.django_db


class TestAssociationRules:
    def test_a_designated_city_association_needs_its_city(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            make_association(tier=Association.Tier.DESIGNATED_CITY)

    def test_a_prefectural_association_has_no_city(self):
        city = make_city()
        with pytest.raises(IntegrityError), transaction.atomic():
            make_association(tier=Association.Tier.PREFECTURAL, designated_city=city)

    def test_only_municipal_associations_have_a_size(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            make_association(size_category=Association.Size.LARGE)

    def test_a_municipal_association_names_its_municipality(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            make_association(tier=Association.Tier.MUNICIPAL, mic_recognised=False)
        association = make_association(
            tier=Association.Tier.MUNICIPAL,
            mic_recognised=False,
            municipality_en="Nakano",
            size_category=Association.Size.MEDIUM,
        )
        assert association.area_served_en == f"Nakano, {association.prefecture.name_en}"

    def test_mic_does_not_recognise_municipal_associations(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            make_association(
                tier=Association.Tier.MUNICIPAL, municipality_en="Nakano", mic_recognised=True
            )

    def test_an_empty_english_name_is_refused(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            make_association(name_en="")
        with pytest.raises(IntegrityError), transaction.atomic():
            make_association(name_en="", name_ja="静岡県国際交流協会")

    def test_a_municipal_association_may_have_its_japanese_name_alone(self):
        # Many sources give no English name, and none is made up.
        town = make_association(
            name_en="",
            name_ja="芦北町国際交流協会",
            tier=Association.Tier.MUNICIPAL,
            mic_recognised=False,
            municipality_ja="芦北町",
        )
        town.full_clean()
        assert str(town) == town.name == "芦北町国際交流協会"

    def test_slugs_are_unique(self):
        make_association(slug="same")
        with pytest.raises(IntegrityError), transaction.atomic():
            make_association(slug="same")

    def test_clean_refuses_a_city_outside_the_prefecture(self):
        city = make_city()
        other = make_prefecture()
        association = Association(
            slug="x",
            name_en="X",
            tier=Association.Tier.DESIGNATED_CITY,
            prefecture=other,
            designated_city=city,
            as_of=AS_OF,
        )
        with pytest.raises(ValidationError) as error:
            association.full_clean()
        assert "designated_city" in error.value.message_dict
        assert city.prefecture.name_en in error.value.message_dict["designated_city"][0]

    def test_clean_accepts_a_city_inside_the_prefecture(self):
        city = make_city()
        association = Association(
            slug="y",
            name_en="Y",
            tier=Association.Tier.DESIGNATED_CITY,
            prefecture=city.prefecture,
            designated_city=city,
            as_of=AS_OF,
        )
        association.full_clean()

    @pytest.mark.parametrize("code", ["123-4567", "060-0003"])
    def test_postal_codes_in_japanese_form_are_accepted(self, code):
        association = make_association(postal_code=code)
        association.full_clean()

    @pytest.mark.parametrize("code", ["1234567", "〒123-4567", "12-34567"])
    def test_other_postal_codes_are_refused_with_a_message(self, code):
        association = make_association()
        association.postal_code = code
        with pytest.raises(ValidationError) as error:
            association.full_clean()
        assert any("123-4567" in m for m in error.value.message_dict["postal_code"])


class TestPhones:
    def test_national_numbers_are_stored_in_international_form(self):
        association = make_association(phone="03-5213-1730")
        association.refresh_from_db()
        assert association.phone.as_e164 == "+81352131730"
        assert association.phone.as_national == "03-5213-1730"
        assert association.phone.as_international == "+81 3-5213-1730"

    def test_an_invalid_phone_is_refused(self):
        association = make_association(phone="12")
        with pytest.raises(ValidationError) as error:
            association.full_clean()
        assert "phone" in error.value.message_dict


class TestQuerySets:
    def test_in_block_takes_a_block_or_its_slug(self):
        kinki = make_block(slug="kinki")
        inside = make_association(prefecture=make_prefecture(block=kinki))
        make_association()
        assert list(Association.objects.in_block(kinki)) == [inside]
        assert list(Association.objects.in_block("kinki")) == [inside]
        assert list(Prefecture.objects.in_block("kinki")) == [inside.prefecture]

    def test_recognised_leaves_out_municipal_associations(self):
        recognised = make_association()
        make_association(
            tier=Association.Tier.MUNICIPAL, mic_recognised=False, municipality_en="Nakano"
        )
        assert list(Association.objects.recognised()) == [recognised]

    def test_designated_by_counts_the_cities_of_a_date(self):
        make_city(designated_on=datetime.date(1956, 9, 1))
        make_city(designated_on=datetime.date(2007, 4, 1))
        assert DesignatedCity.objects.designated_by(datetime.date(2002, 12, 3)).count() == 1
        assert DesignatedCity.objects.designated_by(datetime.date(2025, 2, 13)).count() == 2

    def test_stale_means_never_or_over_a_year_ago(self):
        today = datetime.date(2026, 11, 24)
        never = make_association()
        old = make_association(last_verified=datetime.date(2025, 11, 1))
        make_association(last_verified=datetime.date(2026, 6, 1))
        assert set(Association.objects.stale(today)) == {never, old}

    def test_editable_by_follows_the_role_and_ends_with_the_account(
        self, places, hq_editor, branch_editor, viewer
    ):
        """All for HQ editors, their area for a branch (a designated city's association is
        its city's branch's), nothing for viewers; and nothing for an account switched
        off, though its groups were read already (roles keep them on the user object for
        the request)."""
        everything = set(Association.objects.all())
        shizuoka = {
            a for a in everything
            if a.prefecture == places["shizuoka"] and a.designated_city is None
        }  # fmt: skip
        assert shizuoka and shizuoka != everything
        assert set(Association.objects.editable_by(hq_editor)) == everything
        assert set(Association.objects.editable_by(branch_editor)) == shizuoka
        assert not Association.objects.editable_by(viewer).exists()
        for editor in (hq_editor, branch_editor):
            editor.is_active = False
            assert not Association.objects.editable_by(editor).exists(), editor


class TestOffices:
    def test_there_is_one_headquarters(self):
        values = {"name_en": "HQ", "city": "Tokyo", "country": "JP", "time_zone": "Asia/Tokyo"}
        ClairOffice.objects.create(slug="hq", kind="headquarters", as_of=AS_OF, **values)
        with pytest.raises(IntegrityError), transaction.atomic():
            ClairOffice.objects.create(slug="hq2", kind="headquarters", as_of=AS_OF, **values)

    def test_an_unknown_time_zone_is_refused(self):
        office = ClairOffice(
            slug="x", kind="overseas", name_en="X", city="X", country="FR",
            time_zone="Europe/Atlantis", as_of=AS_OF,
        )  # fmt: skip
        with pytest.raises(ValidationError) as error:
            office.full_clean()
        assert "time_zone" in error.value.message_dict


def test_every_model_names_itself_and_has_a_page():
    association = make_association(name_en="Hamamatsu Foundation", slug="hamamatsu")
    assert str(association) == "Hamamatsu Foundation"
    assert association.get_absolute_url() == "/associations/hamamatsu/"
    assert association.prefecture.get_absolute_url().startswith("/prefectures/")
    assert association.prefecture.block.get_absolute_url().startswith("/blocks/")
    assert make_city(slug="hamamatsu").get_absolute_url() == "/cities/hamamatsu/"


def test_a_record_s_history_manager_is_made_once_and_still_reads_the_record_s_history():
    """Every save reads `record.history` to write the historical record; simple-history's
    own manager made its class anew each time (a tenth of a directory load)."""
    association = make_association(name_en="Hamamatsu Foundation")
    association.name_en = "Hamamatsu International Foundation"
    association.save()
    assert type(association.history) is type(Association.objects.get().history)
    assert type(make_block().history) is type(association.history)  # one class for all
    assert [h.name_en for h in association.history.all()] == [
        "Hamamatsu International Foundation",
        "Hamamatsu Foundation",
    ]
    assert list(Association.history.values_list("history_type", flat=True)) == ["~", "+"]


def test_each_historical_record_keeps_the_links_the_record_had_then():
    """The links are copied into each historical record, but for a record's first: a
    record just created has none yet, so that copy is skipped (a query a linked field)."""
    english, vietnamese = make_language("en"), make_language("vi")
    association = make_association(name_en="Hamamatsu Foundation")
    association.languages.set([english])
    association.languages.add(vietnamese)
    association.name_en = "Hamamatsu International Foundation"
    association.save()
    association.languages.remove(english)
    history = list(association.history.order_by("history_id"))
    assert [h.history_type for h in history] == ["+", "~", "~", "~", "~"]
    assert [sorted(row.language.code for row in h.languages.all()) for h in history] == [
        [],
        ["en"],
        ["en", "vi"],
        ["en", "vi"],  # the edit of the name keeps the links of the moment
        ["vi"],
    ]


def query_plan(sql: str, avoid: tuple[str, ...]) -> str:
    """The plan of `sql` on one line; on PostgreSQL with the plan nodes `avoid` names
    turned off for the test's transaction (enable_sort, enable_seqscan, ...)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            return " / ".join(str(row[-1]) for row in cursor.fetchall())
        for node in avoid:
            cursor.execute(f"SET LOCAL enable_{node} = off")
        cursor.execute("EXPLAIN " + sql)
        return " / ".join(row[0] for row in cursor.fetchall())


class TestSortNameOrderingsReadAnIndex:
    """The orderings by sort name read their rows in order from an index and stop at the
    page's end: at 100,000 associations a sort of a whole prefecture, or of the table,
    is what made a detail page and the name-sorted listing slow."""

    def page_query(self, client, url: str, marker: str) -> str:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        sqls = [q["sql"] for q in captured if marker in q["sql"]]
        assert sqls, [q["sql"] for q in captured]
        return sqls[0]  # as run, its values written in

    @pytest.mark.parametrize(
        "url, index",
        [
            ("detail", "associations_neighbours_idx"),
            ("/associations/?sort=name", "associations_sort_name_idx"),
        ],
    )
    def test_the_page_reads_its_order_from_an_index(self, client, url, index, settings):
        settings.PAGE_CACHE_SECONDS = 0
        shizuoka = make_prefecture(code="JP-22", slug="shizuoka", name_en="Shizuoka")
        first = make_association(name_en="Alpha", prefecture=shizuoka)
        for name in ("Beta", "Gamma"):
            make_association(name_en=name, prefecture=shizuoka)
        if url == "detail":
            url, marker = first.get_absolute_url(), '"mic_recognised" DESC'
        else:
            marker = "ORDER BY COALESCE("
        # A table of a few rows is cheaper to sort than to read by index: the planner is
        # told to avoid sorts, so that the plan shows whether an index can serve.
        plan = query_plan(self.page_query(client, url, marker), avoid=("sort",))
        assert index in plan, plan
        assert "TEMP B-TREE FOR ORDER BY" not in plan and "Sort" not in plan, plan


class TestFacetCountsReadAnIndex:
    """A filtered listing counts each language and service among the associations the
    other filters give: those associations are read from the facets' index alone, not
    from the table (at 100,000, reading the table was about 40% of such a count's time)."""

    @pytest.mark.parametrize(
        "query", [{"prefecture": "shizuoka"}, {"tier": "prefectural"}, {"recognised": "yes"}]
    )
    def test_the_associations_a_filter_gives_are_read_from_the_index(self, client, query, settings):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        settings.PAGE_CACHE_SECONDS = 0
        shizuoka = make_prefecture(code="JP-22", slug="shizuoka", name_en="Shizuoka")
        aichi = make_prefecture(code="JP-23", slug="aichi", name_en="Aichi")
        vietnamese = make_language("vi")
        for prefecture in (shizuoka, aichi, shizuoka):
            make_association(prefecture=prefecture, languages=[vietnamese])
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/associations/", query).status_code == 200
        marker = '"associations_association_languages"."language_id" AS'
        counts = [q["sql"] for q in captured if marker in q["sql"] and " IN (SELECT" in q["sql"]]
        assert counts, [q["sql"] for q in captured]
        # A table of a few rows is cheaper to read whole: the planner is told not to, so
        # that the plan shows what it would read at 100,000.
        plan = query_plan(counts[0], avoid=("seqscan", "bitmapscan"))
        if connection.vendor == "sqlite":
            # Any of SQLite's indexes holds the key (the rowid) of each row it lists.
            reads = re.findall(r"(?:SCAN|SEARCH) U0( USING COVERING INDEX)?", plan)
            assert reads and all(reads), plan
        else:
            assert "Index Only Scan using associations_facets_id_idx" in plan, plan
