from django.core.management.base import BaseCommand, CommandError

from associations.reporting import build_report

# Opening hours are not a field of this data model yet; the table says so instead of
# counting a column that cannot be filled.


def coverage_lines(table: dict[str, dict[str, tuple[int, int]]]) -> list[str]:
    if not table:
        return []
    tiers = list(next(iter(table.values())))
    width = max(len(t) for t in tiers) + 2
    lines = ["field".ljust(11) + "".join(t.rjust(max(width, 10)) for t in tiers)]
    for name, row in table.items():
        cells = "".join(f"{n}/{total}".rjust(max(width, 10)) for n, total in row.values())
        lines.append(name.ljust(11) + cells)
    return lines


class Command(BaseCommand):
    help = (
        "Print a report on the directory's data: counts per model, coverage of each field "
        "per tier, associations without contact data, discrepancies in the sources and the "
        "corrections applied. Exits non-zero on broken data (a record or a contact without "
        "source, a date no source states, an inferred contact, a curators' word in a public "
        "note, an invalid phone, a dangling reference)."
    )

    def handle(self, *args, **options) -> None:
        report = build_report()
        out = self.stdout.write
        if options["verbosity"] >= 1:
            out(self.style.MIGRATE_HEADING("Records"))
            for name, count in report.counts.items():
                out(f"  {name}: {count}")
            out(self.style.MIGRATE_HEADING("Coverage of the associations (given / records)"))
            for line in coverage_lines(report.coverage):
                out(f"  {line}")
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
