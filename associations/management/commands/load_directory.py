from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from associations.caching import one_version_bump
from associations.loading import DirectoryLoader, LoadError


class Command(BaseCommand):
    help = (
        "Load the directory's reviewed data files (fixtures/*.json) into the database. "
        "Idempotent: records are matched by slug, code or key, so a second run creates "
        "nothing; records staff added are left alone."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dir",
            type=Path,
            default=Path(settings.FIXTURE_DIRS[0]),
            help="Folder of the data files (default: the project's fixtures/).",
        )
        parser.add_argument(
            "--no-update",
            action="store_true",
            help="Only add missing records; keep existing ones as they are (keeps staff edits).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report, then roll everything back."
        )

    def handle(self, *args, dir: Path, no_update: bool, dry_run: bool, **options) -> None:
        loader = DirectoryLoader(dir, update_existing=not no_update)
        try:
            with one_version_bump() as changes, transaction.atomic():
                report = loader.load()
                if dry_run:
                    transaction.set_rollback(True)
                    changes.discard()
        except LoadError as error:
            raise CommandError(str(error)) from None
        if options["verbosity"] >= 1:
            for line in report.lines():
                self.stdout.write(line)
            if dry_run:
                self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
            else:
                self.stdout.write(self.style.SUCCESS("Directory data loaded."))
