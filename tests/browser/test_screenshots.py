"""`make screenshots`: the home, listing, detail, offices and place lookup pages at phone
and desktop width, written to docs/screenshots/ for the README. Skipped unless
SCREENSHOTS=1."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from .conftest import DESKTOP, PHONE

TARGET = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PAGES = {
    "home": "/",
    "listing": "/associations/?language=vi",
    "detail": "/associations/hamamatsu-foundation-for-international-communication/",
    "offices": "/offices/",
    # the place lookup: a postcode leads to its place; a town typed in Kunrei, in Vietnamese
    "postcode": "/places/?q=430-0929",
    "town": "/vi/places/?q=hamamatu",
}

pytestmark = pytest.mark.skipif(
    not os.environ.get("SCREENSHOTS"), reason="writes files: run with `make screenshots`"
)


@pytest.fixture
def places(site) -> None:
    """Every place and postcode of the installed release, for the place lookup's pictures."""
    call_command("load_places", verbosity=0)


@pytest.mark.parametrize(("width", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_screenshots(browser, site, places, width, viewport):
    TARGET.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    page = context.new_page()
    for name, path in PAGES.items():
        page.goto(site + path)
        shot = TARGET / f"{name}-{width}.png"
        page.screenshot(path=str(shot), full_page=width == "phone")
        assert shot.stat().st_size > 1000
    context.close()
