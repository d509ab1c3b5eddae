"""Codes and names of Japan's municipalities: the JIS X 0402 check digit, postcodes as
residents type them, and romaji and English names made from the official kana reading.

Romaji come from Japan Post's kana, not from the kanji: a kanji name can be read several
ways (豊田 is Toyota in Aichi, Toyoda elsewhere), the kana says which. Modified Hepburn
marks long vowels with a macron (おう, おお → ō; うう → ū). Kana alone cannot tell a long
vowel from a syllable that starts the next word (豊浦, とよ|うら, is Toyoura, not Toyōra),
so where the kanji name holds a word that begins with う (浦 ura, 内 uchi, 上 ue, 海 umi) that
う is kept apart. English names drop the macrons and add the kind's word: 市 City,
町 Town, 村 Village, 区 Ward ("Toyota City", "Kawaguchi Town", "Chuo Ward, Hamamatsu").
Tokyo's special wards call themselves "City" in English (Shinjuku City); the rule here
says "Ward" for every 区 and the search finds both.
"""

import re
import unicodedata
from functools import lru_cache

import jaconv

# JIS X 0402: weights of the five digits; the check digit is (11 - sum mod 11) mod 10.
_WEIGHTS = (6, 5, 4, 3, 2)
_POSTCODE_DASHES = re.compile(r"[\s\-‐‑‒–—―−ー〒]")
MAX_POSTCODE_INPUT = 20

# Kana words that begin with う after a vowel, with the kanji that writes each; a kanji
# that starts the name cannot start a word inside it (上越 is じょう|えつ, Jōetsu), nor can
# one read with the kanji before it (河内 is ごうち in 佐那河内, Sanagōchi).
_U_WORDS = {"浦": "ウラ", "内": "ウチ", "上": "ウエ", "海": "ウミ"}
_READ_AS_ONE = ("河内",)
_LONG = [("ou", "ō"), ("oo", "ō"), ("uu", "ū")]

# The kind's suffix in kanji, its kana readings, its romaji and its English word.
SUFFIXES = {
    "市": (("シ",), "shi", "City"),
    "町": (("チョウ", "マチ"), None, "Town"),
    "村": (("ソン", "ムラ"), None, "Village"),
    "区": (("ク",), "ku", "Ward"),
}
_SUFFIX_ROMAJI = {"チョウ": "chō", "マチ": "machi", "ソン": "son", "ムラ": "mura"}


def check_digit(code5: str) -> str:
    """The check digit of a five-digit local-government code (豊田市 23211 → 4)."""
    if not re.fullmatch(r"\d{5}", code5):
        raise ValueError(f"not a five-digit code: {code5!r}")
    total = sum(int(digit) * weight for digit, weight in zip(code5, _WEIGHTS, strict=True))
    return str((11 - total % 11) % 10)


@lru_cache(maxsize=4096)
def full_code(code5: str) -> str:
    """The six-digit code with its check digit (23211 → 232114). Kept: a places load asks
    it of each of 143,000 postcodes, for 1,900 codes (a tenth of the load)."""
    return code5 + check_digit(code5)


def is_valid_code(code: str) -> bool:
    return bool(re.fullmatch(r"\d{6}", code)) and check_digit(code[:5]) == code[5]


def normalise_postcode(text: str) -> str | None:
    """Seven digits if `text` is a postcode however typed (430-0929, 4300929, 〒430-0929,
    full-width ４３０－０９２９), else None."""
    if not text or len(text) > MAX_POSTCODE_INPUT:
        return None
    folded = _POSTCODE_DASHES.sub("", unicodedata.normalize("NFKC", text))
    if re.fullmatch(r"[0-9]{7}", folded):
        return folded
    return None


def display_postcode(code: str) -> str:
    return f"{code[:3]}-{code[3:]}"


@lru_cache(maxsize=1)
def _kakasi():
    import pykakasi

    return pykakasi.kakasi()


def _romanise_part(kana: str) -> str:
    hepburn = "".join(item["hepburn"] for item in _kakasi().convert(kana))
    for long, marked in _LONG:
        hepburn = hepburn.replace(long, marked)
    return hepburn


def romanise(kana: str, kanji: str = "") -> str:
    """Modified Hepburn (lower case) of a katakana reading, long vowels marked; `kanji`,
    the written name, tells where a word starting with う begins."""
    parts = [kana]
    for character, word in _U_WORDS.items():
        if character in kanji[1:] and not any(c in kanji for c in _READ_AS_ONE):
            parts = [piece for part in parts for piece in _split_before(part, word)]
    return "".join(_romanise_part(part) for part in parts)


def _split_before(kana: str, word: str) -> list[str]:
    index = kana.find(word, 1)
    if index < 0:
        return [kana]
    return [kana[:index], kana[index:]]


def without_macrons(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).replace("'", "")


def title(romaji: str) -> str:
    return romaji[:1].upper() + romaji[1:]


def split_suffix(name_ja: str, kana: str) -> tuple[str, str, str]:
    """(stem kana, suffix kanji, suffix romaji) of a name such as 豊田市 / トヨタシ."""
    suffix = name_ja[-1:]
    if suffix not in SUFFIXES:
        raise ValueError(f"{name_ja}: not a city, town, village or ward")
    readings, romaji, _ = SUFFIXES[suffix]
    for reading in readings:
        if kana.endswith(reading) and len(kana) > len(reading):
            return kana[: -len(reading)], suffix, romaji or _SUFFIX_ROMAJI[reading]
    raise ValueError(f"{name_ja}: reading {kana} does not end with {'/'.join(readings)}")


def katakana(text: str) -> str:
    """Full-width katakana whatever the input's width or script (ﾄﾖﾀ, とよた → トヨタ)."""
    return jaconv.hira2kata(unicodedata.normalize("NFKC", text))
