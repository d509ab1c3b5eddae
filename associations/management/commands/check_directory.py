from django.core.management.base import BaseCommand, CommandError

from associations.reporting import build_report


def coverage_lines(table: dict[str, dict[str, tuple[int, int] | None]]) -> list[str]:
    """A column per tier (and for the one-stop centres): given / records; "–" where the
    field does not apply."""
    if not table:
        return []
    columns = list(next(iter(table.values())))
    widths = [max(len(c), 9) + 2 for c in columns]
    lines = ["field".ljust(11) + "".join(c.rjust(w) for c, w in zip(columns, widths, strict=True))]
    for name, row in table.items():
        cells = [("–" if cell is None else f"{cell[0]}/{cell[1]}") for cell in row.values()]
        lines.append(
            name.ljust(11) + "".join(c.rjust(w) for c, w in zip(cells, widths, strict=True))
        )
    return lines


class Command(BaseCommand):
    help = (
        "Print a report on the directory's data: counts per model, coverage of each field "
        "per tier, associations without contact data, discrepancies in the sources and the "
        "corrections applied. Exits non-zero on broken data (a record or a contact without "
        "source, a date no source states, an inferred contact, a curators' word in a public "
        "note, an invalid phone, a municipality code that matches no place once the places "
        "are loaded, a dangling reference)."
    )

    def handle(self, *args, **options) -> None:
        report = build_report()
        out = self.stdout.write
        if options["verbosity"] >= 1:
            out(self.style.MIGRATE_HEADING("Records"))
            for name, count in report.counts.items():
                out(f"  {name}: {count}")
            out(self.style.MIGRATE_HEADING("Coverage per tier (given / records)"))
            for line in coverage_lines(report.coverage):
                out(f"  {line}")
            out(self.style.MIGRATE_HEADING(f"Without contact data ({len(report.without_contact)})"))
            for line in report.without_contact:
                out(f"  {line}")
            out(self.style.MIGRATE_HEADING(f"Discrepancies ({len(report.discrepancies)})"))
            for line in report.discrepancies:
                out(f"  {line}")
            count = len(report.dates_to_check)
            out(self.style.MIGRATE_HEADING(f"Dates only undated pages can state ({count})"))
            for line in report.dates_to_check:
                out(f"  {line}")
            out(self.style.MIGRATE_HEADING(f"Corrections ({len(report.corrections)})"))
            for line in report.corrections:
                out(f"  {line}")
        if not report.ok:
            for line in report.errors:
                self.stderr.write(self.style.ERROR(f"  {line}"))
            raise CommandError(f"{len(report.errors)} problem(s) in the directory's data.")
        out(self.style.SUCCESS("No broken data."))
