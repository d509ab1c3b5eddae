"""Downloads of a listing state: every row the filters select, across all pages."""

import csv
import json
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.http import QueryDict, StreamingHttpResponse

from . import phones, spreadsheets
from .api.serializers import AssociationSerializer
from .filters import AssociationFilter
from .models import Association

CHUNK = 500

CSV_COLUMNS = [
    ("name_en", "Name (English)"),
    ("name_ja", "Name (Japanese)"),
    ("tier", "Tier"),
    ("mic_recognised", "Recognised by MIC"),
    ("block", "Block"),
    ("prefecture", "Prefecture"),
    ("prefecture_ja", "Prefecture (Japanese)"),
    ("designated_city", "Designated city"),
    ("municipality", "Municipality"),
    ("postal_code", "Postal code"),
    ("address", "Address"),
    ("phone", "Phone"),
    ("phone_international", "Phone (international, without +)"),
    ("consultation_phone", "Consultation phone"),
    ("fax", "Fax"),
    ("email", "E-mail"),
    ("website", "Website"),
    ("languages", "Consultation languages"),
    ("services", "Services"),
    ("last_verified", "Last verified"),
    ("as_of", "Facts as of"),
    ("sources", "Sources"),
    ("url", "Page"),
]


def selected(query: QueryDict, preloaded: QuerySet | None = None) -> Iterator[Association]:
    """The associations the listing's filters select, streamed in chunks, with what
    `preloaded` preloads (by default what the CSV file and the vCards show)."""
    if preloaded is None:
        preloaded = Association.objects.for_directory().prefetch_related("sources")
    return AssociationFilter(query, queryset=preloaded).qs.iterator(chunk_size=CHUNK)


def _csv_row(association: Association, base_url: str) -> list[str]:
    values = {
        "name_en": association.name_en,
        "name_ja": association.name_ja,
        "tier": association.get_tier_display(),
        "mic_recognised": "yes" if association.mic_recognised else "no",
        "block": association.prefecture.block.name_en,
        "prefecture": association.prefecture.name_en,
        "prefecture_ja": association.prefecture.name_ja,
        "designated_city": association.designated_city.name_en
        if association.designated_city
        else "",
        "municipality": association.municipality_en or association.municipality_ja,
        "postal_code": association.postal_code,
        "address": association.address,
        "phone": phones.display(association.phone),
        # Without its "+", which spreadsheets read as the start of a formula.
        "phone_international": phones.international(association.phone).removeprefix("+"),
        "consultation_phone": phones.display(association.consultation_phone),
        "fax": phones.display(association.fax),
        "email": association.email,
        "website": association.website,
        "languages": "; ".join(lang.code for lang in association.languages.all()),
        "services": "; ".join(s.slug for s in association.services.all()),
        "last_verified": association.last_verified.isoformat() if association.last_verified else "",
        "as_of": association.as_of_display,
        "sources": "; ".join(s.key for s in association.sources.all()),
        "url": base_url + association.get_absolute_url(),
    }
    return [spreadsheets.escape(values[key]) for key, _ in CSV_COLUMNS]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(associations: Iterable[Association], base_url: str) -> Iterator[str]:
    # Excel reads a CSV file as UTF-8 only when it starts with a byte order mark.
    yield "\ufeff"
    writer = csv.writer(_Echo())
    yield writer.writerow([label for _, label in CSV_COLUMNS])
    for association in associations:
        yield writer.writerow(_csv_row(association, base_url))


def json_chunks(associations: Iterable[Association]) -> Iterator[str]:
    yield "["
    first = True
    for association in associations:
        data = AssociationSerializer(association).data
        yield ("" if first else ",") + json.dumps(data, ensure_ascii=False)
        first = False
    yield "]"


def download(content: Iterable[str], content_type: str, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
