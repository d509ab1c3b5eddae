from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from associations import synthetic
from associations.caching import bump_directory_version

# An in-memory SQLite database ("memory") is disposable by nature.
DISPOSABLE_WORDS = ("bench", "synthetic", "scratch", "test", "memory")


class Command(BaseCommand):
    help = (
        "Add N made-up associations (names in English and Japanese, across every "
        "prefecture, tier, service and language) to the database DATABASE_URL names, for "
        "benchmarks and scale tests. It refuses a database whose name does not say it is "
        "disposable (bench, synthetic, scratch or test in the name), so the real directory "
        "is never filled with them."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("count", type=int, help="how many associations to add")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument("--delete", action="store_true", help="remove them instead")
        parser.add_argument("--dry-run", action="store_true", help="say what would be done")

    def handle(self, *args, count: int, seed: int, delete: bool, dry_run: bool, **options):
        name = str(connection.settings_dict["NAME"])
        if not any(word in name.lower() for word in DISPOSABLE_WORDS):
            raise CommandError(
                f"The database “{name}” does not look disposable. Point DATABASE_URL at a "
                f"database for benchmarks (its name containing one of: "
                f"{', '.join(DISPOSABLE_WORDS)})."
            )
        if count < 0:
            raise CommandError("The count cannot be negative.")
        if dry_run:
            action = "delete the synthetic associations" if delete else f"add {count}"
            self.stdout.write(f"Would {action} in {name}.")
            return
        if delete:
            result = f"Deleted {synthetic.delete()} synthetic records."
        else:
            try:
                total = synthetic.generate(count, seed=seed)
            except ValueError as error:
                raise CommandError(str(error)) from None
            result = f"Added {count}; {total} synthetic associations in {name}."
        # bulk_create sends no signals: make cached pages stale by hand.
        bump_directory_version()
        if options["verbosity"] >= 1:
            self.stdout.write(result)
