"""A data-loading command run once per test process, its rows replayed after that.

Loading the real directory takes about 20 s and the places as long again, and a dozen
modules need them, each in a transaction rolled back after it. The first module that
asks runs the command and records what it changed, table by table; later modules get
exactly those rows back by bulk insert, with the same primary keys, in a second or two.
The loading commands themselves are tested by calling them (tests/test_commands.py,
tests/test_places_loading.py), never through this.
"""

from collections.abc import Iterable

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models

from associations.caching import bump_directory_version

BATCH = 2000

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
        # It applies only to the state it was recorded on.
        for model, count_before, *_ in self.tables:
            count = model._base_manager.count()
            assert count == count_before, f"{model.__name__}: not the state recorded"
        for model, _, added, altered, removed in self.tables:
            manager = model._base_manager
            columns = _columns(model)
            if removed:
                manager.filter(pk__in=removed)._raw_delete(connection.alias)
            if altered:
                editable = [c for c in columns if c != model._meta.pk.attname]
                manager.bulk_update(_objects(model, columns, altered), editable, batch_size=BATCH)
            if added:
                manager.bulk_create(_objects(model, columns, added), batch_size=BATCH)
                # bulk_create stamps auto_now fields with the time of the replay: put back
                # the recorded ones.
                stamped = [f.attname for f in model._meta.concrete_fields if _stamped(f)]
                if stamped:
                    objects = _objects(model, columns, added)
                    manager.bulk_update(objects, stamped, batch_size=BATCH)
        # Explicit primary keys leave PostgreSQL's sequences behind: set them past the rows.
        sequences = connection.ops.sequence_reset_sql(no_style(), [t[0] for t in self.tables])
        with connection.cursor() as cursor:
            for sql in sequences:
                cursor.execute(sql)
        bump_directory_version()


def _stamped(field) -> bool:
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


def _objects(model, columns: list[str], rows: Iterable[tuple]) -> list[models.Model]:
    return [model(**dict(zip(columns, row, strict=True))) for row in rows]


_recorded: dict[tuple, Change] = {}


def load_once(command: str, *args: str) -> None:
    """Run `command` (inside the caller's transaction), or replay what its first run did."""
    key = (connection.vendor, command, *args)
    if key in _recorded:
        _recorded[key].replay()
        return
    before = {model: _rows(model) for model in _tables()}
    call_command(command, *args, verbosity=0)
    _recorded[key] = Change(before, {model: _rows(model) for model in _tables()})
