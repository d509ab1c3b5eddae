#!/usr/bin/env python
"""Where an uncached page's time goes (issue #14): mean milliseconds per page type, and a
cProfile of the filtered listing, rendered in-process with Django's test client.

It builds a throwaway SQLite database (PROFILE_DB, default /tmp/profile-bench.sqlite3:
the name must say it is disposable) with the directory's fixtures, the places and
PROFILE_SIZE (1,000) synthetic associations, once; later runs reuse it. DEBUG is off and
the page cache is off (PAGE_CACHE_SECONDS=0); the cache itself (local memory) stays, as
in production, for what is kept below the page.

    .venv/bin/python bench/profile_pages.py [--repeat N] [--rounds R] [--top 20]

Each page is asked for once to warm up, then N times per round; the figure is the median
over R rounds of the mean per round, so that a burst of load on a shared machine counts
once, not in every figure.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = os.environ.get("PROFILE_DB", "/tmp/profile-bench.sqlite3")
SIZE = int(os.environ.get("PROFILE_SIZE", "1000"))
SETTINGS = {
    "DATABASE_URL": f"sqlite:///{DB}",
    "DEBUG": "0",
    "HTTPS": "0",
    "SECRET_KEY": "profile-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "testserver",
    "PAGE_CACHE_SECONDS": "0",
    "REDIS_URL": "",
    "LOG_LEVEL": "WARNING",
}
PAGES = {
    "listing": "/associations/",
    "filtered listing": "/associations/?block=kinki",
    "keyword search": "/associations/?q=hamamatsu",
    "detail": "/associations/hamamatsu-foundation-for-international-communication/",
    "prefectures": "/prefectures/",
    "offices": "/offices/",
}
PROFILED = "filtered listing"


def prepare() -> None:
    """The database, made once: migrate, the real directory and places, then synthetic
    associations up to SIZE in all."""
    ready = Path(f"{DB}.ready")
    if ready.exists():
        return
    env = {**os.environ, **SETTINGS}
    manage = [sys.executable, "manage.py"]
    for args in (
        ["migrate", "--no-input", "-v", "0"],
        ["load_directory", "-v", "0"],
        ["load_places", "-v", "0"],
    ):
        subprocess.run([*manage, *args], cwd=ROOT, env=env, check=True)
    real = int(
        subprocess.run(
            [*manage, "shell", "-c", "from associations.models import Association as A; "
             "print(A.objects.count())"],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True,
        ).stdout.split()[-1]
    )  # fmt: skip
    subprocess.run(
        [*manage, "generate_synthetic", str(max(SIZE - real, 0)), "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    ready.touch()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="requests per page per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--top", type=int, default=20, help="profile lines (0: none)")
    parser.add_argument("--profile", default=PROFILED, choices=PAGES, help="page to profile")
    parser.add_argument("--language", default="en", help="Accept-Language of the requests")
    options = parser.parse_args()

    prepare()
    os.environ.update(SETTINGS)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clair_directory.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from associations.models import Association

    # No collectstatic here: plain static URLs instead of the manifest's (a dict look-up
    # per URL in production, nothing this profile is about).
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    client = Client(HTTP_ACCEPT_LANGUAGE=options.language)

    def get(url: str):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    print(f"{Association.objects.count()} associations, SQLite, DEBUG off, page cache off")
    rounds: dict[str, list[float]] = {name: [] for name in PAGES}
    queries: dict[str, int] = {}
    calls: dict[str, int] = {}
    for name, url in PAGES.items():
        get(url)  # warm up: templates, the cache below the page
        with CaptureQueriesContext(connection) as captured:
            get(url)
        queries[name] = len(captured)
        # Python function calls per page: what the page costs, unlike the milliseconds,
        # whatever else the machine is doing.
        counter = cProfile.Profile()
        counter.runcall(get, url)
        calls[name] = pstats.Stats(counter).total_calls
    for _ in range(options.rounds):
        for name, url in PAGES.items():
            start = time.perf_counter()
            for _ in range(options.repeat):
                get(url)
            rounds[name].append((time.perf_counter() - start) * 1000 / options.repeat)
    print(f"\n| page | ms per page (median of {options.rounds} rounds × {options.repeat}) "
          "| rounds | queries | function calls |")  # fmt: skip
    print("| --- | ---: | --- | ---: | ---: |")
    for name, means in rounds.items():
        spread = " / ".join(f"{m:.1f}" for m in means)
        median = statistics.median(means)
        print(f"| {name} | {median:.1f} | {spread} | {queries[name]} | {calls[name]:,} |")

    if options.top:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(options.repeat):
            get(PAGES[options.profile])
        profile.disable()
        stats = pstats.Stats(profile)
        total = max(ct for (_, _, _, ct, _) in stats.stats.values())
        # The request's own chain (client, handler, each middleware) holds all of the time
        # and says nothing: the list starts below it.
        rows = sorted(
            ((ct, nc, tt, func) for func, (_, nc, tt, ct, _) in stats.stats.items()
             if ct < 0.9 * total),
            reverse=True,
        )[: options.top]  # fmt: skip
        shown = options.profile
        print(f"\ncProfile of the {shown} ({PAGES[shown]}), {options.repeat} requests, "
              f"{stats.total_calls:,} calls, {total:.2f} s; top {options.top} by cumulative "
              "time below the request chain:\n")  # fmt: skip
        print("| cumulative s | share | calls | own s | function |")
        print("| ---: | ---: | ---: | ---: | --- |")
        for ct, nc, tt, (filename, line, name) in rows:
            where = "/".join(Path(filename).parts[-2:]) if line else filename
            print(f"| {ct:.3f} | {ct / total:.0%} | {nc:,} | {tt:.3f} | `{where}:{line}({name})` |")


if __name__ == "__main__":
    main()
