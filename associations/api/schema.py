"""What the OpenAPI schema says beyond drf-spectacular's defaults: the filters' vocabularies
as enums, and every status the API answers with, error bodies and rate-limit headers."""

from django.db import DatabaseError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.contrib.django_filters import DjangoFilterExtension

from ..filters import PrefectureFilter, SlugsFilter
from .ndjson import MEDIA_TYPE as NDJSON

# Slugs and codes ("kinki", "JP-22", "zh-Hans").
SLUG_PATTERN = r"^[A-Za-z0-9_-]+$"

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "description": "For a refused filter: the messages of each parameter.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["detail"],
}

RATE_LIMIT_HEADERS = {
    "RateLimit-Limit": "Requests allowed in the window (API_RATE).",
    "RateLimit-Remaining": "Requests left in the current window.",
    "RateLimit-Reset": "Seconds until the window allows a request again.",
}


class VocabularyFilterExtension(DjangoFilterExtension):
    """The listing's filters, their slugs and codes declared as enums read from the
    database when the schema is generated (the vocabulary is data: a new service is a
    valid value at once), and the keyword's length limit."""

    target_class = "associations.api.filtering.FilterBackend"
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        for parameter in parameters:
            schema = parameter["schema"]
            if schema.get("type") == "array":
                # `sort=` would be an empty list, and a blank value is refused (filtering.py).
                schema["minItems"] = 1
            if isinstance(filter_field, SlugsFilter):
                target = schema["items"] if schema.get("type") == "array" else schema
                try:
                    values = vocabulary(filter_field)
                except DatabaseError:
                    values = []
                if values:
                    target["enum"] = values
                else:
                    # A schema made without a database (`manage.py spectacular` at build
                    # time) or before any data is loaded says what a value looks like
                    # instead: an empty enum is no valid OpenAPI.
                    target["pattern"] = SLUG_PATTERN
            max_length = filter_field.extra.get("max_length")
            if max_length:
                schema["maxLength"] = max_length
        return parameters


def vocabulary(filter_field: SlugsFilter) -> list[str]:
    key = filter_field.extra["to_field_name"]
    values = list(filter_field.queryset.order_by(key).values_list(key, flat=True))
    if isinstance(filter_field, PrefectureFilter):  # also by ISO code
        values += list(filter_field.queryset.order_by("code").values_list("code", flat=True))
    return values


def _error(description: str, headers: dict | None = None) -> dict:
    # In NDJSON when that was asked for: one line.
    error = {"schema": {"$ref": "#/components/schemas/Error"}}
    response = {"description": description, "content": {"application/json": error, NDJSON: error}}
    if headers:
        response["headers"] = headers
    return response


def _headers(names: dict[str, str]) -> dict:
    return {name: {"schema": {"type": "integer"}, "description": d} for name, d in names.items()}


def _ndjson_rows(content: dict, schemas: dict) -> None:
    """A list's NDJSON is its rows, one a line, not a page of them."""
    rows = content.get(NDJSON)
    if rows is None:
        return
    ref = rows["schema"].get("$ref", "")
    page = schemas.get(ref.rsplit("/", 1)[-1], {})
    if "results" in page.get("properties", {}):
        rows["schema"] = page["properties"]["results"]["items"]


def declare_responses(result: dict, generator, request, public) -> dict:
    """drf-spectacular postprocessing hook: every operation's other answers."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    rate_limit = _headers(RATE_LIMIT_HEADERS)
    retry_after = _headers({"Retry-After": "Seconds to wait before asking again."})
    schemas = result["components"]["schemas"]
    for operation in (op for path in result["paths"].values() for op in path.values()):
        responses = operation["responses"]
        _ndjson_rows(responses.get("200", {}).get("content", {}), schemas)
        parameters = operation.get("parameters", [])
        for response in responses.values():
            response.setdefault("headers", {}).update(rate_limit)
        if any(p["in"] == "query" for p in parameters):
            responses["400"] = _error(str(_("A query parameter has a value it does not take.")))
        if any(p["in"] == "path" or p["name"] == "page" for p in parameters):
            responses["404"] = _error(str(_("No such record, or a page past the last.")))
        responses["429"] = _error(
            str(_("Too many requests: wait Retry-After seconds.")), {**rate_limit, **retry_after}
        )
        responses["503"] = _error(
            str(_("The directory cannot reach its data: retry after Retry-After seconds.")),
            retry_after,
        )
    return result


def hsds_paths(result: dict, generator, request, public) -> dict:
    """drf-spectacular postprocessing hook: the HSDS paths as the HSDS spec writes them,
    without the trailing slash (both are served; see api/urls.py)."""
    result["paths"] = {
        (path.rstrip("/") if path.startswith("/api/hsds/") and path != "/api/hsds/" else path):
        operations
        for path, operations in result["paths"].items()
    }  # fmt: skip
    return result
