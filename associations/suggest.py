"""“Did you mean …”: the names nearest to a query that found nothing.

A small stand-in on this branch (difflib from the standard library); the names branch
brings the rapidfuzz version with the same signature.
"""

import difflib
from collections.abc import Iterable


def suggest(query: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """Up to `limit` candidates close to `query`, nearest first, compared without case."""
    folded = query.strip().casefold()
    if not folded:
        return []
    by_folded: dict[str, str] = {}
    for candidate in candidates:
        by_folded.setdefault(candidate.casefold(), candidate)
    matches = difflib.get_close_matches(folded, list(by_folded), n=limit, cutoff=0.75)
    return [by_folded[match] for match in matches]
