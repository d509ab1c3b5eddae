"""A data-loading command run once per test process, its rows replayed after that.

Loading the real directory takes 6 to 10 s and the places about as long, and a dozen
modules and most browser tests need them, each in a transaction rolled back after it (or
a database emptied after it). The first that asks runs the command and records what it
changed, table by table; the later ones get exactly those rows back, with the same
primary keys, in a fraction of a second, when the database is as it was when recorded.
The loading commands themselves are tested by calling them (tests/test_commands.py,
tests/test_places_loading.py), never through this.

Under pytest-xdist the first recording of each command is also written to a folder the
run's processes share (`shared`, set by tests/conftest.py), so only one process of a run
pays for the first load: the other replays it too, if it fits its database.
"""

import fcntl
import hashlib
import pickle
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models, transaction

from associations.caching import bump_directory_version

Rows = dict[object, tuple]


APP = "associations"


def _tables() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def _columns(model: type[models.Model]) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


def _rows(model: type[models.Model]) -> Rows:
    columns = _columns(model)
    key = columns.index(model._meta.pk.attname)
    return {row[key]: row for row in model._base_manager.order_by().values_list(*columns)}


class Change:
    """What one run of a command added, altered and removed in each table, and what of the
    state before it the rows depend on."""

    def __init__(self, before: dict, after: dict) -> None:
        self.counts = {model: len(rows) for model, rows in before.items()}
        self.tables = []
        for model, old in before.items():
            new = after[model]
            added = [row for pk, row in new.items() if pk not in old]
            altered = [row for pk, row in new.items() if pk in old and old[pk] != row]
            removed = [pk for pk in old if pk not in new]
            if added or altered or removed:
                self.tables.append((model, added, altered, removed))
        written = {model for model, *_ in self.tables}
        # The directory's own tables exactly as they were: what the command did depends
        # on them (a run over edited rows would change them back). Django's bookkeeping
        # (content types, permissions) may be numbered anew: only its counts must match.
        self.pinned = {
            m: _comparable(m, rows) for m, rows in before.items() if m._meta.app_label == APP
        }
        self.named = {}
        for model, added, altered, _ in self.tables:
            for i, field in enumerate(model._meta.concrete_fields):
                target = field.related_model if field.is_relation else None
                if target is None or target in written:
                    continue
                if not any(row[i] is not None for row in added + altered):
                    continue
                if hasattr(target, "natural_key"):
                    # A content type's id changes when a test's flush makes it anew; its
                    # natural key (app, model) does not.
                    names = {obj.pk: obj.natural_key() for obj in target._base_manager.all()}
                    self.named[(model, i)] = (target, names)
                else:
                    self.pinned[target] = _comparable(target, before[target])

    # Pickled with models named by their labels: a many-to-many table's model is made at
    # run time and cannot be pickled by reference.
    def __getstate__(self) -> dict:
        def label(model) -> str:
            return model._meta.label

        return {
            "counts": {label(m): n for m, n in self.counts.items()},
            "tables": [(label(m), *rows) for m, *rows in self.tables],
            "pinned": {label(m): rows for m, rows in self.pinned.items()},
            "named": {(label(m), i): (label(t), n) for (m, i), (t, n) in self.named.items()},
        }

    def __setstate__(self, state: dict) -> None:
        model = apps.get_model
        self.counts = {model(m): n for m, n in state["counts"].items()}
        self.tables = [(model(m), *rows) for m, *rows in state["tables"]]
        self.pinned = {model(m): rows for m, rows in state["pinned"].items()}
        self.named = {(model(m), i): (model(t), n) for (m, i), (t, n) in state["named"].items()}

    def fits(self, state: dict) -> bool:
        """Whether it can be replayed onto `state`: the same number of rows everywhere, the
        directory's tables row for row, and every row it refers to by name."""
        if {model: len(rows) for model, rows in state.items()} != self.counts:
            return False
        if any(_comparable(m, state[m]) != rows for m, rows in self.pinned.items()):
            return False
        return all(
            set(names.values()) <= set(_ids(target)) for target, names in self.named.values()
        )

    def replay(self) -> None:
        for model, added, altered, removed in self.tables:
            if removed:
                model._base_manager.filter(pk__in=removed)._raw_delete(connection.alias)
            if altered:
                _update(model, self._renamed(model, altered))
            if added:
                _insert(model, self._renamed(model, added))
        # Explicit primary keys leave PostgreSQL's sequences behind: set them past the rows.
        sequences = connection.ops.sequence_reset_sql(no_style(), [t[0] for t in self.tables])
        with connection.cursor() as cursor:
            for sql in sequences:
                cursor.execute(sql)
        bump_directory_version()

    def _renamed(self, model, rows: list[tuple]) -> list[tuple]:
        """The rows with each id of a named row (a content type) as it is now."""
        named = self.named.items()
        columns = [(i, names, _ids(target)) for (m, i), (target, names) in named if m is model]
        if not columns:
            return rows
        renamed = []
        for row in rows:
            values = list(row)
            for i, names, now in columns:
                if values[i] is not None:
                    values[i] = now[names[values[i]]]
            renamed.append(tuple(values))
        return renamed


def _comparable(model: type[models.Model], rows: Rows) -> Rows:
    """`rows` with each reference to a row that has a natural key (a content type) as that
    key: a flush makes content types anew with new ids, in one process and not another."""
    columns = [
        (i, field.related_model)
        for i, field in enumerate(model._meta.concrete_fields)
        if field.is_relation and hasattr(field.related_model, "natural_key")
    ]
    if not columns or not any(row[i] is not None for row in rows.values() for i, _ in columns):
        return rows
    names = {target: {pk: key for key, pk in _ids(target).items()} for _, target in columns}
    comparable = {}
    for pk, row in rows.items():
        values = list(row)
        for i, target in columns:
            if values[i] is not None:
                values[i] = names[target].get(values[i], values[i])
        comparable[pk] = tuple(values)
    return comparable


def _ids(model) -> dict:
    """Natural key → primary key, read afresh (the manager's own cache may be stale)."""
    return {obj.natural_key(): obj.pk for obj in model._base_manager.all()}


# Plain SQL, as the command's rows were read: bulk_create would make a model instance of
# each of the 143,077 postcodes (as slow as loading them) and stamp auto_now fields anew.


# Values of these types go back to the database as they came (a phone number, a time or
# JSON needs the field's own preparation). Exact types: a subclass may store differently.
PLAIN = {
    models.AutoField,
    models.BigAutoField,
    models.BooleanField,
    models.CharField,
    models.EmailField,
    models.IntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.SlugField,
    models.SmallIntegerField,
    models.TextField,
    models.URLField,
}


def _plain(field: models.Field) -> bool:
    return type(field.target_field if field.is_relation else field) in PLAIN


def _prepared(model: type[models.Model], rows: Iterable[tuple]) -> list[tuple]:
    fields = model._meta.concrete_fields
    prepare = [i for i, field in enumerate(fields) if not _plain(field)]
    if not prepare:
        return list(rows)
    prepared = []
    for row in rows:
        values = list(row)
        for i in prepare:
            values[i] = fields[i].get_db_prep_save(values[i], connection)
        prepared.append(tuple(values))
    return prepared


def _insert(model: type[models.Model], rows: list[tuple]) -> None:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in model._meta.concrete_fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: a tenth of the time executemany takes for the postcodes.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in _prepared(model, rows):
                    copy.write_row(row)
            return
        values = ", ".join(["%s"] * len(model._meta.concrete_fields))
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({values})", _prepared(model, rows)
        )


def _update(model: type[models.Model], rows: list[tuple]) -> None:
    quote = connection.ops.quote_name
    fields = model._meta.concrete_fields
    key = fields.index(model._meta.pk)
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    sql = f"UPDATE {table} SET {assignments} WHERE {pk} = %s"
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*row, row[key]) for row in _prepared(model, rows)])


_recorded: dict[tuple, list[Change]] = {}

# A folder this run's processes share, or None (a run of one process).
shared: Path | None = None


def _state() -> dict:
    return {model: _rows(model) for model in _tables()}


def load_once(command: str, *args: str) -> None:
    """Run `command` in a transaction (nested in the caller's, if any), or replay what it
    did when it ran on a state it fits: in this process, or in another of the run's."""
    _load_once(command, *args)
    # PostgreSQL checks the foreign keys of the rows written at the end of the transaction,
    # and Django's TestCase asks for that check after each test: against every row loaded
    # here, again and again (0.4 s a test with the places). Checked here, once.
    connection.check_constraints()


def _load_once(command: str, *args: str) -> None:
    with transaction.atomic():
        before = _state()
        # The fixtures' folder too: load_directory reads settings.FIXTURE_DIRS by default.
        key = (connection.vendor, tuple(map(str, settings.FIXTURE_DIRS)), command, *args)
        recordings = _recorded.setdefault(key, [])
        for change in recordings:
            if change.fits(before):
                change.replay()
                return
        with _shared_recording(key) as (recorded, keep):
            if recorded is not None and recorded.fits(before):
                recordings.append(recorded)
                recorded.replay()
                return
            call_command(command, *args, verbosity=0)
            change = Change(before, _state())
            recordings.append(change)
            if recorded is None:
                keep(change)


@contextmanager
def _shared_recording(key: tuple) -> Iterator[tuple]:
    """The run's recording for `key` (None if there is none yet) and a function that keeps
    one, under a lock: a process that asks while another records waits for its recording."""
    if shared is None:
        yield None, lambda change: None
        return
    shared.mkdir(parents=True, exist_ok=True)
    path = shared / hashlib.sha256(repr(key).encode()).hexdigest()[:16]
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            recorded = pickle.loads(path.read_bytes()) if path.exists() else None

            def keep(change: Change) -> None:
                # Written whole, then renamed: a reader never sees half a file.
                path.with_suffix(".part").write_bytes(pickle.dumps(change, protocol=5))
                path.with_suffix(".part").rename(path)

            yield recorded, keep
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
