"""Search text that matches however a name is typed.

One normalised text of words is stored on each record, and each word of a query must
begin one of its words, so a single `LIKE '% term%'` works on SQLite and PostgreSQL
(where a trigram index serves it). Normalising folds what should not matter, the same
way on both sides:

- width, case and accents: "Kyōto", "Kyouto", "ＫＹＯＴＯ" and "kyoto" all become "kyoto";
- kana: katakana becomes hiragana, so "ハママツ" finds "はままつ";
- Chinese characters: simplified (福冈, 丰田) and traditional (廣島, 豐田) forms become the
  Japanese ones (福岡, 豊田), with OpenCC's tables;
- romanisation: Hepburn, Kunrei-shiki and Nihon-shiki spellings become one (Kunrei-like)
  spelling, so "hamamatu", "hukuoka", "tiba" and "numadu" find 浜松, 福岡, 千葉 and 沼津.
  English words are folded too ("exchange" is stored and searched as "extyange"): as both
  sides fold alike, they still match.

Japanese has no spaces, so Japanese text is cut into words by pykakasi, whose readings
also let kana and romaji find kanji names. Matching at the start of a word keeps 京都
(Kyoto) from finding 東京都 (Tokyo). What a record stores depends on this module: a
change in what `search_text()` returns needs a data migration that recomputes it (as
0005_recompute_search_text does).
"""

import hashlib
import re
import unicodedata
from functools import lru_cache

import jaconv

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
# Longer than any name a record holds (200 characters at most; tests/test_search.py):
# a name is not read past it, as pykakasi takes seconds over thousands of characters.
MAX_NAME_LENGTH = 300

# Long vowels in romaji are written ō, ou, oo, ū, uu (or with a circumflex): fold each to
# the short vowel. Applied to both sides, so English words are changed alike and still match.
_LONG_VOWELS = [("ou", "o"), ("oo", "o"), ("uu", "u"), ("ei", "e"), ("aa", "a"), ("ii", "i")]
_LONG_VOWEL_MARK = "ー"
_KANA_VOICING = "\u3099\u309a"
_NOT_WORD = re.compile(r"[^\w]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]+")
# "Shin'onsen": stored both as two words and as one, so "shinonsen" finds it too.
_APOSTROPHE_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)+")

# Each spelling on the left becomes the one on the right (Kunrei-shiki, with Nihon-shiki's
# ぢ/づ as ざ-row and ん before b/m/p as n), in one left-to-right pass, longest first.
_ROMAJI = {
    "tchi": "tti", "cchi": "tti", "tch": "tty", "cch": "tty",  # っち, っちゃ
    "shi": "si", "sh": "sy",  # し, しゃ
    "chi": "ti", "ch": "ty",  # ち, ちゃ
    "ts": "t",  # つ (and ツァ)
    "dz": "z",  # づ in old Hepburn
    "ji": "zi", "jy": "zy", "j": "zy",  # じ, じゃ (ja, jya, zya)
    "di": "zi", "du": "zu",  # ぢ, づ in Nihon-shiki
    "fu": "hu",  # ふ
    "mb": "nb", "mm": "nm", "mp": "np",  # ん before b, m, p ("Shimbashi", "Gumma")
    "nn": "n",  # ん typed as on a keyboard ("Gunnma")
}  # fmt: skip
# "oh" before a consonant is a long o in passport spelling ("Ohta", "Ohtsu").
_ROMAJI_PATTERN = re.compile("|".join(sorted(_ROMAJI, key=len, reverse=True)) + "|oh(?![aeiouy])")
# A query word may be cut short ("hirosh"): its end is folded only as far as every way of
# going on would fold it, which the letters these rules read are enough to find out.
_CONTINUATIONS = sorted(set("".join(_ROMAJI)) | set("aeiouy"))


def normalise(text: str) -> str:
    """Fold width, case, accents, kana, Chinese character forms and romaji long vowels;
    keep words apart by spaces."""
    return _normalise(text, han=True)


def _normalise(text: str, *, han: bool) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    if han:
        text = _HAN.sub(lambda run: _japanese_forms(run.group()), text)
    text = jaconv.kata2hira(text)
    # NFKD splits ō into o + combining macron; dropping the mark folds the long vowel.
    # Kana voicing marks (が = か + ゛) are letters of their own and stay.
    text = "".join(
        c
        for c in unicodedata.normalize("NFKD", text)
        if not unicodedata.combining(c) or c in _KANA_VOICING
    )
    text = unicodedata.normalize("NFC", text)
    text = text.replace(_LONG_VOWEL_MARK, "")
    text = _NOT_WORD.sub(" ", text)
    for long, short in _LONG_VOWELS:
        text = text.replace(long, short)
    return " ".join(text.split())


def fold_romaji(word: str) -> str:
    """One spelling for a normalised romaji word, whichever system it was written in."""
    return _ROMAJI_PATTERN.sub(lambda m: _ROMAJI.get(m.group(), "o"), word)


def canonical(text: str) -> str:
    """`normalise()`d text with its romaji words folded: the form to compare names in."""
    return " ".join(fold_romaji(w) if w.isascii() else w for w in normalise(text).split())


# Chinese characters


@lru_cache(maxsize=1)
def _converters():
    import opencc

    return opencc.OpenCC("s2t"), opencc.OpenCC("t2jp")


@lru_cache(maxsize=16384)
def _only_simplified(char: str) -> bool:
    """Whether the character is simplified Chinese that Japanese does not write so."""
    s2t, _ = _converters()
    return s2t.convert(char) != char and not _common_japanese(char)


def _common_japanese(char: str) -> bool:
    """Whether the character is one of JIS X 0208's first level (the 2,965 everyday kanji)."""
    try:
        encoded = char.encode("euc_jp")
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and encoded[0] - 0xA0 <= 47


@lru_cache(maxsize=4096)
def _japanese_forms(run: str) -> str:
    """A run of Chinese characters as Japanese writes them.

    Traditional forms (國, 濱) always fold to Japanese ones (国, 浜). Simplified Chinese is
    harder, since many simplified characters are also Japanese ones with another meaning
    (里, 岩, 叶): a run is read as simplified Chinese when it has a character Japanese does
    not use that way (冈 in 福冈), or when that reading makes fewer, longer words in the
    dictionary (千叶 → 千葉); otherwise 中里 and 岩手 stay as they are. Whole runs are
    converted, as OpenCC reads characters in context (冲绳 is 沖繩, not 衝繩).
    """
    s2t, t2jp = _converters()
    as_traditional = t2jp.convert(run)
    as_simplified = run
    # A few chain (戏 → 戲 → 戯); a fixed point keeps normalise() idempotent.
    for _ in range(3):
        folded = t2jp.convert(s2t.convert(as_simplified))
        if folded == as_simplified:
            break
        as_simplified = folded
    if as_simplified == as_traditional:
        return as_traditional
    if any(_only_simplified(c) for c in run):
        return as_simplified
    if len(_kakasi().convert(as_simplified)) < len(_kakasi().convert(as_traditional)):
        return as_simplified
    return as_traditional


# Words


@lru_cache(maxsize=1)
def _kakasi():
    import pykakasi

    return pykakasi.kakasi()


@lru_cache(maxsize=8192)
def _stored_words(word: str) -> tuple[str, ...]:
    """A normalised word and, for Japanese, its parts and their readings.

    Kept: the same place names come back in record after record (pykakasi took about a
    fifth of a directory load)."""
    if word.isascii():
        return (fold_romaji(word),)
    parts = _kakasi().convert(word)
    found = [p["orig"] for p in parts]
    found += [p["hira"] for p in parts]
    found += [p["hepburn"] for p in parts]
    found.append("".join(p["hepburn"] for p in parts))
    found += [text.replace("'", "") for text in found if "'" in text]  # "shin'onsen"
    # The parts are normalised already; what pykakasi adds needs no character folding.
    words = []
    for text in found:
        words += [fold_romaji(w) if w.isascii() else w for w in _normalise(text, han=False).split()]
    return tuple(words)


@lru_cache(maxsize=4096)
def _query_romaji(word: str) -> str:
    """The folded start of a romaji query word, as it begins every word it may be cut from.

    "hirosh" could go on as "hiroshima" (folded "hirosima") or "hiroshuu" ("hirosyu"), so
    only "hiros" is sure; without this, a word cut short would find nothing.
    """
    folded = fold_romaji(word)
    sure = folded
    for letter in _CONTINUATIONS:
        longer = fold_romaji(word + letter)
        while not longer.startswith(sure):
            sure = sure[:-1]
    return sure or folded


def _query_words(word: str) -> list[str]:
    if word.isascii():
        return [_query_romaji(word)]
    words = []
    for part in _kakasi().convert(word):
        for w in _normalise(part["orig"], han=False).split():
            words.append(_query_romaji(w) if w.isascii() else w)
    return words


def search_text(*texts: str, longest: int | None = MAX_NAME_LENGTH) -> str:
    """The stored search text for a record known by the given names, each read up to
    `longest` characters (None for a text with no limit of its own, a description).

    Starts with a space, so that every word, the first too, follows one.
    """
    words = []
    for text in texts:
        if not text:
            continue
        text = text[:longest]
        for word in normalise(text).split():
            words += _stored_words(word)
        for joined in _APOSTROPHE_WORD.findall(unicodedata.normalize("NFKC", text)):
            for word in normalise(re.sub("['’]", "", joined)).split():
                words += _stored_words(word)
    return " " + " ".join(dict.fromkeys(w for w in words if w))


def terms_key(query: str) -> str:
    """What a search for `query` finds depends on: its terms, as a short key."""
    return hashlib.sha256("".join(query_terms(query)).encode()).hexdigest()[:32]


def query_terms(query: str) -> list[str]:
    """The words of a visitor's query, each to be found at the start of a stored word;
    bounded so that no input is too costly."""
    # Normalising can lengthen text (NFKC makes "㍿" four characters): cut before and after.
    text = normalise(query[:MAX_QUERY_LENGTH])[:MAX_QUERY_LENGTH]
    terms: dict[str, None] = {}
    for word in text.split():
        for term in _query_words(word):
            if term:
                terms[f" {term}"] = None
        if len(terms) >= MAX_TERMS:
            break
    return list(terms)[:MAX_TERMS]
