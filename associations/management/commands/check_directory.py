from django.core.management.base import BaseCommand, CommandError

from associations.reporting import build_report


class Command(BaseCommand):
    help = (
        "Print a report on the directory's data: counts per model, associations without "
        "contact data, discrepancies in the sources and the corrections applied. Exits "
        "non-zero on broken data (a record without source, an invalid phone, a dangling "
        "reference)."
    )

    def handle(self, *args, **options) -> None:
        report = build_report()
        out = self.stdout.write
        if options["verbosity"] >= 1:
            out(self.style.MIGRATE_HEADING("Records"))
            for name, count in report.counts.items():
                out(f"  {name}: {count}")
            out(self.style.MIGRATE_HEADING(f"Without contact data ({len(report.without_contact)})"))
            for line in report.without_contact:
                out(f"  {line}")
            out(self.style.MIGRATE_HEADING(f"Discrepancies ({len(report.discrepancies)})"))
            for line in report.discrepancies:
                out(f"  {line}")
            out(self.style.MIGRATE_HEADING(f"Corrections ({len(report.corrections)})"))
            for line in report.corrections:
                out(f"  {line}")
        if not report.ok:
            for line in report.errors:
                self.stderr.write(self.style.ERROR(f"  {line}"))
            raise CommandError(f"{len(report.errors)} problem(s) in the directory's data.")
        out(self.style.SUCCESS("No broken data."))
