"""Users' journeys, each as a person would take it."""

import csv
import io
import re
from pathlib import Path

import vobject
from playwright.sync_api import Page, expect

from associations.models import Association

HAMAMATSU = "Hamamatsu Foundation for International Communication and Exchange"


def test_a_resident_on_a_phone_finds_hamamatsu_by_the_map_and_taps_its_phone(phone: Page, site):
    phone.goto(site)
    phone.get_by_role("link", name=re.compile(r"^Shizuoka: \d+ associations")).tap()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Shizuoka")
    phone.get_by_role("link", name=HAMAMATSU).tap()
    expect(phone.get_by_role("heading", level=1)).to_have_text(HAMAMATSU)
    call = phone.get_by_role("link", name="053-458-2170")
    expect(call).to_have_attribute("href", "tel:+81-53-458-2170")
    # Nothing on the page is wider than the phone's screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    requests = []
    phone.on("request", lambda request: requests.append(request.url))
    call.tap()
    assert not [url for url in requests if url.startswith("http") and "tel:" in url]


def test_a_resident_on_a_phone_finds_hamamatsu_by_search(phone: Page, site):
    phone.goto(site)
    phone.get_by_label("Your town or postcode").fill("浜松")
    phone.get_by_role("button", name="Search").tap()
    expect(phone.get_by_role("heading", name="Associations with this name")).to_be_visible()
    phone.get_by_role("link", name=HAMAMATSU).tap()
    expect(phone.get_by_role("link", name="053-458-2170")).to_be_visible()


def test_a_resident_switches_to_vietnamese_and_filters_by_a_language(page: Page, site):
    page.goto(site + "/associations/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Tiếng Việt").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    assert "/vi/associations/" in page.url
    page.locator("details.filters-panel > summary").click()  # the filters open in place
    page.locator("input[name=language][value=pt]").check()
    page.locator("form.facets button[type=submit]").click()
    assert "language=pt" in page.url
    expected = Association.objects.filter(languages__code="pt").count()
    expect(page.locator("ul.cards > li")).to_have_count(min(expected, 20))
    expect(page.locator("html")).to_have_attribute("lang", "vi")


def test_an_official_gets_the_paris_vcard_and_the_kinki_csv(page: Page, site):
    page.goto(site + "/offices/")
    # The index at the top jumps to the office; its heading opens the office's own page.
    page.locator("nav.office-index").get_by_role("link", name=re.compile("CLAIR, Paris")).click()
    assert page.url.endswith("#office-paris")
    page.locator("#office-paris h2").get_by_role("link").click()
    expect(page.get_by_text(re.compile(r"UTC\+0[12]:00"))).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download contact card (vCard)").click()
    card = vobject.readOne(Path(download.value.path()).read_text(encoding="utf-8"))
    assert card.adr.value.city == "Paris"
    assert card.tel.value.startswith("+33")

    page.goto(site + "/associations/")
    page.locator("details.filters-panel > summary").click()  # the filters open in place
    page.locator("input[name=block][value=kinki]").check()
    page.locator("form.facets button[type=submit]").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV (Excel)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    # Every association in the block, listed and municipal alike, and nothing else.
    assert len(rows) == Association.objects.in_block("kinki").count()
    assert {r["Block"] for r in rows} == {"Kinki"}
    assert "大阪府" in {r["Prefecture (Japanese)"] for r in rows}


def test_every_filter_and_the_language_switcher_work_by_keyboard(page: Page, site):
    page.goto(site + "/associations/")
    # Tab from the top of the page to the closed "Filters" disclosure, and open it.
    summary = page.locator("details.filters-panel > summary")
    for _ in range(100):
        page.keyboard.press("Tab")
        if summary.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError("the filters cannot be reached by keyboard")
    page.keyboard.press("Enter")
    # Then on until the first Vietnamese checkbox has focus.
    target = page.locator("input[name=language][value=vi]")
    for _ in range(200):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError("the language filter cannot be reached by keyboard")
    page.keyboard.press("Space")
    expect(target).to_be_checked()
    page.locator("form.facets button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("language=vi"))
    # The results come first again; the filters open from their summary by keyboard.
    summary.focus()
    page.keyboard.press("Enter")
    # Every control of the filter form is reachable by Tab.
    controls = page.locator(
        "form.facets input, form.facets select, form.facets button, form.facets summary"
    )
    assert controls.count() > 20
    reached = set()
    page.locator("#facet-q").focus()
    for _ in range(controls.count() + 60):
        reached.add(page.evaluate("document.activeElement.outerHTML.slice(0, 120)"))
        page.keyboard.press("Tab")
    assert any("facet-sort" in html for html in reached)
    # The language switcher by keyboard.
    switch = page.get_by_role("navigation", name="Language").get_by_role("link", name="日本語")
    switch.focus()
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    assert "language=vi" in page.url


# The first elements reaching past the right edge, to name the culprit in the failure.
WIDER_THAN_320 = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > 321).slice(0, 5)
    .map(e => e.tagName.toLowerCase() + '.' + e.className)"""


def test_no_page_is_wider_than_a_320_px_phone(browser, site):
    from .test_accessibility import PAGES

    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for language in ("", "/ja", "/vi"):
        for name, path in PAGES.items():
            page.goto(site + language + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{language}{path} ({name}) is {width} px wide: " + ", ".join(
                page.evaluate(WIDER_THAN_320)
            )
    context.close()


def test_no_page_asks_for_anything_that_fails_or_logs_an_error(context, site):
    """Every request a page makes (stylesheets, the icon the browser asks for) succeeds,
    and the console stays clean: Lighthouse counts an error there against the page.

    Each page is open in a tab of its own until all have gone quiet (no request for half
    a second, to see the late ones): waited for one after the other, that half second
    was most of the test's time."""
    from .test_accessibility import PAGES

    failed, errors = [], []
    context.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else 0)
    context.on("console", lambda m: errors.append(m.text) if m.type == "error" else 0)
    tabs = []
    for name, path in PAGES.items():
        if name == "not found":  # a 404 on purpose, which the console reports
            continue
        tab = context.new_page()
        tab.goto(site + path)
        tabs.append(tab)
    for tab in tabs:
        tab.wait_for_load_state("networkidle")
    assert not failed, failed
    assert not errors, errors
