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


def bottom(page, selector: str) -> float | None:
    found = page.locator(selector)
    if not found.count():
        return None
    box = found.first.bounding_box()
    return box["y"] + box["height"]


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
        call = page.locator(f"{PANEL} a.phone.button-primary")
        assert call.count() == 1, association.slug
        assert call.get_attribute("href").startswith("tel:")
        if bottom(page, f"{PANEL} a.phone.button-primary") > viewport["height"]:
            late.append(association.slug)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
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
        for what, selector in wanted.items():
            end = bottom(page, selector)
            if end is not None and end > TALL_PHONE["height"]:
                late.append(f"{association.slug}: {what} ends at {end:.0f} px")
    assert not late, "\n".join(late)
