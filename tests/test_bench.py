"""`make bench`'s report of issue #14's targets (bench/run.py), from made-up measurements:
the bench itself needs wrk, gunicorn and minutes, the judgement of its figures does not."""

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "run.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_run", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(rps: float) -> dict:
    return {"rps": rps, "p50": 5.0, "p99": 9.0, "loaded_p50": 6.0, "errors": 0}


def measured(bench, sqlite: dict | None) -> dict:
    """One size, every page at 200/s against a static file at 1,000/s on PostgreSQL."""
    uncached = {name: run(200) for name in bench.PAGES} | {"static reference": run(1000)}
    # queries, HTML bytes, –, gzipped bytes, elements, queries and ms after an edit
    pages = dict.fromkeys(bench.PAGES, (1, 10_000, None, 2_000, 500, 3, 12.0))
    result = {"pages": pages, "runs": {"uncached": uncached}}
    if sqlite is not None:
        result["sqlite"] = sqlite
    return {1000: result}


def sqlite_rows(rows: list[str]) -> dict[str, str]:
    """Page → the row's last cell ("yes" or "**no**"), for the SQLite rows."""
    found = {}
    for row in rows:
        if "on SQLite" in row:
            cells = [cell.strip() for cell in row.strip("|").split("|")]
            found[cells[0].split(" ≥ ")[0]] = cells[-1]
    return found


def test_each_listing_page_on_sqlite_is_judged_against_the_same_runs_static_file(bench):
    sqlite = {
        "listing": run(70),  # 7% of 1,000/s
        "filtered listing": run(59),  # 5.9%
        "keyword search": run(60),  # 6%
        "static reference": run(1000),
    }
    rows = bench.speed_targets(measured(bench, sqlite), css=1_000)
    assert sqlite_rows(rows) == {
        "listing": "yes",
        "filtered listing": "**no**",
        "keyword search": "yes",
    }
    assert any("59 of 1,000/s = 5.9%" in row for row in rows)
    # The same pages' rates against a faster static file fall short.
    faster = sqlite | {"static reference": run(2000)}
    rows = bench.speed_targets(measured(bench, faster), css=1_000)
    assert set(sqlite_rows(rows).values()) == {"**no**"}


def test_a_run_without_sqlite_reports_no_sqlite_rows(bench):
    rows = bench.speed_targets(measured(bench, None), css=1_000)
    assert sqlite_rows(rows) == {}
    assert any("filtered listing ≥ 6%" in row for row in rows)


def memory_point(requests: int, rss_kb: list[int], anon_kb: list[int]) -> dict:
    return {"requests": requests, "rss_kb": rss_kb, "anon_kb": anon_kb}


def test_the_memory_report_tells_the_heap_s_growth_from_the_whole_size(bench):
    result = measured(bench, None)
    result[1000]["memory"] = {
        1_000: memory_point(1_100, [100 * 1024, 102 * 1024], [80 * 1024, 81 * 1024]),
        # The largest worker grows by 2 MB, of which 1.5 MB is its heap.
        10_000: memory_point(10_200, [101 * 1024, 104 * 1024], [80 * 1024, 82.5 * 1024]),
        20_000: memory_point(20_300, [101 * 1024, 104 * 1024], [80 * 1024, 82.5 * 1024]),
    }
    rows = bench.memory_report(result)
    assert "| 10,200 | 101.0, 104.0 | 104.0 | 80.0, 82.5 | 82.5 |" in rows
    growth = next(row for row in rows if row.startswith("Growth of the largest worker"))
    assert "+2.0 MB (anonymous +1.5 MB) between the first two" in growth
    assert "+0.0 MB (anonymous +0.0 MB) between the last two" in growth
    # The target's row judges the whole resident size.
    target = next(row for row in bench.speed_targets(result, css=1_000) if "RSS" in row)
    assert target.endswith("| largest worker +2.0 MB | **no** |")
