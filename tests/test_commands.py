import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from associations import caching
from associations.models import Association, HelpLine, OpeningHours, Prefecture, Source

from .conftest import copy_of_fixtures, make_association

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.FIXTURE_DIRS[0])
# CLAIR's 63 listed associations, and the municipal ones of one file per prefecture.
ASSOCIATIONS = 63 + sum(
    len(json.loads(path.read_text(encoding="utf-8"))["associations"])
    for path in (FIXTURES / "municipal").glob("*.json")
)


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_directory", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Path:
    """A copy of the fixtures that a test may break, without the municipal and one-stop
    files (loading them was half of each test; tests/test_onestop.py breaks those)."""
    return copy_of_fixtures(tmp_path, "municipal", "onestop")


def edit(folder: Path, name: str, change) -> None:
    path = folder / name
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _history_counts() -> dict:
    return {
        model: model.history.count()
        for model in apps.get_models()
        if hasattr(model._meta, "simple_history_manager_attribute")
    }


def assert_one_creation_record_each_with_its_links() -> dict:
    """Each record a load creates has one historical record, "created", holding the
    lists it links to: not a second one for each list (a revert to the first would give
    the record without its languages, a state it never had). Returns the counts."""
    counts = _history_counts()
    for model, count in counts.items():
        assert count == model.objects.count(), model
        assert set(model.history.values_list("history_type", flat=True)) <= {"+"}, model
    for model, field in [(Association, "languages"), (Association, "services"),
                         (HelpLine, "languages")]:  # fmt: skip
        through = getattr(model, field).through
        kept = apps.get_model("associations", f"Historical{model.__name__}_{field}")
        columns = [f.attname for f in through._meta.concrete_fields]
        links = set(through.objects.values_list(*columns))
        assert links, (model, field)  # the fixtures have some
        assert set(kept.objects.values_list(*columns)) == links, (model, field)
        # Each link once, with the record's one historical record.
        assert kept.objects.count() == len(links)
        owner = model._meta.model_name
        assert set(kept.objects.values_list(f"{owner}_id", "history_id")) <= set(
            model.history.values_list("id", "history_id")
        )
    return counts


class TestLoadDirectory:
    def test_loading_twice_creates_nothing_new(self):
        version = caching.directory_version()
        with CaptureQueriesContext(connection) as first_queries:
            first = load()
        # Not a savepoint for each record (a third of a load's queries): a load the
        # database refuses is run again, record by record, to name the record (below).
        savepoints = [q for q in first_queries if q["sql"].startswith("SAVEPOINT")]
        assert len(first_queries) > 2000
        assert len(savepoints) < 20, len(savepoints)
        # The history of the records it creates is written a model at a time, not a
        # query (or eight, with the links) for each of them.
        history = [q for q in first_queries if re.match(r'INSERT INTO "\w+_historical', q["sql"])]
        assert 10 < len(history) < 60, len(history)
        # The cached pages go stale once, when the load is done: each move of the version
        # is a round trip to the cache (Redis in production), and a load saves thousands
        # of records. A load that changes nothing leaves them.
        assert caching.directory_version() == version + 1
        counts = {m: m.objects.count() for m in (Association, Prefecture, Source)}
        history = assert_one_creation_record_each_with_its_links()
        with CaptureQueriesContext(connection) as queries:
            second = load()
        assert _history_counts() == history
        assert caching.directory_version() == version + 1
        # A load reads each table once, with what its records link to, and compares the
        # file with that: not a query for each record or each link of one.
        compared = sum(map(int, re.findall(r"(\d+) unchanged", second)))
        assert compared > 1000
        assert len(queries) < compared / 5, len(queries)
        assert {m: m.objects.count() for m in counts} == counts
        assert f"association: {ASSOCIATIONS} created, 0 updated, 0 unchanged" in first.splitlines()
        assert "prefecture: 47 created, 0 updated, 0 unchanged" in first.splitlines()
        # On an empty database every record is new: none is counted as updated or kept.
        created = re.findall(r"^\w+: \d+ created", first, re.MULTILINE)
        assert len(created) >= 18
        assert re.findall(r"(\d+) updated, (\d+) unchanged", first) == [("0", "0")] * len(created)
        assert f"association: 0 created, 0 updated, {ASSOCIATIONS} unchanged" in second.splitlines()
        hours = OpeningHours.objects.count()
        assert hours >= 20
        assert f"openinghours: 0 created, 0 updated, {hours} unchanged" in second.splitlines()

    def test_it_keeps_associations_staff_added(self, loaded_directory):
        shizuoka = Prefecture.objects.get(slug="shizuoka")
        added = make_association(
            prefecture=shizuoka,
            tier=Association.Tier.MUNICIPAL,
            mic_recognised=False,
            municipality_en="Iwata",
        )
        load()
        assert Association.objects.filter(pk=added.pk).exists()

    def test_no_update_keeps_a_staff_edit_and_a_full_load_restores_the_fixture(
        self, loaded_directory
    ):
        hamamatsu = Association.objects.get(designated_city__slug="hamamatsu")
        hamamatsu.email = "edited@example.org"
        hamamatsu.save()
        load("--no-update")
        hamamatsu.refresh_from_db()
        assert hamamatsu.email == "edited@example.org"
        output = load()
        hamamatsu.refresh_from_db()
        assert hamamatsu.email != "edited@example.org"
        assert f"association: 0 created, 1 updated, {ASSOCIATIONS - 1} unchanged" in output

    def test_dry_run_writes_nothing(self):
        version = caching.directory_version()
        output = load("--dry-run")
        assert "Dry run" in output
        assert not Association.objects.exists()
        assert caching.directory_version() == version

    def test_a_record_with_an_unknown_prefecture_stops_the_load(self, fixture_copy):
        edit(fixture_copy, "associations.json", lambda rows: rows[0].update(prefecture="JP-99"))
        with pytest.raises(CommandError, match=r"associations\.json.*unknown prefecture 'JP-99'"):
            load("--dir", str(fixture_copy))
        assert not Association.objects.exists()

    def test_a_bad_phone_stops_the_load_with_the_record_named(self, fixture_copy):
        edit(fixture_copy, "associations.json", lambda rows: rows[0].update(phone="12"))
        with pytest.raises(CommandError, match=r"associations\.json: record slug=.*phone"):
            load("--dir", str(fixture_copy))
        assert not Source.objects.exists()

    def test_a_record_against_a_rule_of_the_database_stops_the_load_with_the_rule_named(
        self, fixture_copy
    ):
        edit(fixture_copy, "associations.json", lambda rows: rows[0].update(name_en=""))
        with pytest.raises(
            CommandError,
            match=r"associations\.json: record slug=hokkaido-[^:]*: .*'name_en': \['Give the Eng",
        ):
            load("--dir", str(fixture_copy))
        assert not Association.objects.exists()

    def test_a_second_headquarters_stops_the_load_with_the_record_named(self, fixture_copy):
        # Only the table's constraint knows this rule (no form or model check has it).
        edit(fixture_copy, "offices.json", lambda rows: rows[1].update(kind="headquarters"))
        # Django's message, not the database's: it names the rule the same on every database.
        rule = "Constraint “associations_clairoffice_one_headquarters” is violated"
        with pytest.raises(CommandError, match=rf"offices\.json: record slug=new-york: .*{rule}"):
            load("--dir", str(fixture_copy))
        assert not Association.objects.exists()

    def test_opening_hours_that_close_before_they_open_stop_the_load(self, fixture_copy):
        def late_opening(desks):
            desks["desks"][0]["hours"][0]["opens"] = "23:00"

        edit(fixture_copy, "desks.json", late_opening)
        with pytest.raises(CommandError, match=r"desks: record .*'closes': \['It must close after"):
            load("--dir", str(fixture_copy))
        assert not OpeningHours.objects.exists()

    def test_a_record_without_source_stops_the_load(self, fixture_copy):
        edit(fixture_copy, "prefectures.json", lambda rows: rows[0].update(sources=[]))
        with pytest.raises(CommandError, match="has no source"):
            load("--dir", str(fixture_copy))

    def test_a_record_named_twice_in_a_load_is_one_record_with_the_later_values(self, fixture_copy):
        # The loader finds records from an index it reads once; what it creates joins it.
        def twice(rows):
            rows.append({**rows[0], "title": "The same source, listed again"})

        edit(fixture_copy, "sources.json", twice)
        key = json.loads((fixture_copy / "sources.json").read_text(encoding="utf-8"))[0]["key"]
        load("--dir", str(fixture_copy))
        source = Source.objects.filter(key=key).get()
        assert source.title == "The same source, listed again"
        assert [h.history_type for h in source.history.all()] == ["~", "+"]  # newest first
        assert source.history.first().title == source.title

    def test_a_later_load_records_a_change_of_links_with_the_links_as_they_are(self, fixture_copy):
        load("--dir", str(fixture_copy))
        first = json.loads((fixture_copy / "associations.json").read_text(encoding="utf-8"))[0]
        association = Association.objects.get(slug=first["slug"])
        assert [h.history_type for h in association.history.all()] == ["+"]
        created = association.history.get()
        assert {r.language.code for r in created.languages.all()} == set(first["languages"])
        assert {r.service.slug for r in created.services.all()} == set(first["services"])

        edit(fixture_copy, "associations.json", lambda rows: rows[0].update(languages=["pt"]))
        load("--dir", str(fixture_copy))
        changed, _ = association.history.all()  # newest first
        assert changed.history_type == "~"
        assert [r.language.code for r in changed.languages.all()] == ["pt"]
        assert {r.service.slug for r in changed.services.all()} == set(first["services"])
        assert list(association.languages.values_list("code", flat=True)) == ["pt"]

    def test_a_missing_file_is_named(self, fixture_copy):
        version = caching.directory_version()
        (fixture_copy / "offices.json").unlink()
        with pytest.raises(CommandError, match="offices.json: file not found"):
            load("--dir", str(fixture_copy))
        # Rolled back: the cached pages are still right.
        assert caching.directory_version() == version


@pytest.mark.usefixtures("loaded_directory")
class TestCheckDirectory:
    def run(self) -> str:
        out = StringIO()
        call_command("check_directory", stdout=out, stderr=StringIO())
        return out.getvalue()

    def test_it_reports_counts_and_the_known_discrepancies(self):
        report = self.run()
        assert f"associations: {ASSOCIATIONS}" in report
        assert "prefectures: 47" in report
        assert "says 62 recognised associations but lists 63" in report
        assert "No association is listed for Nara." in report
        assert "Gunma: Tourist Guide of Gunma Prefecture" in report
        assert "Condon" in report
        assert "No broken data." in report

    def test_it_fails_on_a_record_without_source(self):
        Association.objects.get(list_position=1).sources.clear()
        err = StringIO()
        # Its contacts and its date then lack a source too: each is a problem of its own.
        with pytest.raises(CommandError, match="problem"):
            call_command("check_directory", stdout=StringIO(), stderr=err)
        assert "has no source" in err.getvalue()

    def test_it_fails_on_an_invalid_phone(self):
        Association.objects.filter(list_position=1).update(phone="+8112")
        with pytest.raises(CommandError, match="problem"):
            self.run()


class TestAddEditor:
    def run(self, *args: str, **env: str) -> str:
        out = StringIO()
        call_command("add_editor", *args, stdout=out)
        return out.getvalue()

    def test_creates_a_branch_editor_for_prefectures_and_cities(self, places, monkeypatch):
        from django.contrib.auth.models import User

        monkeypatch.setenv("EDITOR_PASSWORD", "a long enough passphrase")
        output = self.run(
            "suzuki", "--branch", "JP-22", "hamamatsu", "--password-from-env", "EDITOR_PASSWORD"
        )
        assert "Created suzuki: Branch editors (Shizuoka, Hamamatsu)" in output
        user = User.objects.get(username="suzuki")
        assert user.is_staff and user.check_password("a long enough passphrase")
        assert [g.name for g in user.groups.all()] == ["Branch editors"]
        assert list(user.editor_scope.prefectures.all()) == [places["shizuoka"]]
        assert list(user.editor_scope.designated_cities.all()) == [places["hamamatsu"]]

    def test_updates_the_role_and_drops_the_scope(self, places):
        from django.contrib.auth.models import User

        self.run("suzuki", "--branch", "shizuoka")
        output = self.run("suzuki", "--hq")
        assert "Updated suzuki: HQ editors" in output
        user = User.objects.get(username="suzuki")
        assert [g.name for g in user.groups.all()] == ["HQ editors"]
        assert not hasattr(user, "editor_scope") or not user.editor_scope.pk

    def test_a_viewer_without_password_cannot_sign_in_yet(self, db):
        from django.contrib.auth.models import User

        self.run("reader", "--viewer")
        assert not User.objects.get(username="reader").has_usable_password()

    def test_unknown_places_and_weak_passwords_are_refused(self, places, monkeypatch):
        with pytest.raises(CommandError, match="Unknown prefecture or designated city: atlantis"):
            self.run("x", "--branch", "atlantis")
        monkeypatch.setenv("WEAK", "123")
        with pytest.raises(CommandError, match="too short"):
            self.run("x", "--hq", "--password-from-env", "WEAK")
        with pytest.raises(CommandError, match="MISSING is empty or not set"):
            self.run("x", "--hq", "--password-from-env", "MISSING")

    def test_dry_run_writes_nothing(self, places):
        from django.contrib.auth.models import User

        assert "Would create" in self.run("suzuki", "--viewer", "--dry-run")
        assert not User.objects.filter(username="suzuki").exists()


def test_setup_roles_is_idempotent(db):
    from django.contrib.auth.models import Group

    call_command("setup_roles", verbosity=0)
    call_command("setup_roles", verbosity=0)
    groups = {g.name: g.permissions.count() for g in Group.objects.all()}
    assert set(groups) == {"HQ editors", "Branch editors", "Viewers"}
    assert groups["HQ editors"] > groups["Branch editors"] > groups["Viewers"]


class TestGenerateSynthetic:
    def test_adds_realistic_associations_everywhere_and_removes_them(self, loaded_directory):
        out = StringIO()
        call_command("generate_synthetic", "300", stdout=out)
        synthetic = Association.objects.filter(slug__startswith="synthetic-")
        assert synthetic.count() == 300
        assert "Added 300" in out.getvalue()
        assert synthetic.values("prefecture").distinct().count() > 30
        assert synthetic.filter(designated_city__isnull=False).exists()
        assert synthetic.exclude(name_ja="").count() == 300
        assert synthetic.filter(languages__isnull=False).exists()
        assert all(a.sources.get().key == "synthetic-data" for a in synthetic[:20])
        first = synthetic.order_by("pk").first()
        assert Association.objects.search(first.name_ja[:2]).exists()
        call_command("generate_synthetic", "0", "--delete", stdout=StringIO())
        assert not synthetic.exists()
        assert Association.objects.count() == ASSOCIATIONS

    def test_refuses_a_database_that_does_not_say_it_is_disposable(self, settings):
        from django.db import connection

        real_name = connection.settings_dict["NAME"]
        connection.settings_dict["NAME"] = "clair_directory"
        try:
            with pytest.raises(CommandError, match="does not look disposable"):
                call_command("generate_synthetic", "10", stdout=StringIO())
        finally:
            connection.settings_dict["NAME"] = real_name
        assert not Association.objects.exists()

    def test_needs_the_directory_loaded_first(self):
        with pytest.raises(CommandError, match="Load the directory's data first"):
            call_command("generate_synthetic", "10", stdout=StringIO())
