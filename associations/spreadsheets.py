"""Cells that spreadsheets open as text, never as a formula ("CSV injection").

Every export a spreadsheet may open (the public CSV, the admin's CSV and XLSX) writes its
text cells through `escape`; the admin's import reads them back through `unescape`, so
an exported file imports unchanged.
"""

# Excel, LibreOffice and Google Sheets start a formula at any of these (OWASP's list);
# the full-width forms, which Japanese input methods type, are treated alike as a
# precaution.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# A leading apostrophe is the spreadsheets' own mark for "this cell is text".
QUOTE = "'"
_ESCAPED_STARTS = (*FORMULA_STARTS, QUOTE)


def escape(value: str) -> str:
    """The value with an apostrophe in front if a spreadsheet would read it as a formula.

    A value that starts with an apostrophe gets one more, so that `unescape` gives back
    exactly what was stored.
    """
    return QUOTE + value if value.startswith(_ESCAPED_STARTS) else value


def unescape(value: str) -> str:
    """The value `escape` was given (a typed value that merely starts with an apostrophe,
    such as "'s-Hertogenbosch", is left as it is)."""
    if value.startswith(QUOTE) and value[1:].startswith(_ESCAPED_STARTS):
        return value[1:]
    return value
