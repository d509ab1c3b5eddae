"""Browser tests: Playwright driving Debian's Chromium against the live test server.

No browser is ever downloaded: Chromium comes from the system (/usr/bin/chromium), and
it is kept to the loopback network. Without Chromium the tests skip on a developer's
machine and fail on CI (CI=true), where .ci/run installs it.
"""

import os
import shutil

import pytest

from ..loaded_once import load_once

# Playwright's sync API keeps an event loop running in the main thread from the first
# browser test to the end of the session, and Django then takes every ORM call made in
# that thread, by these tests and the ones after them, for one made from async code.
# They are plain synchronous calls. (Only the test process is affected; the tests that
# start subprocesses leave this variable out of their environment.)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
        ],
    }


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": DESKTOP, "accept_downloads": True}


@pytest.fixture
def directory(transactional_db):
    """The real directory data in the live server's database. The database is emptied
    after each test; the load runs once and is replayed after that (tests/loaded_once.py)."""
    load_once("load_directory")


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def site(live_server, directory) -> str:
    return live_server.url
