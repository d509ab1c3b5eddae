"""The residents' listing on a phone (issue #13): results first, filters one tap away."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

# The phone the issue was measured on.
PHONE_390 = {"width": 390, "height": 844}


@pytest.fixture
def phone_390(browser: Browser):
    context = browser.new_context(viewport=PHONE_390, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def first_result_is_on_the_first_screen(page: Page) -> bool:
    box = page.locator("ul.cards > li").first.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + 40 <= PHONE_390["height"]


@pytest.mark.parametrize("query", ["", "?block=kanto&language=vi"])
def test_the_first_result_is_on_the_first_screen_of_a_phone(phone_390: Page, site, query):
    phone_390.goto(site + "/associations/" + query)
    assert phone_390.evaluate("window.scrollY") == 0
    assert first_result_is_on_the_first_screen(phone_390)
    # The filters open in place, without JavaScript, and show the filters in use.
    summary = phone_390.locator("details.filters-panel > summary")
    expect(summary).to_have_text("Filters · 2 active" if query else "Filters")
    summary.tap()
    expect(phone_390.locator("form.facets button[type=submit]")).to_be_visible()


def test_skip_to_results_is_the_first_tab_and_enter_moves_focus_to_the_results(page: Page, site):
    page.goto(site + "/associations/?block=kanto&language=vi")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "[document.activeElement.className, document.activeElement.textContent]"
    )
    assert focused == ["skip-link", "Skip to results"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "results"
    # The next Tab goes on from the results: to the first link in them, not the filters.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('#results')")


def test_the_association_page_is_not_styled_as_small_print(page: Page, site):
    page.goto(site + "/associations/")
    page.locator("ul.cards > li h3 a").first.click()
    # The click starts the navigation; read the styles of the page it arrives at, not of
    # the listing still shown (CI once read the listing, which has no `main > div`).
    page.wait_for_url(re.compile(r"/associations/[^/]+/$"))
    body, main = page.evaluate(
        """() => [document.body, document.querySelector('main > div')].map(e => {
            const style = getComputedStyle(e);
            return [style.fontSize, style.color];
        })"""
    )
    assert main == body
