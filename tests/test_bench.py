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
