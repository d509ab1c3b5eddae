"""Browser tests: Playwright driving Debian's Chromium against the live test server.

No browser is ever downloaded: Chromium comes from the system (/usr/bin/chromium), and
it is kept to the loopback network. Without Chromium the tests skip on a developer's
machine and fail on CI (CI=true), where .ci/run installs it.
"""

import os
import shutil
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import connections
from pytest_django.live_server_helper import LiveServer

from ..loaded_once import load_once
from .read_only import read_only_server

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


@pytest.fixture(scope="session")
def playwright(playwright):
    """pytest-playwright's, closing the connections made while its event loop ran.

    While the loop runs in the main thread, that thread's connections are not the ones it
    had before (asgiref keeps them per async context), and pytest-django closes only those
    at the end. One left open keeps PostgreSQL from dropping the test database. Once the
    loop stops they cannot be reached, so they are closed just before."""
    yield playwright
    connections.close_all()


@pytest.fixture(scope="session")
def server(django_db_setup, django_db_blocker):
    """The live server, our own: pytest-django's `live_server` empties the whole database
    after every test that uses it (a TRUNCATE of 80 tables: most of a second on PostgreSQL)."""
    with django_db_blocker.unblock():
        server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture
def served(server):
    # As pytest-django's `live_server` does: the server's host is allowed during a test.
    server._live_server_modified_settings.enable()
    yield server.url
    server._live_server_modified_settings.disable()


# The modules whose tests have shared a directory so far.
_sharing: set[str] = set()


@pytest.fixture(scope="module")
def shared_directory(request, django_db_setup, django_db_blocker):
    """The real directory, committed once for a module's tests that only read it (the load
    is run once a run and replayed after that, tests/loaded_once.py), emptied after them."""
    with django_db_blocker.unblock():
        load_once("load_directory")
    _sharing.add(request.module.__name__)
    yield
    _sharing.discard(request.module.__name__)
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def refused_writes(db) -> Iterator[list[str]]:
    """The statements the database refused during a test that must only read. A test's own
    writes are rolled back with its transaction; on PostgreSQL the live server's are
    committed and would stay for the module's later tests. So the database is told to
    refuse them, and a test that made the server write fails here, naming the statement."""
    refused: list[str] = []
    with read_only_server(refused):
        yield refused
    assert not refused, "a read-only test wrote (use `editable_site`):\n" + "\n".join(refused)


@pytest.fixture
def directory(shared_directory, refused_writes) -> None:
    """The real directory, to read: the module's tests share one load."""


@pytest.fixture
def site(directory, served) -> str:
    """The live server's address, over the real directory, for a test that only reads."""
    return served


@pytest.fixture
def editable_site(request, transactional_db, served) -> str:
    """The live server's address, over a real directory of the test's own: it may write
    (sign in, edit); the database is emptied after it."""
    # Emptied after this test, a shared directory would be gone for the module's next ones.
    assert request.module.__name__ not in _sharing, "a module's tests share or write, not both"
    load_once("load_directory")
    return served


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()
