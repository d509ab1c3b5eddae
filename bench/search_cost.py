#!/usr/bin/env python
"""What the search costs in Python: `search_text()` for ~2,000 names, `query_terms()` per query.

No database: it times the two functions of associations/search.py on the directory's
own names (fixtures/) plus made-up ones in the pattern of the synthetic data, about
2,000 in all. Run: `python bench/search_cost.py`.
"""

import itertools
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clair_directory.settings")
django.setup()

from associations import search  # noqa: E402
from associations.synthetic import KINDS, TOWNS  # noqa: E402

QUERIES = [
    "hamamatsu", "hamamatu", "Hamamatsu city", "浜松", "はままつ", "ハママツ", "Kyōto",
    "hukuoka", "福冈", "丰田", "横滨", "广岛", "千叶", "sizuoka", "tiba", "shinjuku ward",
    "国際交流協会", "international exchange association", "x" * 10_000, "😀\x00\ud800",
]  # fmt: skip


def names() -> list[str]:
    fixtures = ROOT / "fixtures"
    found = []
    for file, keys in [
        ("associations.json", ("name_en", "name_ja", "listed_as")),
        ("prefectures.json", ("name_en", "name_ja")),
        ("designated_cities.json", ("name_en", "name_ja")),
    ]:
        for row in json.loads((fixtures / file).read_text(encoding="utf-8")):
            found += [row[k] for k in keys if row.get(k)]
    for n, ((town_en, town_ja), (kind_en, kind_ja)) in enumerate(
        itertools.cycle(itertools.product(TOWNS, KINDS))
    ):
        if len(found) >= 2000:
            break
        found += [f"{town_en} {kind_en} {n}", f"{town_ja}市{kind_ja}{n}"]
    return found


def main() -> None:
    corpus = names()
    start = time.perf_counter()
    search.search_text("warm up 浜松 福冈")
    search.query_terms("warm up 浜松 福冈")
    print(f"once a process (pykakasi's and OpenCC's dictionaries): "
          f"{(time.perf_counter() - start) * 1000:.0f} ms")  # fmt: skip
    start = time.perf_counter()
    for name in corpus:
        search.search_text(name)
    total = time.perf_counter() - start
    print(f"search_text: {len(corpus)} names in {total * 1000:.0f} ms "
          f"({total / len(corpus) * 1e6:.0f} µs a name)")  # fmt: skip
    times = []
    for query in QUERIES:
        for _ in range(20):
            start = time.perf_counter()
            search.query_terms(query)
            times.append(time.perf_counter() - start)
    print(f"query_terms: median {statistics.median(times) * 1e6:.0f} µs, "
          f"max {max(times) * 1e6:.0f} µs over {len(QUERIES)} queries × 20")  # fmt: skip
    cold = []
    for query in QUERIES:
        for cache in (search._japanese_forms, search._only_simplified, search._query_romaji):
            cache.cache_clear()
        start = time.perf_counter()
        search.query_terms(query)
        cold.append(time.perf_counter() - start)
    print(f"query_terms, with this module's caches empty: median "
          f"{statistics.median(cold) * 1e6:.0f} µs, max {max(cold) * 1e6:.0f} µs")  # fmt: skip


if __name__ == "__main__":
    main()
