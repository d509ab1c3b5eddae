"""“Did you mean …”: the names closest to a query, for a search that found nothing.

Names are compared in the search's canonical form (width, case, accents, kana, Chinese
character forms and romanisation folded), so "hirosima" is no typo of "Hiroshima" but the
same name, and only real slips ("hiroshma", "saporo") count against a candidate. A query
of several words is compared with the whole name and with as many of its first words,
so "toyta" finds "Toyota City".
"""

from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz, process

from . import search

# Names are short: a longer query is no name, and is cut so that it costs no more.
MAX_SUGGEST_LENGTH = 60
MIN_LETTERS = 3
# Out of 100 (rapidfuzz's normalised Indel similarity): one slip in a name of 7 letters or
# more stays above it ("saporo" 92, "hiroshma" 93); an unrelated word stays well below.
SCORE_CUTOFF = 80


@lru_cache(maxsize=16384)
def _forms(name: str) -> tuple[str, str]:
    name = name[:MAX_SUGGEST_LENGTH]
    return search.normalise(name), search.canonical(name)


def suggest(query: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """Up to `limit` of the candidates that the query is probably a misspelling of,
    closest first; none when nothing is close."""
    query = query[:MAX_SUGGEST_LENGTH]
    typed = (search.normalise(query), search.canonical(query))
    if limit <= 0 or len(typed[0].replace(" ", "")) < MIN_LETTERS:
        return []
    words = len(typed[0].split())
    names = list(dict.fromkeys(candidates))
    scores: dict[int, float] = {}
    # Both as written and with romanisation folded: folding makes "hirosima" no slip at all,
    # but it also changes letters ("sendia" is "senzia"), which would hide a swap of two.
    for spelling, typed_form in enumerate(typed):
        owners, forms = [], []
        for n, name in enumerate(names):
            form = _forms(name)[spelling]
            for choice in dict.fromkeys([form, " ".join(form.split()[:words])]):
                owners.append(n)
                forms.append(choice)
        for _, score, index in process.extract(
            typed_form, forms, scorer=fuzz.ratio, score_cutoff=SCORE_CUTOFF, limit=None
        ):
            owner = owners[index]
            scores[owner] = max(score, scores.get(owner, 0))
    closest = sorted(scores, key=lambda n: (-scores[n], n))
    return [names[n] for n in closest[:limit]]
