"""Search text that matches however a name is typed.

One normalised text is stored on each record and the query is normalised the same way,
so a single `contains` lookup works on SQLite and PostgreSQL (where a trigram index
serves it): "Kyōto", "Kyouto", "ＫＹＯＴＯ" and "kyoto" all become "kyoto", and
katakana becomes hiragana so that "ハママツ" finds "はままつ".
"""

import re
import unicodedata
from functools import lru_cache

import jaconv

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8

# Long vowels in romaji are written ō, ou, oo, ū, uu (or with a circumflex): fold each to
# the short vowel. Applied to both sides, so English words are changed alike and still match.
_LONG_VOWELS = [("ou", "o"), ("oo", "o"), ("uu", "u"), ("ei", "e"), ("aa", "a"), ("ii", "i")]
_LONG_VOWEL_MARK = "ー"
_NOT_WORD = re.compile(r"[^\w]+")


def normalise(text: str) -> str:
    """Fold width, case, accents, kana and romaji long vowels; keep words apart by spaces."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = jaconv.kata2hira(text)
    # NFKD splits ō into o + combining macron; dropping the mark folds the long vowel.
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = unicodedata.normalize("NFC", text)
    text = text.replace(_LONG_VOWEL_MARK, "")
    text = _NOT_WORD.sub(" ", text)
    for long, short in _LONG_VOWELS:
        text = text.replace(long, short)
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _kakasi():
    import pykakasi

    return pykakasi.kakasi()


def readings(text: str) -> str:
    """Hiragana and Hepburn readings of Japanese text, so kana and romaji find kanji names."""
    if not text:
        return ""
    parts = _kakasi().convert(text)
    hiragana = "".join(p["hira"] for p in parts)
    romaji = " ".join(p["hepburn"] for p in parts if p["hepburn"].strip())
    # The romaji also joined up, so "hamamatsushi" and "hamamatsu shi" both match.
    return f"{hiragana} {romaji} {romaji.replace(' ', '')}"


def search_text(*texts: str) -> str:
    """The stored search text for a record made of the given names."""
    pieces = [t for t in texts if t]
    pieces += [readings(t) for t in texts if t and not t.isascii()]
    return normalise(" ".join(pieces))


def query_terms(query: str) -> list[str]:
    """The normalised terms of a visitor's query, bounded so that no input is too costly."""
    terms = normalise(query[:MAX_QUERY_LENGTH]).split()
    return list(dict.fromkeys(terms))[:MAX_TERMS]
