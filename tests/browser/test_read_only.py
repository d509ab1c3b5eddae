"""The guard of the shared directory: a browser test that only reads cannot write, through
the live server or itself, without failing (tests/browser/read_only.py)."""

from playwright.sync_api import Page

REPORT_FORM = "/associations/hamamatsu-foundation-for-international-communication/report/"


def test_a_write_by_the_live_server_is_refused_and_named(page: Page, site, refused_writes):
    page.goto(site + REPORT_FORM)
    page.select_option("#id_topic", "phone")
    page.fill("#id_detail", "The number rings out.")
    response_to_post = []
    page.on(
        "response",
        lambda r: response_to_post.append(r.status) if r.request.method == "POST" else None,
    )
    page.locator("form[method=post] button[type=submit]").click()
    page.wait_for_load_state()
    # A server error: 500, or 503 on SQLite, whose refusal reads as the database unavailable.
    assert len(response_to_post) == 1 and response_to_post[0] >= 500
    # The database refused the report's row, so there is nothing to undo.
    assert any(sql.startswith("INSERT") and "report" in sql for sql in refused_writes)
    # Caught on purpose here; anywhere else the teardown fails the test.
    refused_writes.clear()
