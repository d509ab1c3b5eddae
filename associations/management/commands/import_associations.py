"""Import a file of associations too large for the admin's import (IMPORT_MAX_ROWS,
IMPORT_MAX_BYTES), through the admin's own reader and AssociationResource, so a file is
accepted or refused here exactly as there: the whole file, or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from import_export.results import Result, RowResult

from associations.admin.importing import read_associations
from associations.admin.resources import AssociationResource
from associations.caching import one_version_bump
from associations.importfiles import ImportFileError


class Command(BaseCommand):
    help = (
        "Import associations from a CSV file in UTF-8 with the admin's columns (as the "
        "admin exports them), matched by slug; no size limit. The whole file or nothing: "
        "every invalid row is listed with its number (1 is the first row after the header) "
        "and reason, nothing is written, and the command exits with an error."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="The CSV file to import.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row and report; write nothing."
        )

    def handle(self, *args, file: Path, dry_run: bool, **options) -> None:
        verbosity = options["verbosity"]
        try:
            with file.open("rb") as stream:
                dataset = read_associations(stream, max_rows=None)
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror or error}") from None
        except ImportFileError as error:
            raise CommandError(f"{file}: {error}") from None
        with one_version_bump() as changes, transaction.atomic():
            result = AssociationResource().import_data(dataset, dry_run=dry_run)
            failed = result.has_errors() or result.has_validation_errors()
            if failed or dry_run:
                transaction.set_rollback(True)
                changes.discard()
        if failed:
            problems = _problems(result)
            for number, reason in problems:
                self.stderr.write(f"Row {number}: {reason}" if number else f"File: {reason}")
            rows = len({number for number, _ in problems if number})
            plural = "row" if rows == 1 else "rows"
            raise CommandError(f"{file}: {rows} {plural} with errors; nothing was written.")
        if verbosity >= 2:
            for number, row in enumerate(result.rows, 1):
                self.stdout.write(f"Row {number}: {row.import_type} {row.object_repr}")
        if verbosity >= 1:
            totals = result.totals
            self.stdout.write(
                f"{len(dataset)} rows: {totals[RowResult.IMPORT_TYPE_NEW]} new, "
                f"{totals[RowResult.IMPORT_TYPE_UPDATE]} updated, "
                f"{totals[RowResult.IMPORT_TYPE_SKIP]} unchanged."
            )
            if dry_run:
                self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
            else:
                self.stdout.write(self.style.SUCCESS("Imported."))


def _problems(result: Result) -> list[tuple[int, str]]:
    """Each reason with the number of its row (0 for the file as a whole), in row order."""
    problems = [(0, str(error.error)) for error in result.base_errors]
    for number, errors in result.row_errors():
        problems += [(number, str(error.error)) for error in errors]
    for row in result.invalid_rows:
        for field, messages in row.field_specific_errors.items():
            problems += [(row.number, f"{field}: {message}") for message in messages]
        problems += [(row.number, str(message)) for message in row.non_field_specific_errors]
    return sorted(problems, key=lambda problem: problem[0])
