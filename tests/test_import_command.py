"""`manage.py import_associations`: the admin's import without its limits, for large files."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from associations import caching
from associations.models import Association

from .test_import import GOOD, HEADER, csv_file, existing, row  # noqa: F401  (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("existing")]


def write(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "associations.csv"
    path.write_bytes(csv_file(rows).getvalue())
    return path


def run(path: Path, *args: str, verbosity: int = 1) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_associations", str(path), *args, verbosity=verbosity, stdout=out,
                 stderr=err)  # fmt: skip
    return out.getvalue(), err.getvalue()


def test_it_imports_a_file_larger_than_the_admin_takes(tmp_path, settings):
    settings.IMPORT_MAX_ROWS = 1
    settings.IMPORT_MAX_BYTES = 100
    path = write(
        tmp_path,
        [
            row(slug="iwata", name_en="Iwata IA", languages="vi;pt"),
            row(slug="fukuroi", name_en="Fukuroi IA", municipality_en="Fukuroi"),
            row(slug="sair", name_en="SAIR renamed", tier="prefectural", municipality_en="",
                size_category=""),
        ],
    )  # fmt: skip
    version = caching.directory_version()
    out, err = run(path)
    # The cached pages go stale once for the file, not once a row (a cache round trip each).
    assert caching.directory_version() == version + 1
    assert "3 rows: 2 new, 1 updated, 0 unchanged." in out
    assert err == ""
    assert Association.objects.filter(slug__in=["iwata", "fukuroi"]).count() == 2
    assert Association.objects.get(slug="sair").name_en == "SAIR renamed"
    iwata = Association.objects.get(slug="iwata")
    assert sorted(iwata.languages.values_list("code", flat=True)) == ["pt", "vi"]


def test_a_dry_run_checks_and_writes_nothing(tmp_path):
    path = write(tmp_path, [row(slug="iwata", name_en="Iwata IA")])
    version = caching.directory_version()
    out, _ = run(path, "--dry-run")
    assert "1 rows: 1 new" in out
    assert "Dry run: nothing was written." in out
    assert not Association.objects.filter(slug="iwata").exists()
    assert caching.directory_version() == version  # nothing changed: the cached pages stand


def test_any_bad_row_writes_nothing_and_lists_each_row_and_reason(tmp_path):
    before = list(Association.objects.values_list("slug", "name_en"))
    version = caching.directory_version()
    path = write(
        tmp_path,
        [
            row(slug="good", name_en="A good row"),
            row(slug="atlantis", name_en="Wrong prefecture", prefecture="JP-99"),
            row(slug="sair", name_en="SAIR renamed", tier="prefectural", municipality_en="",
                size_category=""),
            row(slug="badlang", name_en="Bad language", languages="xx"),
        ],
    )  # fmt: skip
    err = StringIO()
    with pytest.raises(CommandError, match="2 rows with errors; nothing was written"):
        call_command("import_associations", str(path), stdout=StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert "Row 2: prefecture: unknown prefecture: JP-99" in lines
    assert "Row 4: languages: unknown language: xx" in lines
    assert list(Association.objects.values_list("slug", "name_en")) == before
    assert caching.directory_version() == version


def test_a_dry_run_with_a_bad_row_fails_too(tmp_path):
    path = write(tmp_path, [row(slug="atlantis", name_en="Nowhere", prefecture="JP-99")])
    with pytest.raises(CommandError, match="1 row with errors"):
        call_command("import_associations", str(path), "--dry-run", stdout=StringIO(),
                     stderr=StringIO())  # fmt: skip


def test_verbosity_0_prints_nothing_and_2_prints_each_row(tmp_path):
    path = write(tmp_path, [row(slug="iwata", name_en="Iwata IA")])
    assert run(path, "--dry-run", verbosity=0) == ("", "")
    out, _ = run(path, "--dry-run", verbosity=2)
    assert "Row 1: new Iwata IA" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ((HEADER + GOOD).encode("shift_jis"), "not UTF-8"),
        (b"", "The file is empty"),
        (b"slug,colour\niwata,red\n", "Unknown column: colour"),
    ],
)
def test_a_bad_file_is_refused_with_the_admins_message(tmp_path, content, message):
    path = tmp_path / "associations.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(path)


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run(tmp_path / "nowhere.csv")
