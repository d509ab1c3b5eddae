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


def visit_each(browser: Browser, site: str, viewport: dict, associations):
    context = browser.new_context(viewport=viewport, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        for association in associations:
            page.goto(site + association.get_absolute_url())
            yield association, page
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, TALL_PHONE], ids=["360x740", "390x844"])
def test_the_call_button_is_on_the_first_screen(browser, site, viewport):
    with_phone = [
        association
        for association in Association.objects.all()
        if phones.present(association.phone) or phones.present(association.consultation_phone)
    ]
    assert with_phone
    late = []
    for association, page in visit_each(browser, site, viewport, with_phone):
        measured = measure(page, call=f"{PANEL} a.phone.button-primary")
        call = measured["call"]
        assert call["count"] == 1, association.slug
        assert call["href"].startswith("tel:")
        if call["bottom"] > viewport["height"]:
            late.append(association.slug)
        assert measured["scrollWidth"] <= viewport["width"]
    assert not late, f"the call button is below the first screen: {late}"


def test_hours_address_and_languages_start_on_the_first_screen(browser, site):
    """Open now (or when next), the map link and the first language, where the record
    has them, are all on the first screen too."""
    late = []
    wanted = {
        "open state": f"{PANEL} .open-state",
        "map link": f"{PANEL} .map-link",
        "first language": f"{PANEL} .tag",
    }
    for association, page in visit_each(browser, site, TALL_PHONE, Association.objects.all()):
        measured = measure(page, **wanted)
        for what in wanted:
            end = measured[what]["bottom"]
            if end is not None and end > TALL_PHONE["height"]:
                late.append(f"{association.slug}: {what} ends at {end:.0f} px")
    assert not late, "\n".join(late)
