#!/usr/bin/env python
"""`make bench`: load-test every page type and write docs/benchmarks.md.

For 1,000 and 100,000 associations (the directory's 63 plus synthetic ones), in a
PostgreSQL database of its own (clair_bench_<size>, never the real one), it starts
gunicorn on 127.0.0.1 with DEBUG off and drives each page type with wrk, once with the
page cache off and once with it on (Redis), and a static file of the listing's size served
by the same server as the reference. It also counts each page's SQL queries and bytes.
At the smaller size it also measures the worker's memory, and the listing, filtered
listing and keyword search uncached on SQLite (bench/results/clair_bench_<size>.sqlite3)
against the same static file.

Environment: BENCH_PG (default postgres://postgres@127.0.0.1:5432), BENCH_REDIS_URL
(redis://127.0.0.1:6379/14), BENCH_SECONDS (10 per run), BENCH_SIZES (1000,100000),
BENCH_PORT (8790), BENCH_CONNECTIONS (8). Needs wrk (apt-get install wrk).
"""

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
import urllib.request
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
CACHE_KEY_PREFIX = f"bench-{uuid.uuid4().hex}"
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,100000").split(",")]
PORT = int(os.environ.get("BENCH_PORT", "8790"))
LOAD_CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
BASE = f"http://127.0.0.1:{PORT}"
PAGES = {
    "home": "/",
    "listing": "/associations/",
    "filtered listing": "/associations/?block=kinki&language=vi",
    "keyword search": "/associations/?q=hamamatsu",
    "detail": "/associations/hamamatsu-foundation-for-international-communication/",
    "prefecture": "/prefectures/aichi/",
    # Toyota, a city served by its own association, its prefecture's and none else.
    "place": "/places/toyota-city-aichi/",
    "offices": "/offices/",
    "API list": "/api/associations/",
}
REFERENCE = "/static/bench-reference.html"
SECRET = "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"


def env(database_url: str, **extra: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "HTTPS": "0",
        "SECRET_KEY": SECRET,
        "LOG_LEVEL": "WARNING",
        # The load comes from one address: a rate limit would measure 429s.
        "API_RATE": "",
        **extra,
    }


def manage(database_url: str, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env(database_url),
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def prepare(size: int) -> str:
    """A PostgreSQL database with `size` associations, made once and reused."""
    import psycopg

    name = f"clair_bench_{size}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    url = f"{PG}/{name}"
    with psycopg.connect(url, autocommit=True) as connection:
        fill(url, size, connection.execute)
        connection.execute("VACUUM ANALYZE")
    return url


def prepare_sqlite(size: int) -> str:
    """A SQLite database with `size` associations (bench/results/, never db.sqlite3)."""
    import sqlite3
    from contextlib import closing

    path = ROOT / "bench" / "results" / f"clair_bench_{size}.sqlite3"
    path.parent.mkdir(exist_ok=True)
    url = f"sqlite:///{path}"
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        fill(url, size, connection.execute)
        connection.execute("ANALYZE")
    return url


def fill(url: str, size: int, execute) -> None:
    manage(url, "migrate", "--no-input", "-v", "0")
    manage(url, "load_directory", "--no-update", "-v", "0")
    manage(url, "load_places", "-v", "0")
    have = execute("SELECT count(*) FROM associations_association").fetchone()[0]
    if have < size:
        print(f"  adding {size - have} synthetic associations…", flush=True)
        manage(url, "generate_synthetic", str(size - have), "-v", "0")


# Issue #14 asks these of both databases (at least LISTING_SHARE of the static file's
# requests/s, uncached): on SQLite, the zero-setup default, too.
LISTING_PAGES = ("listing", "filtered listing", "keyword search")
LISTING_SHARE = 0.06


def sqlite_run(size: int) -> dict:
    """Uncached requests/s of LISTING_PAGES and of the static reference, on SQLite."""
    url = prepare_sqlite(size)
    server = start_server(url, cached=False)
    try:
        runs = {name: wrk(PAGES[name]) for name in LISTING_PAGES}
        runs["static reference"] = wrk(REFERENCE)
    finally:
        stop_server(server)
    return runs


MEASURE = """
import gzip, json, re, statistics, time, django
django.setup()
from associations.caching import bump_directory_version
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
pages = json.loads(PAGES)
client = Client(HTTP_HOST="127.0.0.1")
out, plans = {}, {}
for name, url in pages.items():
    client.get(url)
    # The first request after an edit: nothing kept by the directory's version (cards,
    # the filter form, facet counts, vocabularies); the median of five.
    cold = []
    for _ in range(5):
        bump_directory_version()
        with CaptureQueriesContext(connection) as cold_queries:
            started = time.perf_counter()
            client.get(url)
            cold.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    # Elements as the parser counts them: every start tag.
    elements = len(re.findall(rb"<[a-zA-Z]", response.content))
    out[name] = [len(queries), len(response.content), response.status_code,
                 len(gzip.compress(response.content, 6)), elements, len(cold_queries),
                 statistics.median(cold)]
    if name in EXPLAINED:
        # The first request's queries: a later one may find its counts kept.
        slowest = sorted(cold_queries.captured_queries, key=lambda q: -float(q["time"]))[:2]
        with connection.cursor() as cursor:
            plans[name] = []
            for query in slowest:
                cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + query["sql"])
                plan = "\\n".join(row[0] for row in cursor.fetchall())
                plans[name].append([query["sql"][:300], plan])
print(json.dumps({"pages": out, "plans": plans}))
"""
# The pages whose two slowest queries are EXPLAINed in the report.
EXPLAINED = ("listing", "filtered listing", "keyword search", "place")


def measure_pages(database_url: str) -> dict:
    """SQL queries and bytes of each page, with the page cache off."""
    result = subprocess.run(
        [
            PYTHON,
            "-c",
            MEASURE.replace("PAGES", repr(json.dumps(PAGES)), 1).replace(
                "EXPLAINED", repr(EXPLAINED), 1
            ),
        ],
        cwd=ROOT,
        env=env(
            database_url, PAGE_CACHE_SECONDS="0", DJANGO_SETTINGS_MODULE="clair_directory.settings"
        ),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def port_is_free() -> bool:
    import socket

    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", PORT)) != 0


def flush_cache() -> None:
    """Delete this run's own keys (its CACHE_KEY_PREFIX), so no server reads another's
    pages; nothing else in that Redis is touched."""
    import redis

    server = redis.Redis.from_url(REDIS_URL)
    for key in server.scan_iter(match=f"{CACHE_KEY_PREFIX}:*", count=1000):
        server.delete(key)


def start_server(database_url: str, cached: bool) -> subprocess.Popen:
    flush_cache()
    if not port_is_free():
        raise RuntimeError(f"Something already listens on 127.0.0.1:{PORT}; set BENCH_PORT.")
    extra = {
        "BIND": f"127.0.0.1:{PORT}",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": CACHE_KEY_PREFIX,
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "3"),
        "PAGE_CACHE_SECONDS": "600" if cached else "0",
        "CONN_MAX_AGE": "600",
    }
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "clair_directory.wsgi:application",
         "-c", "gunicorn.conf.py"],
        cwd=ROOT, env=env(database_url, **extra),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"{BASE}/healthz", timeout=1) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not become healthy")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    flush_cache()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()


def _wrk(path: str, connections: int) -> str:
    command = ["wrk", f"-t{min(connections, 2)}", f"-c{connections}", f"-d{SECONDS}s"]
    return subprocess.run(
        [*command, "--latency", "--timeout", "5s", BASE + path],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


def _errors(output: str) -> int:
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return errors + (int(non_2xx.group(1)) if non_2xx else 0)


def wrk(path: str) -> dict:
    """Latency of one visitor at a time (one connection), and throughput under load
    (LOAD_CONNECTIONS connections), each for SECONDS."""
    for _ in range(20):  # warm every worker up
        urllib.request.urlopen(BASE + path, timeout=10).read()
    single = _wrk(path, 1)
    loaded = _wrk(path, LOAD_CONNECTIONS)

    def latency(output: str, percent: str) -> float:
        pattern = rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$"
        value, unit = re.search(pattern, output, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", loaded).group(1)),
        "p50": latency(single, "50"),
        "p99": latency(single, "99"),
        "loaded_p50": latency(loaded, "50"),
        "errors": _errors(single) + _errors(loaded),
    }


MEMORY_SCRIPT = """
local paths = {PATHS}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
"""


def memory_paths() -> list[str]:
    """Many different pages, as residents ask for them: each listing page, each block,
    language and prefecture filter, and the other page types."""
    paths = list(PAGES.values())
    paths += [f"/associations/?page={n}" for n in range(1, 30)]
    for block in ("hokkaido-tohoku", "kanto", "tokai-hokuriku", "kinki", "chugoku-shikoku",
                  "kyushu-okinawa"):  # fmt: skip
        for language in ("", "vi", "pt", "zh", "tl", "en"):
            paths.append(f"/associations/?block={block}&language={language}")
    for prefix in ("/vi", "/ja", "/pt"):
        paths += [prefix + path for path in PAGES.values() if not path.startswith("/api/")]
    return paths


def worker_memory_kb(server: subprocess.Popen) -> dict[str, list[int]]:
    """Each worker's resident size, and the part of it that is anonymous memory (heaps
    and stacks; the rest is code and libraries mapped from files)."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    sizes = {"rss_kb": [], "anon_kb": []}
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes["rss_kb"].append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)))
        sizes["anon_kb"].append(int(re.search(r"RssAnon:\s+(\d+) kB", status).group(1)))
    return sizes


def memory(database_url: str) -> dict:
    """Resident size of each worker after 1,000, 10,000 and 20,000 requests spread over
    many different pages, uncached. The third point tells a leak (still growing) from the
    allocator settling in (flat once every worker has met the heaviest pages)."""
    script = ROOT / "staticfiles" / "bench-memory.lua"
    paths = ", ".join(json.dumps(path) for path in memory_paths())
    script.write_text(MEMORY_SCRIPT.replace("{PATHS}", "{" + paths + "}"))
    server = start_server(database_url, cached=False)
    sizes, done = {}, 0
    try:
        for target in (1_000, 10_000, 20_000):
            while done < target:
                output = subprocess.run(
                    ["wrk", "-t2", f"-c{LOAD_CONNECTIONS}", "-d3s", "--timeout", "5s",
                     "-s", str(script), BASE + "/"],
                    capture_output=True, text=True, check=True,
                ).stdout  # fmt: skip
                done += int(re.search(r"(\d+) requests in", output).group(1))
            sizes[target] = {"requests": done, **worker_memory_kb(server)}
    finally:
        stop_server(server)
        script.unlink(missing_ok=True)
    return sizes


def reference_file(size_bytes: int) -> None:
    static_root = ROOT / "staticfiles"
    static_root.mkdir(exist_ok=True)
    (static_root / "bench-reference.html").write_bytes(b"x" * size_bytes)


def first_view_bytes() -> int:
    """The stylesheet, as whitenoise sends it compressed."""
    css = next((ROOT / "staticfiles" / "css").glob("site.*.css.br"), None) or next(
        (ROOT / "staticfiles" / "css").glob("site.*.css")
    )
    return css.stat().st_size


def machine() -> str:
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = match.group(1) if match else ""
    return (
        f"{os.cpu_count()} cores, {cpu or platform.processor()}, Python {platform.python_version()}"
    )


def main() -> int:
    if not shutil.which("wrk"):
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 1
    results = {}
    for size in SIZES:
        print(f"{size:,} associations", flush=True)
        url = prepare(size)
        measured = measure_pages(url)
        pages = measured["pages"]
        reference_file(pages["listing"][1])
        runs = {}
        for cached in (False, True):
            mode = "cached" if cached else "uncached"
            server = start_server(url, cached)
            try:
                runs[mode] = {name: wrk(path) for name, path in PAGES.items()}
                runs[mode]["static reference"] = wrk(REFERENCE)
            finally:
                stop_server(server)
            print(f"  {mode}: done", flush=True)
        results[size] = {"pages": pages, "runs": runs, "plans": measured["plans"]}
        if size == min(SIZES):
            results[size]["memory"] = memory(url)
            print("  memory: done", flush=True)
            results[size]["sqlite"] = sqlite_run(size)
            print("  SQLite: done", flush=True)
    write_report(results)
    return 0


def write_report(results: dict) -> None:
    css = first_view_bytes()
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (bench/run.py) on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        f"Machine: {machine()}. wrk and gunicorn share the machine; gunicorn runs "
        f"{os.environ.get('WEB_CONCURRENCY', '3')} sync workers, PostgreSQL and Redis "
        f"are local. Each page is driven twice by wrk for {SECONDS} s: with one "
        f"connection for the latency a visitor sees (p50, p99), and with "
        f"{LOAD_CONNECTIONS} connections for the throughput (requests/s, and the p50 "
        "under that load).",
        "",
        "*Uncached* is with the page cache off (`PAGE_CACHE_SECONDS=0`): every request "
        "renders the page and queries PostgreSQL. *Cached* is the production setting, "
        "with the page cache in Redis. The static reference is a file of the listing "
        "page's size served by the same gunicorn (whitenoise).",
        "",
        "wrk asks for the same URL again and again, so below the page cache the cards, "
        "the filter form and the facet counts are kept from the first request on (by the "
        "directory's version and what each shows). *After an edit* is the other extreme, "
        "measured in one process with Django's test client: the first request after the "
        "directory's version changed (the median of five), when nothing is kept; its "
        "queries are the ones EXPLAINed below.",
        "",
    ]
    for size, result in results.items():
        pages = result["pages"]
        for mode, runs in result["runs"].items():
            lines += [
                f"## {size:,} associations, {mode}",
                "",
                "| page | p50 ms | p99 ms | requests/s | p50 ms under load | errors "
                "| SQL queries | after an edit: queries, ms | HTML bytes | gzipped | elements |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            ]
            for name, run in runs.items():
                queries, cold, html, gzipped, elements = "–", "–", "–", "–", "–"
                if name in pages:
                    queries, size_html, _, size_gzip, elements, cold_queries, cold_ms = pages[name]
                    html, gzipped = f"{size_html:,}", f"{size_gzip:,}"
                    cold = f"{cold_queries}, {cold_ms:.1f}"
                lines.append(
                    f"| {name} | {run['p50']:.1f} | {run['p99']:.1f} | {run['rps']:,.0f} | "
                    f"{run['loaded_p50']:.1f} | {run['errors']} | {queries} | {cold} | {html} | "
                    f"{gzipped} | {elements} |"
                )
            lines.append("")
    for size, result in results.items():
        if "sqlite" in result:
            lines += [
                f"## {size:,} associations, uncached, SQLite",
                "",
                "The same server and settings on SQLite, the zero-setup default.",
                "",
                "| page | p50 ms | p99 ms | requests/s | p50 ms under load | errors |",
                "| --- | ---: | ---: | ---: | ---: | ---: |",
            ]
            for name, run in result["sqlite"].items():
                lines.append(
                    f"| {name} | {run['p50']:.1f} | {run['p99']:.1f} | {run['rps']:,.0f} | "
                    f"{run['loaded_p50']:.1f} | {run['errors']} |"
                )
            lines.append("")
    lines += targets(results, css)
    lines += speed_targets(results, css)
    lines += memory_report(results)
    lines += plans_report(results)
    path = ROOT / "docs" / "benchmarks.md"
    lines += kept_sections(path)
    path.write_text("\n".join(lines) + "\n")
    print("wrote docs/benchmarks.md")


# Sections of docs/benchmarks.md this script does not write (by hand, or by
# places_cost.py): a new run keeps them.
KEPT_SECTIONS = {
    "## Test suite",
    "## Places",
    "## Profile of uncached rendering (issue #14)",
    "## Lighthouse",
}
# and the notes of what changed, written by hand after a run
KEPT_PREFIX = "## Changes of "


def kept_sections(path: Path) -> list[str]:
    if not path.exists():
        return []
    kept: list[str] = []
    keeping = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            keeping = line.strip() in KEPT_SECTIONS or line.startswith(KEPT_PREFIX)
            if keeping:
                kept.append("")
        if keeping:
            kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    return kept


def targets(results: dict, css: int) -> list[str]:
    rows = ["## Targets", "", "| target | measured | met |", "| --- | --- | --- |"]

    def row(target: str, measured: str, met: bool) -> None:
        rows.append(f"| {target} | {measured} | {'yes' if met else '**no**'} |")

    small, large = min(results), max(results)
    p50 = results[small]["runs"]["uncached"]["listing"]["p50"]
    row(f"uncached listing p50 ≤ 20 ms at {small:,}", f"{p50:.1f} ms", p50 <= 20)
    p50 = results[large]["runs"]["uncached"]["listing"]["p50"]
    row(f"uncached listing p50 ≤ 60 ms at {large:,}", f"{p50:.1f} ms", p50 <= 60)
    p50 = results[large]["runs"]["uncached"]["keyword search"]["p50"]
    row(f"keyword search p50 ≤ 60 ms at {large:,} (PostgreSQL)", f"{p50:.1f} ms", p50 <= 60)
    for size, result in results.items():
        cached = result["runs"]["cached"]
        reference = cached["static reference"]["rps"]
        slowest = min(
            (run["rps"], name)
            for name, run in cached.items()
            if name not in ("static reference", "offices", "API list")
        )
        share = slowest[0] / reference
        row(
            f"cached pages ≥ 50% of the static file's throughput at {size:,}",
            f"slowest cached page ({slowest[1]}) {share:.0%} of {reference:,.0f}/s",
            share >= 0.5,
        )
    errors = sum(
        run["errors"]
        for r in results.values()
        for runs in r["runs"].values()
        for run in runs.values()
    )
    row("zero errors", str(errors), errors == 0)
    heaviest = max((p[1], name) for r in results.values() for name, p in r["pages"].items())
    total = heaviest[0] + css
    row(
        "first view of any page ≤ 100 KB",
        f"heaviest: {heaviest[1]}, {heaviest[0]:,} B HTML + {css:,} B stylesheet "
        f"= {total / 1024:.0f} KB",
        total <= 100 * 1024,
    )
    rows += [
        "",
        "The offices' pages are kept until the minute changes (they show local times): "
        "in wrk's ten seconds they are rendered once or twice. The API is not page-cached; its "
        "cached rows measure the same work as the uncached ones. HTML is measured "
        "uncompressed; a proxy or CDN in front compresses it further.",
    ]
    return rows


def speed_targets(results: dict, css: int) -> list[str]:
    """Issue #14's targets: uncached throughput as a share of the static file's, measured
    in the same run; latency at the largest size; DOM and bytes of a first view."""
    rows = [
        "",
        "## Targets of issue #14 (uncached)",
        "",
        "| target | measured | met |",
        "| --- | --- | --- |",
    ]

    def row(target: str, measured: str, met: bool) -> None:
        rows.append(f"| {target} | {measured} | {'yes' if met else '**no**'} |")

    small, large = min(results), max(results)
    for size, result in results.items():
        uncached = result["runs"]["uncached"]
        reference = uncached["static reference"]["rps"]
        for names, share in (
            (LISTING_PAGES, LISTING_SHARE),
            (("detail", "place", "prefecture", "offices"), 0.10),
        ):
            for name in names:
                got = uncached[name]["rps"] / reference
                row(
                    f"{name} ≥ {share:.0%} of the static file's requests/s at {size:,}",
                    f"{uncached[name]['rps']:,.0f} of {reference:,.0f}/s = {got:.1%}",
                    got >= share,
                )
        if "sqlite" in result:
            sqlite = result["sqlite"]
            reference = sqlite["static reference"]["rps"]
            for name in LISTING_PAGES:
                got = sqlite[name]["rps"] / reference
                row(
                    f"{name} ≥ {LISTING_SHARE:.0%} of the static file's requests/s at "
                    f"{size:,} on SQLite",
                    f"{sqlite[name]['rps']:,.0f} of {reference:,.0f}/s = {got:.1%}",
                    got >= LISTING_SHARE,
                )
    uncached = results[large]["runs"]["uncached"]
    p50 = uncached["filtered listing"]["p50"]
    row(f"filtered listing p50 ≤ 30 ms at {large:,}", f"{p50:.1f} ms", p50 <= 30)
    cold = results[large]["pages"]["filtered listing"][6]
    row(
        f"filtered listing, first request after an edit, ≤ 30 ms at {large:,} (in process)",
        f"{cold:.1f} ms",
        cold <= 30,
    )
    slowest = max(
        (run["p50"], name) for name, run in uncached.items() if name != "static reference"
    )
    row(
        f"no page over 60 ms p50 at {large:,}",
        f"slowest: {slowest[1]}, {slowest[0]:.1f} ms",
        slowest[0] <= 60,
    )
    for size, result in results.items():
        if "memory" in result:
            first, middle, _ = result["memory"].values()
            grown = (max(middle["rss_kb"]) - max(first["rss_kb"])) / 1024
            row(
                f"no growth of a worker's RSS between 1,000 and 10,000 requests at {size:,}",
                f"largest worker {grown:+.1f} MB",
                grown <= 0,
            )
    elements = results[small]["pages"]["listing"][4]
    row("listing under 800 elements", f"{elements:,}", elements < 800)
    heaviest = max((p[3], name) for r in results.values() for name, p in r["pages"].items())
    total = heaviest[0] + css
    row(
        "first view of any page ≤ 60 KB transferred (HTML gzipped as a proxy sends it, "
        "stylesheet as whitenoise sends it)",
        f"heaviest: {heaviest[1]}, {heaviest[0]:,} B + {css:,} B = {total / 1024:.0f} KB",
        total <= 60 * 1024,
    )
    return rows


def memory_report(results: dict) -> list[str]:
    rows = []
    for size, result in results.items():
        if "memory" not in result:
            continue
        rows += [
            "",
            f"## Memory ({size:,} associations, uncached)",
            "",
            "Resident size of each gunicorn worker after requests spread over "
            f"{len(memory_paths())} different pages (wrk, {LOAD_CONNECTIONS} connections), "
            "and the part of it that is anonymous memory (`RssAnon`: heaps and stacks; the rest is "
            "code and libraries mapped from files).",
            "",
            "| requests (all workers) | RSS per worker, MB | largest, MB "
            "| anonymous per worker, MB | largest, MB |",
            "| ---: | --- | ---: | --- | ---: |",
        ]
        for point in result["memory"].values():
            rss, anon = point["rss_kb"], point["anon_kb"]
            rows.append(
                f"| {point['requests']:,} | {_megabytes(rss)} | {max(rss) / 1024:.1f} "
                f"| {_megabytes(anon)} | {max(anon) / 1024:.1f} |"
            )
        first, middle, last = result["memory"].values()

        def growth(before: dict, after: dict) -> str:
            grown = (max(after["rss_kb"]) - max(before["rss_kb"])) / 1024
            anonymous = (max(after["anon_kb"]) - max(before["anon_kb"])) / 1024
            return f"{grown:+.1f} MB (anonymous {anonymous:+.1f} MB)"

        rows += [
            "",
            f"Growth of the largest worker: {growth(first, middle)} between the first two, "
            f"{growth(middle, last)} between the last two.",
        ]
    return rows


def _megabytes(sizes_kb: list[int]) -> str:
    return ", ".join(f"{kb / 1024:.1f}" for kb in sizes_kb)


def plans_report(results: dict) -> list[str]:
    size = max(results)
    rows = [
        "",
        f"## Query plans at {size:,} associations",
        "",
        "The two slowest queries of each page below, as PostgreSQL ran them "
        "(`EXPLAIN (ANALYZE, COSTS OFF)`), the SQL cut at 300 characters.",
    ]
    for name, queries in results[size].get("plans", {}).items():
        rows += ["", f"### {name}"]
        for sql, plan in queries:
            rows += ["", f"`{sql}…`", "", "```", plan, "```"]
    return rows


if __name__ == "__main__":
    sys.exit(main())
