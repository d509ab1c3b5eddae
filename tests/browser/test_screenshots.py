"""`make screenshots`: the home, listing, detail, offices and place lookup pages at phone
and desktop width, and the home, listing and detail pages in Vietnamese and Japanese too,
written to docs/screenshots/ for the README. Phones show their first screen, what a
resident sees before scrolling. Skipped unless SCREENSHOTS=1."""

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
# In two more of the interface's languages, the pictures the README shows side by side:
# home and listing on a phone, an association on a desktop.
IN_LANGUAGES = {"phone": ("home", "listing"), "desktop": ("detail",)}
LANGUAGES = ("vi", "ja")

pytestmark = pytest.mark.skipif(
    not os.environ.get("SCREENSHOTS"), reason="writes files: run with `make screenshots`"
)


@pytest.fixture
def places(editable_site) -> None:
    """Every place and postcode of the installed release, for the place lookup's pictures."""
    call_command("load_places", verbosity=0)


@pytest.mark.parametrize(("width", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_screenshots(browser, editable_site, places, width, viewport):
    TARGET.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    page = context.new_page()
    shots = dict(PAGES)
    for language in LANGUAGES:
        for name in IN_LANGUAGES[width]:
            shots[f"{name}-{language}"] = f"/{language}{PAGES[name]}"
    for name, path in shots.items():
        page.goto(editable_site + path)
        shot = TARGET / f"{name}-{width}.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 1000
    context.close()
