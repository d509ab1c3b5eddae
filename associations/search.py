"""Search text that matches however a name is typed.

One normalised text of words is stored on each record, and each word of a query must
begin one of its words, so a single `LIKE '% term%'` works on SQLite and PostgreSQL
(where a trigram index serves it). Normalising folds what should not matter:
"Kyōto", "Kyouto", "ＫＹＯＴＯ" and "kyoto" all become "kyoto", katakana becomes
hiragana so "ハママツ" finds "はままつ". Japanese has no spaces, so Japanese text is cut
into words by pykakasi, whose readings also let kana and romaji find kanji names.
Matching at the start of a word keeps 京都 (Kyoto) from finding 東京都 (Tokyo).
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


def _japanese_words(word: str, *, with_readings: bool) -> list[str]:
    parts = _kakasi().convert(word)
    words = [p["orig"] for p in parts]
    if with_readings:
        words += [p["hira"] for p in parts]
        words += [p["hepburn"] for p in parts]
        words.append("".join(p["hepburn"] for p in parts))
    return [w for w in (normalise(w) for w in words) if w]


def _words(text: str, *, with_readings: bool) -> list[str]:
    words = []
    for word in normalise(text).split():
        if word.isascii():
            words.append(word)
        else:
            words += _japanese_words(word, with_readings=with_readings)
    return words


def search_text(*texts: str) -> str:
    """The stored search text for a record known by the given names.

    Starts with a space, so that every word, the first too, follows one.
    """
    words = [w for text in texts if text for w in _words(text, with_readings=True)]
    return " " + " ".join(dict.fromkeys(words))


def query_terms(query: str) -> list[str]:
    """The words of a visitor's query, each to be found at the start of a stored word;
    bounded so that no input is too costly."""
    words = _words(query[:MAX_QUERY_LENGTH], with_readings=False)
    return [f" {w}" for w in dict.fromkeys(words)][:MAX_TERMS]
