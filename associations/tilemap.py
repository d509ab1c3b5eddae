"""Japan as a grid of tiles, one a prefecture, for the home page's map.

A tile map keeps every prefecture the same size, so small ones (Tokyo, Osaka) stay easy
to tap on a phone, and it needs no geometry files. Positions are (column, row) on a
13 × 11 grid, north-east at the top right, Okinawa bottom left.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

POSITIONS = {
    "JP-01": (12, 0), "JP-02": (12, 1), "JP-05": (11, 2), "JP-03": (12, 2),
    "JP-17": (8, 3), "JP-16": (9, 3), "JP-15": (10, 3), "JP-06": (11, 3), "JP-04": (12, 3),
    "JP-18": (7, 4), "JP-21": (8, 4), "JP-20": (9, 4), "JP-10": (10, 4), "JP-09": (11, 4),
    "JP-07": (12, 4),
    "JP-35": (2, 5), "JP-32": (3, 5), "JP-31": (4, 5), "JP-28": (5, 5), "JP-26": (6, 5),
    "JP-25": (7, 5), "JP-23": (8, 5), "JP-19": (9, 5), "JP-11": (10, 5), "JP-08": (11, 5),
    "JP-40": (1, 6), "JP-34": (3, 6), "JP-33": (4, 6), "JP-27": (5, 6), "JP-29": (6, 6),
    "JP-24": (7, 6), "JP-22": (8, 6), "JP-14": (9, 6), "JP-13": (10, 6), "JP-12": (11, 6),
    "JP-42": (0, 7), "JP-41": (1, 7), "JP-44": (2, 7), "JP-38": (3, 7), "JP-37": (4, 7),
    "JP-36": (5, 7), "JP-30": (6, 7),
    "JP-43": (1, 8), "JP-45": (2, 8), "JP-39": (4, 8),
    "JP-46": (1, 9),
    "JP-47": (0, 10),
}  # fmt: skip

# Three letters fit a tile on a 360 px screen; these tell apart Shiga, Shimane and Shizuoka.
SHORT_NAMES = {
    "JP-01": "Hkd", "JP-02": "Aom", "JP-03": "Iwt", "JP-04": "Myg", "JP-05": "Akt",
    "JP-06": "Ygt", "JP-07": "Fks", "JP-08": "Ibr", "JP-09": "Tcg", "JP-10": "Gnm",
    "JP-11": "Stm", "JP-12": "Chb", "JP-13": "Tky", "JP-14": "Kng", "JP-15": "Nig",
    "JP-16": "Tym", "JP-17": "Isk", "JP-18": "Fki", "JP-19": "Yns", "JP-20": "Ngn",
    "JP-21": "Gif", "JP-22": "Szk", "JP-23": "Aic", "JP-24": "Mie", "JP-25": "Sga",
    "JP-26": "Kyt", "JP-27": "Osk", "JP-28": "Hyg", "JP-29": "Nar", "JP-30": "Wky",
    "JP-31": "Ttr", "JP-32": "Smn", "JP-33": "Oky", "JP-34": "Hrs", "JP-35": "Ygc",
    "JP-36": "Tks", "JP-37": "Kgw", "JP-38": "Ehm", "JP-39": "Kch", "JP-40": "Fko",
    "JP-41": "Sag", "JP-42": "Ngs", "JP-43": "Kmm", "JP-44": "Oit", "JP-45": "Myz",
    "JP-46": "Kgs", "JP-47": "Okn",
}  # fmt: skip

SHADES = 5


@dataclass
class Tile:
    prefecture: object
    short_name: str
    column: int
    row: int
    shade: int


@dataclass
class LegendEntry:
    shade: int
    low: int
    high: int


def shade_of(count: int, most: int) -> int:
    """0 for no association, else 1–4 in equal steps up to the most any prefecture has."""
    if count == 0 or most == 0:
        return 0
    return min(1 + (count - 1) * (SHADES - 2) // max(most - 1, 1), SHADES - 1)


def legend(tiles: list[Tile]) -> list[LegendEntry]:
    """What each shade on the map stands for: the range of counts it covers, for the
    shades in use (the map's visible key)."""
    most = max((t.prefecture.association_count for t in tiles), default=0)
    ranges: dict[int, list[int]] = {}
    for count in range(most + 1):
        ranges.setdefault(shade_of(count, most), []).append(count)
    used = {t.shade for t in tiles}
    return [
        LegendEntry(shade, counts[0], counts[-1])
        for shade, counts in sorted(ranges.items())
        if shade in used
    ]


def tiles(prefectures: QuerySet) -> list[Tile]:
    """Tiles in reading order (row by row), shaded 0–4 by the number of associations.

    Expects prefectures annotated with `association_count`.
    """
    rows = list(prefectures)
    most = max((p.association_count for p in rows), default=0)
    result = []
    for prefecture in rows:
        column, row = POSITIONS[prefecture.code]
        shade = shade_of(prefecture.association_count, most)
        result.append(Tile(prefecture, SHORT_NAMES[prefecture.code], column, row, shade))
    return sorted(result, key=lambda t: (t.row, t.column))
