"""The officials' offices page at desktop width (issue #13)."""

from playwright.sync_api import Page


def test_the_headquarters_table_uses_the_full_width_and_dates_stay_on_one_line(page: Page, site):
    page.goto(site + "/offices/")
    table, content = page.evaluate(
        """() => [
            document.querySelector('#office-headquarters table').getBoundingClientRect().width,
            document.querySelector('#office-headquarters').getBoundingClientRect().width,
        ]"""
    )
    assert table >= 0.95 * content
    lines = page.evaluate(
        """() => [...document.querySelectorAll('#office-headquarters td.date')].map(td => {
            const range = document.createRange();
            range.selectNodeContents(td);
            return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
        })"""
    )
    assert lines and max(lines) == 1
