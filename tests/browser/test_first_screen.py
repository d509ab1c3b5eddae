"""An association's page on a phone: its first screen answers "can they help me, in my
language, and how do I reach them" — every association of the real directory."""

import pytest
from playwright.sync_api import Browser

from associations import phones
from associations.models import Association

from .conftest import PHONE

# The phone of the issue (#13): an iPhone 12 to 15's screen in CSS pixels.
TALL_PHONE = {"width": 390, "height": 844}
PANEL = ".contact-panel"


# One round trip to the browser per page, not two or three per element: the first element
# each selector matches, as Playwright's `locator.first` takes it, and where its box ends
# (None when nothing matches; infinity when it matches but is not laid out, so a hidden
# element counts as below the first screen rather than as absent).
MEASURE = """selectors => {
    const measured = {};
    for (const [name, selector] of Object.entries(selectors)) {
        const found = document.querySelectorAll(selector);
        const first = found[0];
        let bottom = null;
        if (first) {
            bottom = first.getClientRects().length
                ? first.getBoundingClientRect().bottom
                : Infinity;
        }
        measured[name] = {
            count: found.length,
            bottom: bottom,
            href: first ? first.getAttribute("href") : null,
        };
    }
    measured.scrollWidth = document.documentElement.scrollWidth;
    return measured;
}"""


def measure(page, **selectors) -> dict:
    return page.evaluate(MEASURE, selectors)


CALL = f"{PANEL} a.phone.button-primary"
FIRST_SCREEN = {
    "call": CALL,
    "open state": f"{PANEL} .open-state",
    "map link": f"{PANEL} .map-link",
    "first language": f"{PANEL} .tag",
}


def has_a_phone(association: Association) -> bool:
    return phones.present(association.phone) or phones.present(association.consultation_phone)


def _size(viewport: dict) -> tuple[int, int]:
    return viewport["width"], viewport["height"]


@pytest.fixture(scope="module")
def visited() -> dict:
    """Each association's page measured once for the whole module: the tests below ask
    different questions of the same pages (one visit of every page takes seconds; the
    call button's test and the hours' test used to make one each)."""
    return {}


@pytest.fixture
def first_screens(browser: Browser, site: str, visited: dict):
    """slug → what `measure` found on the association's first screen at `viewport`, for
    `associations` (each page visited once a module, in the test that first asks for it).

    A page is loaded once and measured at each size it is asked about (the smaller phone's
    only for a page with a number to call), the viewport resized in between: a page is
    loaded at the size the one before it was left at, so it is resized once at most.
    Loading it again at the second size cost a fifth of the module's time. Loaded afresh
    at each size or resized, every page of the real directory measured the same, all 746
    measurements (tried on 2026-11-27: 52.3 s loading each page at each size, 34.6 s
    resizing)."""

    def measured(viewport: dict, associations) -> dict:
        wanted = [a for a in associations if a.slug not in visited]
        if wanted:
            size = TALL_PHONE
            context = browser.new_context(viewport=size, is_mobile=True, has_touch=True)
            page = context.new_page()
            try:
                for association in wanted:
                    page.goto(site + association.get_absolute_url())
                    sizes = [PHONE, TALL_PHONE] if has_a_phone(association) else [TALL_PHONE]
                    if size in sizes:  # measured first at the size it was loaded at
                        sizes = [size, *(other for other in sizes if other != size)]
                    screens = {}
                    for other in sizes:
                        if other != size:
                            page.set_viewport_size(other)
                            size = other
                        screens[_size(size)] = measure(page, **FIRST_SCREEN)
                    visited[association.slug] = screens
            finally:
                context.close()
        return {a.slug: visited[a.slug][_size(viewport)] for a in associations}

    return measured


@pytest.mark.parametrize("viewport", [PHONE, TALL_PHONE], ids=["360x740", "390x844"])
def test_the_call_button_is_on_the_first_screen(first_screens, viewport):
    everyone = list(Association.objects.all())
    # At the tall phone's size every page is measured: the hours' test reads them too.
    visit = everyone if viewport == TALL_PHONE else [a for a in everyone if has_a_phone(a)]
    with_phone = [a for a in everyone if has_a_phone(a)]
    assert with_phone
    late = []
    measured = first_screens(viewport, visit)
    for association in with_phone:
        call = measured[association.slug]["call"]
        assert call["count"] == 1, association.slug
        assert call["href"].startswith("tel:")
        if call["bottom"] > viewport["height"]:
            late.append(association.slug)
        assert measured[association.slug]["scrollWidth"] <= viewport["width"]
    assert not late, f"the call button is below the first screen: {late}"


def test_hours_address_and_languages_start_on_the_first_screen(first_screens):
    """Open now (or when next), the map link and the first language, where the record
    has them, are all on the first screen too."""
    late = []
    wanted = ["open state", "map link", "first language"]
    for slug, measured in first_screens(TALL_PHONE, Association.objects.all()).items():
        for what in wanted:
            end = measured[what]["bottom"]
            if end is not None and end > TALL_PHONE["height"]:
                late.append(f"{slug}: {what} ends at {end:.0f} px")
    assert not late, "\n".join(late)
