"""`make screenshots`: the home, listing, detail and offices pages at phone and desktop
width, written to docs/screenshots/ for the README. Skipped unless SCREENSHOTS=1."""

import os
from pathlib import Path

import pytest

from .conftest import DESKTOP, PHONE

TARGET = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PAGES = {
    "home": "/",
    "listing": "/associations/?language=vi",
    "detail": "/associations/hamamatsu-foundation-for-international-communication/",
    "offices": "/offices/",
}

pytestmark = pytest.mark.skipif(
    not os.environ.get("SCREENSHOTS"), reason="writes files: run with `make screenshots`"
)


@pytest.mark.parametrize(("width", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_screenshots(browser, site, width, viewport):
    TARGET.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    page = context.new_page()
    for name, path in PAGES.items():
        page.goto(site + path)
        shot = TARGET / f"{name}-{width}.png"
        page.screenshot(path=str(shot), full_page=width == "phone")
        assert shot.stat().st_size > 1000
    context.close()
