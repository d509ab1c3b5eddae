#!/usr/bin/env python
"""`make bench`, part three: Lighthouse (mobile, its default) on the home, listing,
detail and offices pages, served as in production (gunicorn, DEBUG off, the page cache
on) from the 1,000-association database bench/run.py made. Writes the "Lighthouse"
section of docs/benchmarks.md.

Lighthouse comes from npm (bench/package.json, pinned) and drives Debian's Chromium
(CHROMIUM, default /usr/bin/chromium), kept to the loopback network.
"""

import json
import os
import subprocess
import sys
from datetime import UTC, datetime

from run import BASE, ROOT, prepare, start_server, stop_server

LIGHTHOUSE = ROOT / "bench" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PAGES = {
    "home": "/",
    "listing": "/associations/",
    "detail": "/associations/hamamatsu-foundation-for-international-communication/",
    "offices": "/offices/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FLAGS = (
    "--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
    "--host-resolver-rules='MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'"
)
SECTION = "## Lighthouse"


def audit(url: str, attempts: int = 3) -> dict:
    # Lighthouse now and then fails to record a trace (NO_NAVSTART) and asks to be run
    # again: it is, up to `attempts` times.
    for attempt in range(attempts):
        try:
            return _audit(url)
        except RuntimeError as error:
            if "Please run Lighthouse again" not in str(error) or attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def _audit(url: str) -> dict:
    result = subprocess.run(
        ["node", str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={FLAGS}"],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode:
        raise RuntimeError(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    audits = report["audits"]
    return {
        "scores": {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "elements": int(audits["dom-size"]["numericValue"]),
        "bytes": int(audits["total-byte-weight"]["numericValue"]),
        "tbt": audits["total-blocking-time"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "failed": sorted(
            key
            for key, item in audits.items()
            if item.get("score") is not None
            and item["score"] < 0.9
            and item.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
        ),
    }


def section(results: dict) -> list[str]:
    rows = [
        SECTION,
        "",
        f"Written by `make bench` (bench/lighthouse.py) on {datetime.now(UTC):%Y-%m-%d %H:%M} "
        "UTC: Lighthouse "
        + json.loads((LIGHTHOUSE.parents[1] / "package.json").read_text())["version"]
        + ", mobile (its default throttling), Debian's Chromium, the production settings "
        "(page cache on), 1,000 associations. Target (issue #14): ≥ 95 in every category.",
        "",
        "| page | performance | accessibility | best practices | SEO | elements | bytes "
        "| TBT ms | LCP ms | audits under 0.9 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, r in results.items():
        s = r["scores"]
        rows.append(
            f"| {name} | {s['performance']} | {s['accessibility']} | {s['best-practices']} "
            f"| {s['seo']} | {r['elements']:,} | {r['bytes']:,} | {r['tbt']:.0f} "
            f"| {r['lcp']:.0f} | {', '.join(r['failed']) or '–'} |"
        )
    met = all(score >= 95 for r in results.values() for score in r["scores"].values())
    rows += ["", f"Every category ≥ 95 on every page: {'yes' if met else '**no**'}."]
    return rows


def write(rows: list[str]) -> None:
    """Replace the section in docs/benchmarks.md, or add it at the end."""
    path = ROOT / "docs" / "benchmarks.md"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    out, skipping = [], False
    for line in lines:
        if line.startswith("## "):
            skipping = line.strip() == SECTION
        if not skipping:
            out.append(line)
    while out and not out[-1].strip():
        out.pop()
    path.write_text("\n".join([*out, "", *rows]) + "\n", encoding="utf-8")


def main() -> int:
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: npm ci --prefix bench", file=sys.stderr)
        return 1
    url = prepare(1000)
    server = start_server(url, cached=True)
    try:
        results = {name: audit(BASE + path) for name, path in PAGES.items()}
    finally:
        stop_server(server)
    write(section(results))
    print("wrote the Lighthouse section of docs/benchmarks.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
