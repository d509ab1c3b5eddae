"""NDJSON (one JSON object a line): a whole table in one streamed answer, no pages."""

import json
from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from rest_framework.renderers import BaseRenderer

MEDIA_TYPE = "application/x-ndjson"
# Rows read from the database at a time (their related rows prefetched per chunk).
CHUNK = 500


class NDJSONRenderer(BaseRenderer):
    """Chosen by `?format=ndjson` or `Accept: application/x-ndjson`. A list view streams its
    table itself (see `stream`); anything else (one record, an error) is one line."""

    media_type = MEDIA_TYPE
    format = "ndjson"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if data is None:
            return b""
        return _line(data)


def _line(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def stream(queryset: QuerySet, serialize) -> StreamingHttpResponse:
    def lines() -> Iterator[bytes]:
        for record in queryset.iterator(chunk_size=CHUNK):
            yield _line(serialize(record))

    return StreamingHttpResponse(lines(), content_type=MEDIA_TYPE)
