"""Bulk import in the admin: a preview first, then the whole file or nothing."""

import csv
import io

import pytest
from django.urls import reverse

from associations.models import Association

from .conftest import make_association

pytestmark = pytest.mark.django_db

COLUMNS = [
    "slug", "name_en", "name_ja", "tier", "mic_recognised", "prefecture", "designated_city",
    "municipality_en", "size_category", "languages", "services", "phone", "as_of", "sources",
]  # fmt: skip


def csv_file(rows: list[dict]) -> io.BytesIO:
    out = io.StringIO()
    columns = list(dict.fromkeys([*COLUMNS, *(key for r in rows for key in r)]))
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: row.get(key, "") for key in columns})
    data = io.BytesIO(out.getvalue().encode("utf-8"))
    data.name = "associations.csv"
    return data


def row(**values) -> dict:
    base = {
        "tier": "municipal",
        "mic_recognised": "0",
        "prefecture": "JP-22",
        "municipality_en": "Iwata",
        "size_category": "medium",
        "as_of": "2026-11-01",
        "sources": "source-import",
    }
    return {**base, **values}


@pytest.fixture
def existing(places):
    from .conftest import make_source

    make_source(key="source-import")
    from .conftest import make_language

    make_language("vi")
    make_language("pt")
    sair = places["sair"]
    sair.phone = "054-202-3411"
    sair.save()
    return places


def preview(client, rows):
    url = reverse("admin:associations_association_import")
    form = client.get(url).context["form"]
    csv_choice = next(value for value, label in form.fields["format"].choices if label == "csv")
    return client.post(url, {"format": csv_choice, "import_file": csv_file(rows)})


def states(response) -> dict[str, str]:
    return {r.object_repr: r.import_type for r in response.context["result"].rows}


def exported_row(slug: str) -> dict:
    """A row as the export writes it: importing it back changes nothing."""
    from associations.admin.resources import AssociationResource

    dataset = AssociationResource().export(Association.objects.filter(slug=slug))
    return dict(zip(dataset.headers, dataset[0], strict=True))


def test_the_preview_shows_new_changed_unchanged_and_writes_nothing(admin_client, existing):
    sair = existing["sair"]
    rows = [
        exported_row("aia"),
        row(slug="iwata", name_en="Iwata International Association", languages="vi;pt"),
        row(
            slug="sair", name_en="SAIR renamed", tier="prefectural", mic_recognised="1",
            municipality_en="", size_category="", phone="054-202-3411",
        ),
    ]  # fmt: skip
    response = preview(admin_client, rows)
    assert response.status_code == 200
    assert states(response) == {
        "Iwata International Association": "new",
        "SAIR renamed": "update",
        "AIA": "skip",
    }
    assert "confirm_form" in response.context
    assert not Association.objects.filter(slug="iwata").exists()
    sair.refresh_from_db()
    assert sair.name_en == "SAIR"


def test_confirming_applies_the_whole_file(admin_client, existing):
    rows = [
        row(slug="iwata", name_en="Iwata International Association", languages="vi;pt"),
        row(slug="fukuroi", name_en="Fukuroi International Association", municipality_en="Fukuroi"),
    ]
    response = preview(admin_client, rows)
    confirm = response.context["confirm_form"]
    data = {name: confirm[name].value() for name in confirm.fields if confirm[name].value()}
    done = admin_client.post(reverse("admin:associations_association_process_import"), data)
    assert done.status_code == 302
    iwata = Association.objects.get(slug="iwata")
    assert [lang.code for lang in iwata.languages.order_by("code")] == ["pt", "vi"]
    assert Association.objects.filter(slug="fukuroi").exists()


def test_a_file_with_bad_rows_shows_each_reason_and_changes_nothing(admin_client, existing):
    before = list(Association.objects.values_list("slug", "name_en", "phone"))
    rows = [
        row(slug="good", name_en="A good row"),
        row(slug="atlantis", name_en="Wrong prefecture", prefecture="JP-99"),
        row(slug="badphone", name_en="Bad phone", phone="12"),
        row(slug="twice", name_en="First"),
        row(slug="twice", name_en="Second"),
        row(slug="noname", name_en=""),
        row(slug="badlang", name_en="Bad language", languages="xx"),
    ]
    response = preview(admin_client, rows)
    result = response.context["result"]
    assert result.has_validation_errors()
    assert "confirm_form" not in response.context
    text = response.text
    assert "unknown prefecture: JP-99" in text
    assert "appears twice in the file" in text
    assert "This field cannot be blank" in text
    assert "unknown language: xx" in text
    assert "The phone number entered is not valid." in text
    assert list(Association.objects.values_list("slug", "name_en", "phone")) == before


def test_the_admin_exports_the_selection(admin_client, existing):
    make_association(slug="extra", name_en="Extra", prefecture=existing["aichi"])
    selected = Association.objects.filter(slug__in=["sair", "aia"]).values_list("pk", flat=True)
    response = admin_client.post(
        reverse("admin:associations_association_changelist"),
        {"action": "export_admin_action", "_selected_action": list(selected)},
    )
    assert response.status_code == 200
    form = response.context["form"]
    csv_choice = next(value for value, label in form.fields["format"].choices if label == "csv")
    data = {
        "format": csv_choice,
        "export_items": [str(pk) for pk in selected],
        **{name: "on" for name in form.fields if name.startswith("associationresource_")},
    }
    exported = admin_client.post(reverse("admin:associations_association_export"), data)
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert sorted(r["slug"] for r in rows) == ["aia", "sair"]
