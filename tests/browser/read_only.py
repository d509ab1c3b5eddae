"""The database refuses the live server's writes while a read-only browser test runs.

The browser modules share one committed load of the directory between their tests that
only read it (tests/browser/conftest.py). A test's own writes are rolled back with its
transaction; the live server's are not on PostgreSQL, where it has connections of its
own that commit. So during such a test the database is told to refuse writes, and each
refusal is noted for the test's teardown to report, whatever page the server showed.

- PostgreSQL: each connection the server opens (one per request, in the request's
  thread) starts read-only (`default_transaction_read_only`).
- SQLite: the test database is in memory, and the server shares the test's connection,
  so its writes would be rolled back too; the connection is made read-only all the same
  (`PRAGMA query_only`), so a test that writes fails on both databases alike.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.db.backends.signals import connection_created

# What each database says when it refuses a write in read-only mode.
REFUSALS = ("read-only transaction", "readonly database")


def _noting(refused: list[str]):
    def execute(execute, sql, params, many, context):
        try:
            return execute(sql, params, many, context)
        except Exception as error:
            if any(words in str(error) for words in REFUSALS):
                refused.append(sql)
            raise

    return execute


@contextmanager
def read_only_server(refused: list[str]) -> Iterator[None]:
    noting = _noting(refused)
    if connection.vendor == "sqlite":
        # On the driver's connection: after a refused write Django takes no more queries
        # until the test's transaction ends, and the pragma outlives the transaction.
        connection.ensure_connection()
        connection.connection.execute("PRAGMA query_only = ON")
        try:
            with connection.execute_wrapper(noting):
                yield
        finally:
            connection.connection.execute("PRAGMA query_only = OFF")
        return

    def server_connection(sender, connection, **kwargs) -> None:
        # The test's own thread keeps its connection as it is.
        if threading.current_thread() is threading.main_thread():
            return
        with connection.cursor() as cursor:
            cursor.execute("SET default_transaction_read_only = on")
        connection.execute_wrappers.append(noting)

    connection_created.connect(server_connection, weak=False)
    try:
        yield
    finally:
        connection_created.disconnect(server_connection)
