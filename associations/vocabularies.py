"""The directory's vocabularies (blocks, prefectures, services, languages) as plain rows,
kept in the process for the directory's version: the facets name their choices from them,
and the listing's filters check the values asked for against them, with no query."""

from types import SimpleNamespace

from django.db.models import QuerySet

from .caching import kept_in_process
from .models import Block, Language, Prefecture, Service


def _rows(values: QuerySet, kind: str = "") -> list[SimpleNamespace]:
    """Plain rows; `kind` tells localnames which model's names they are."""
    return [SimpleNamespace(name_kind=kind, **row) for row in values]


_QUERIES = {
    "block": lambda: Block.objects.values("pk", "slug", "name_en", "name_ja"),
    "prefecture": lambda: Prefecture.objects.values(
        "pk", "slug", "code", "name_en", "name_ja", "block__slug"
    ),
    "service": lambda: Service.objects.values("pk", "slug", "name_en", "name_ja"),
    "language": lambda: Language.objects.values("pk", "code", "name_en", "name_ja", "name_native"),
}


def vocabulary(name: str) -> list[SimpleNamespace]:
    """The rows of one vocabulary ("block", "prefecture", "service", "language"): plain
    rows, not model instances (ninety of them a page, and only their names and keys are
    needed). Kept in the process for the directory's current version, so they are read
    again right after any edit."""
    # Languages are named by CLDR, not by their model: no kind for localnames.
    kind = "" if name == "language" else name
    return kept_in_process(f"vocabulary:{name}", lambda: _rows(_QUERIES[name](), kind))


def vocabularies() -> tuple[list, list, list, list]:
    """Blocks, prefectures, services and languages (see `vocabulary`)."""
    return tuple(vocabulary(name) for name in ("block", "prefecture", "service", "language"))


def known(model_name: str, key: str) -> dict[str, SimpleNamespace]:
    """The rows of the vocabulary of `model_name` ("language"), by `key` ("code")."""
    return {getattr(row, key): row for row in vocabulary(model_name)}
