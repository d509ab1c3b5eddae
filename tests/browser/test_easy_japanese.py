"""A reader of やさしい日本語 follows the links from the Easy Japanese home page and meets
no English beyond association names and codes (issue #13): the text checked is what
Chromium shows, so text hidden by CSS does not count and text added by it would."""

from playwright.sync_api import Page

from ..test_i18n_easy_japanese import english_words_in_text, organisation_names

# What is English on purpose, as the test-client check skips it: the language switcher,
# each language's name in itself, Japanese names in Latin letters, cited sources' titles
# and postal addresses abroad. Offices' pages may add data CLAIR has only in English,
# marked lang="en".
ON_PURPOSE = (
    "script, style, template, .language-switcher, .postal-address, a[href*='/sources/'],"
    " [lang]:not([lang^='ja']):not([lang^='en']), [lang$='-Latn' i]"
)
MARKED_ENGLISH = "[lang='en']"


def shown_text(page: Page, marked_english: bool = False) -> str:
    selector = ON_PURPOSE + (", " + MARKED_ENGLISH if marked_english else "")
    return page.evaluate(
        """(selector) => {
            for (const el of document.querySelectorAll(selector)) el.style.display = 'none';
            return document.body.innerText;
        }""",
        selector,
    )


def test_a_reader_of_easy_japanese_follows_the_links_and_meets_no_english(page: Page, site):
    names = organisation_names()
    seen = {}

    def check(name: str, marked_english: bool = False) -> None:
        assert page.url.startswith(site + "/ja-x-easy/"), f"{name} left Easy Japanese: {page.url}"
        assert page.locator("html").get_attribute("lang") == "ja-x-easy"
        words = english_words_in_text(shown_text(page, marked_english), names)
        if words:
            seen[name] = words

    page.goto(site + "/ja-x-easy/")
    check("home")
    page.locator("ul.tilemap a[href*='/shizuoka/']").click()
    check("prefecture")
    page.locator("main a[href*='/associations/hamamatsu']").first.click()
    check("detail")
    menu = page.locator("header ul.nav a")
    for index, name in enumerate(["listing", "prefectures", "cities", "offices", "jet"]):
        menu.nth(index).click()
        # The offices' and JET pages hold data CLAIR has only in English, marked as English.
        check(name, marked_english=name in ("offices", "jet"))
    assert not seen, seen
