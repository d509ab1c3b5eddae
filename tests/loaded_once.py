"""A data-loading command run once per test process, its rows replayed after that.

Loading the real directory takes about 20 s and the places as long again, and a dozen
modules need them, each in a transaction rolled back after it. The first module that
asks runs the command and records what it changed, table by table; later modules get
exactly those rows back by bulk insert, with the same primary keys, in a second or two.
The loading commands themselves are tested by calling them (tests/test_commands.py,
tests/test_places_loading.py), never through this.
"""

import hashlib
from collections.abc import Iterable

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models

from associations.caching import bump_directory_version

Rows = dict[object, tuple]


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
    """What one run of a command added, altered and removed in each table."""

    def __init__(self, before: dict, after: dict) -> None:
        self.tables = []
        for model, old in before.items():
            new = after[model]
            added = [row for pk, row in new.items() if pk not in old]
            altered = [row for pk, row in new.items() if pk in old and old[pk] != row]
            removed = [pk for pk in old if pk not in new]
            if added or altered or removed:
                self.tables.append((model, len(old), added, altered, removed))

    def replay(self) -> None:
        # Only onto the state it was recorded on (load_once's key says so; this is cheap).
        for model, count_before, *_ in self.tables:
            count = model._base_manager.count()
            assert count == count_before, f"{model.__name__}: not the state recorded"
        for model, _, added, altered, removed in self.tables:
            if removed:
                model._base_manager.filter(pk__in=removed)._raw_delete(connection.alias)
            if altered:
                _update(model, altered)
            if added:
                _insert(model, added)
        # Explicit primary keys leave PostgreSQL's sequences behind: set them past the rows.
        sequences = connection.ops.sequence_reset_sql(no_style(), [t[0] for t in self.tables])
        with connection.cursor() as cursor:
            for sql in sequences:
                cursor.execute(sql)
        bump_directory_version()


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
    columns = ", ".join(quote(f.column) for f in model._meta.concrete_fields)
    values = ", ".join(["%s"] * len(model._meta.concrete_fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({values})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, _prepared(model, rows))


def _update(model: type[models.Model], rows: list[tuple]) -> None:
    quote = connection.ops.quote_name
    fields = model._meta.concrete_fields
    key = fields.index(model._meta.pk)
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    sql = f"UPDATE {table} SET {assignments} WHERE {pk} = %s"
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*row, row[key]) for row in _prepared(model, rows)])


_recorded: dict[tuple, Change] = {}


def _state() -> dict:
    return {model: _rows(model) for model in _tables()}


def _digest(state: dict) -> str:
    """The starting state, to the last value: a recording replays only onto the state it
    was made on (a flushed database gets new content type ids, for one)."""
    text = repr(sorted((model._meta.label, sorted(rows.items())) for model, rows in state.items()))
    return hashlib.sha256(text.encode()).hexdigest()


def load_once(command: str, *args: str) -> None:
    """Run `command` (inside the caller's transaction), or replay what it did when it ran
    on the same state before."""
    before = _state()
    key = (connection.vendor, command, *args, _digest(before))
    if key in _recorded:
        _recorded[key].replay()
        return
    call_command(command, *args, verbosity=0)
    _recorded[key] = Change(before, _state())
