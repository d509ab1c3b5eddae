"""Bulk import in the admin: a preview first, then the whole file or nothing."""

import csv
import io
import warnings

import pytest
from django.core.cache.backends.base import CacheKeyWarning
from django.urls import reverse

from associations import caching
from associations.admin.importing import PreviewStorage
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
    version = caching.directory_version()
    response = preview(admin_client, rows)
    assert response.status_code == 200
    # Rolled back, the preview changed nothing: the cached pages stand.
    assert caching.directory_version() == version
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
    version = caching.directory_version()
    done = admin_client.post(reverse("admin:associations_association_process_import"), data)
    assert done.status_code == 302
    # Stale once for the file, not once a row (each a round trip to the cache).
    assert caching.directory_version() == version + 1
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
    assert "Give the English name" in text
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


# Safety of the import: whole or nothing at the confirm step, bounded, stateless, and
# every bad file answered with a message.


@pytest.fixture
def hq_client(client, hq_editor, existing):
    client.force_login(hq_editor)
    return client


def upload(client, content: bytes, name: str = "associations.csv"):
    data = io.BytesIO(content)
    data.name = name
    url = reverse("admin:associations_association_import")
    return client.post(url, {"format": "0", "import_file": data})


def confirm(client, previewed):
    form = previewed.context["confirm_form"]
    data = {name: form[name].value() for name in form.fields if form[name].value()}
    return client.post(reverse("admin:associations_association_process_import"), data)


def stored_preview(previewed) -> bytes | None:
    """The preview's file as the configured (shared) store holds it, or None."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    name = previewed.context["confirm_form"]["import_file_name"].value()
    return import_string(settings.IMPORT_EXPORT_TMP_STORAGE_CLASS)(name=name).read()


def form_errors(response) -> str:
    return " ".join(response.context["form"].errors.get("import_file", []))


def sent_messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_confirm_validates_again_and_writes_nothing_if_a_row_went_bad(hq_client):
    from .conftest import make_source

    make_source(key="source-doomed")
    previewed = preview(
        hq_client,
        [
            row(slug="iwata", name_en="Iwata International Association"),
            row(slug="fukuroi", name_en="Fukuroi IA", sources="source-doomed"),
        ],
    )
    assert "confirm_form" in previewed.context
    Source = Association.sources.field.related_model
    Source.objects.filter(key="source-doomed").delete()
    version = caching.directory_version()

    done = confirm(hq_client, previewed)

    assert done.status_code == 200
    assert caching.directory_version() == version
    assert not Association.objects.filter(slug__in=["iwata", "fukuroi"]).exists()
    assert "Nothing was imported" in sent_messages(done)
    assert "unknown source: source-doomed" in done.text
    assert "Import finished" not in done.text


def test_after_a_preview_the_file_is_in_the_shared_store_not_in_tmp(hq_client):
    import os
    import tempfile

    previewed = preview(hq_client, [row(slug="iwata", name_en="Iwata IA")])
    name = previewed.context["confirm_form"]["import_file_name"].value()
    assert not os.path.exists(os.path.join(tempfile.gettempdir(), os.path.basename(name)))
    assert stored_preview(previewed) is not None


def test_confirming_removes_the_stored_preview_and_a_second_confirm_is_refused(hq_client):
    previewed = preview(hq_client, [row(slug="iwata", name_en="Iwata IA")])
    assert confirm(hq_client, previewed).status_code == 302
    assert stored_preview(previewed) is None

    again = confirm(hq_client, previewed)
    assert again.status_code == 302
    assert again.url == reverse("admin:associations_association_import")
    assert "expired or was already used" in sent_messages(hq_client.get(again.url))
    assert Association.objects.filter(slug="iwata").count() == 1


class RecordingStorage(PreviewStorage):
    """The configured store, noting the names of the files it keeps."""

    names: list[str] = []

    def save(self, data) -> None:
        super().save(data)
        RecordingStorage.names.append(self.name)


def test_a_preview_with_bad_rows_keeps_no_file(hq_client, settings):
    RecordingStorage.names = []
    settings.IMPORT_EXPORT_TMP_STORAGE_CLASS = RecordingStorage
    previewed = preview(hq_client, [row(slug="atlantis", name_en="Nowhere", prefecture="JP-99")])
    assert previewed.context["result"].has_validation_errors()
    assert len(RecordingStorage.names) == 1
    assert PreviewStorage(name=RecordingStorage.names[0]).read() is None


def test_a_confirm_whose_preview_expired_answers_with_a_message(hq_client):
    from django.conf import settings
    from django.utils.module_loading import import_string

    previewed = preview(hq_client, [row(slug="iwata", name_en="Iwata IA")])
    name = previewed.context["confirm_form"]["import_file_name"].value()
    import_string(settings.IMPORT_EXPORT_TMP_STORAGE_CLASS)(name=name).remove()

    done = confirm(hq_client, previewed)

    assert done.status_code == 302
    assert "expired or was already used" in sent_messages(hq_client.get(done.url))
    assert not Association.objects.filter(slug="iwata").exists()


@pytest.mark.parametrize(
    "tampered",
    [
        {"import_file_name": "../../etc/passwd"},
        {"import_file_name": "0" * 32},
        {"import_file_name": "not a name the store made " * 20},
        {"format": "not-a-number"},
        {"format": "99"},
        {"resource": "not-a-number"},
        {"resource": "5"},
    ],
)
def test_a_tampered_confirm_answers_with_a_message_not_a_500(hq_client, tampered):
    previewed = preview(hq_client, [row(slug="iwata", name_en="Iwata IA")])
    form = previewed.context["confirm_form"]
    data = {name: form[name].value() for name in form.fields if form[name].value()}
    with warnings.catch_warnings():
        # A name from the browser never reaches the cache as a key (memcached refuses some).
        warnings.simplefilter("error", CacheKeyWarning)
        done = hq_client.post(
            reverse("admin:associations_association_process_import"), {**data, **tampered}
        )
    assert done.status_code in (200, 302)
    assert not Association.objects.filter(slug="iwata").exists()


def test_a_file_over_the_row_limit_is_refused_before_any_row_is_read(hq_client, settings):
    settings.IMPORT_MAX_ROWS = 3
    rows = [row(slug=f"town-{n}", name_en=f"Town {n}") for n in range(4)]
    response = preview(hq_client, rows)
    assert response.status_code == 200
    assert "result" not in response.context
    assert "confirm_form" not in response.context
    assert "more than 3 rows" in form_errors(response)
    assert "import_associations" in form_errors(response)

    at_limit = preview(hq_client, rows[:3])
    assert "confirm_form" in at_limit.context


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(hq_client, settings):
    settings.IMPORT_MAX_BYTES = 1000
    rows = [row(slug=f"town-{n}", name_en=f"Town {n}", notes="x" * 300) for n in range(4)]
    response = preview(hq_client, rows)
    assert response.status_code == 200
    assert "result" not in response.context
    from django.template.defaultfilters import filesizeformat

    assert f"larger than {filesizeformat(1000)}" in form_errors(response)
    assert "import_associations" in form_errors(response)


def _csv(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


HEADER = "slug,name_en,name_ja,tier,prefecture,municipality_en,as_of,sources\n"
GOOD = "iwata,Iwata IA,磐田市国際交流協会,municipal,JP-22,Iwata,2026-11-01,source-import\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\n\n", "The file is empty"),
        (_csv(HEADER), "no rows"),
        (_csv(HEADER + GOOD, "shift_jis"), "not UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "not a CSV text file"),
        (b"PK\x03\x04" + bytes(200), "not a CSV text file"),
        (_csv("slug,name_en\x00,tier\n" + "a,b,c\n"), "not a CSV text file"),
        (_csv(HEADER + GOOD.replace("Iwata IA", "x" * 9000) + GOOD.replace("I", "\x00")),
         "not a CSV text file"),
        (_csv("name_en,tier\nIwata IA,municipal\n"), "no “slug” column"),
        (_csv("slug,name_en,colour\niwata,Iwata IA,red\n"), "Unknown column: colour"),
        (_csv("slug,name_en,slug\niwata,Iwata IA,iwata\n"), "“slug” appears twice"),
        (_csv(HEADER + "iwata,Iwata IA\n"), "Row 1 has 2 values; the header has 8 columns"),
        (_csv(HEADER + GOOD.replace("Iwata IA", "x" * 200_000)), "Row 1 has a value longer than"),
        (_csv(HEADER + '"unterminated,' + "x" * 1000 + "\n"), "Row 1 is not valid CSV"),
    ],
    ids=[
        "empty", "blank-lines", "header-only", "shift-jis", "png", "xlsx", "nul", "late-nul",
        "no-slug", "unknown-column", "duplicate-column", "short-row", "huge-line",
        "unterminated-quote",
    ],
)  # fmt: skip
def test_a_bad_file_gets_a_clear_message_and_no_preview(hq_client, content, message):
    response = upload(hq_client, content)
    assert response.status_code == 200
    assert message in form_errors(response), form_errors(response)
    assert "confirm_form" not in response.context
    assert "result" not in response.context
    assert not Association.objects.filter(slug="iwata").exists()


def test_a_utf8_file_with_a_byte_order_mark_imports(hq_client):
    response = upload(hq_client, b"\xef\xbb\xbf" + _csv(HEADER + GOOD))
    assert "confirm_form" in response.context, form_errors(response)
    assert confirm(hq_client, response).status_code == 302
    assert Association.objects.get(slug="iwata").name_ja == "磐田市国際交流協会"


def test_the_import_form_states_the_limits(hq_client, settings):
    settings.IMPORT_MAX_ROWS = 1234
    page = hq_client.get(reverse("admin:associations_association_import"))
    assert "1,234 rows" in page.text or "1234 rows" in page.text
    assert "import_associations" in page.text
