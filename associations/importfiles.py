"""Reading a CSV file for import, row by row, with a reason in words for each way it can
be wrong: binary, not UTF-8, empty, unknown or missing columns, ragged or unreadable rows.

The admin's preview and confirm steps and the import_associations command read files
here, so a file is accepted or refused the same way wherever it is imported.
"""

import csv
import io
from collections.abc import Collection
from typing import BinaryIO

import tablib
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# A byte order mark is allowed: spreadsheets write one when saving "CSV UTF-8".
ENCODING = "utf-8-sig"
_SNIFF_BYTES = 8192


class ImportFileError(ValueError):
    """A file that cannot be imported at all; the message says why, for its user."""


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def read_csv(
    stream: BinaryIO, *, columns: Collection[str], key: str, max_rows: int | None
) -> tablib.Dataset:
    """The rows of a CSV file under its header, or ImportFileError.

    Stops reading as soon as the file has more than max_rows rows (None: no limit).
    The header may name any of `columns`, in any order, and must name `key`.
    Blank lines are left out; rows are numbered from 1 after the header.
    """
    if b"\x00" in stream.read(_SNIFF_BYTES):
        raise _binary()
    stream.seek(0)
    text = io.TextIOWrapper(stream, encoding=ENCODING, newline="")
    try:
        return _read(csv.reader(text, strict=True), columns, key, max_rows)
    except UnicodeDecodeError:
        raise ImportFileError(
            _(
                "The file is not UTF-8 text. Save it from the spreadsheet as "
                "“CSV UTF-8 (comma delimited)” and upload that file."
            )
        ) from None
    finally:
        text.detach()  # the caller closes its own stream


def _binary() -> ImportFileError:
    return ImportFileError(
        _(
            "This is not a CSV text file (it holds binary data: a workbook or an image?). "
            "Save it from the spreadsheet as “CSV UTF-8 (comma delimited)” and upload that file."
        )
    )


def _read(reader, columns: Collection[str], key: str, max_rows: int | None) -> tablib.Dataset:
    number = 0
    header = None
    try:
        header = next((cells for cells in reader if any(c.strip() for c in cells)), None)
        if header is None:
            raise ImportFileError(_("The file is empty."))
        header = _check_header([cell.strip() for cell in header], columns, key)
        dataset = tablib.Dataset(headers=header)
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            number += 1
            if max_rows is not None and number > max_rows:
                raise ImportFileError(too_many_rows(max_rows))
            if len(cells) != len(header):
                raise ImportFileError(
                    ngettext(
                        "Row %(row)s has %(count)s value; the header has %(columns)s columns.",
                        "Row %(row)s has %(count)s values; the header has %(columns)s columns.",
                        len(cells),
                    )
                    % {"row": _number(number), "count": len(cells), "columns": len(header)}
                )
            if any("\x00" in cell for cell in cells):
                raise _binary()
            dataset.append(cells)
    except csv.Error as error:
        where = _("Row %(row)s") % {"row": _number(number + 1)} if header else _("The header")
        if "field larger than field limit" in str(error):
            raise ImportFileError(
                _("%(where)s has a value longer than %(limit)s characters.")
                % {"where": where, "limit": _number(csv.field_size_limit())}
            ) from None
        raise ImportFileError(
            _("%(where)s is not valid CSV (%(reason)s). Check its quotation marks.")
            % {"where": where, "reason": error}
        ) from None
    if number == 0:
        raise ImportFileError(_("The file has a header but no rows."))
    return dataset


def _check_header(header: list[str], columns: Collection[str], key: str) -> list[str]:
    if "\x00" in "".join(header):
        raise _binary()
    for position, name in enumerate(header, 1):
        if not name:
            raise ImportFileError(
                _("Column %(position)s of the header has no name.") % {"position": position}
            )
        if header.count(name) > 1:
            raise ImportFileError(_("The column “%(name)s” appears twice.") % {"name": name})
    unknown = [name for name in header if name not in columns]
    if unknown:
        raise ImportFileError(
            ngettext(
                "Unknown column: %(unknown)s. The columns are: %(columns)s.",
                "Unknown columns: %(unknown)s. The columns are: %(columns)s.",
                len(unknown),
            )
            % {"unknown": ", ".join(unknown), "columns": ", ".join(columns)}
        )
    if key not in header:
        raise ImportFileError(
            _("The header has no “%(key)s” column, which says which record each row is.")
            % {"key": key}
        )
    return header


def too_many_rows(limit: int) -> str:
    return _(
        "The file has more than %(limit)s rows, the most the admin imports at once. "
        "Split it, or have an operator import it with “manage.py import_associations FILE”."
    ) % {"limit": _number(limit)}
