"""The test helper that replays a loading command's rows (tests/loaded_once.py) writes
back exactly what the command wrote, so that modules given the replay test real data."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from associations.models import Association, Correction

from . import loaded_once

pytestmark = pytest.mark.django_db


def fresh(monkeypatch, shared=None) -> None:
    """Nothing recorded yet, in this process or (unless `shared`) in the run."""
    monkeypatch.setattr(loaded_once, "_recorded", {})
    monkeypatch.setattr(loaded_once, "shared", shared)


def _everything() -> dict:
    return {model._meta.label: loaded_once._rows(model) for model in loaded_once._tables()}


def _rolled_back(action) -> dict:
    with transaction.atomic():
        action()
        rows = _everything()
        transaction.set_rollback(True)
    return rows


def test_a_replay_writes_every_row_the_command_wrote(monkeypatch, tmp_path):
    # Recorded afresh here: the first load_once below runs the command.
    fresh(monkeypatch, shared=tmp_path)
    empty = _everything()
    run = _rolled_back(lambda: loaded_once.load_once("load_directory"))
    assert _everything() == empty
    # As another process of the run, which has recorded nothing: it reads the recording
    # from the shared folder, and does not run the command.
    fresh(monkeypatch, shared=tmp_path)
    runs = []
    monkeypatch.setattr(loaded_once, "call_command", lambda *args, **kw: runs.append(args))
    replayed = _rolled_back(lambda: loaded_once.load_once("load_directory"))
    assert runs == []
    assert sum(map(len, run.values())) > sum(map(len, empty.values())) + 1000
    # Table by table, the same rows with the same keys and values (timestamps included).
    assert replayed.keys() == run.keys()
    for table in run:
        assert replayed[table] == run[table], table


def test_a_replay_is_only_for_the_state_it_was_recorded_on(monkeypatch, builders):
    fresh(monkeypatch)
    runs = []
    monkeypatch.setattr(loaded_once, "call_command", lambda *args, **kw: runs.append(args))
    loaded_once.load_once("load_directory")
    loaded_once.load_once("load_directory")
    assert len(runs) == 1
    builders["prefecture"]()
    loaded_once.load_once("load_directory")
    assert len(runs) == 2


def test_a_shared_recording_is_only_for_the_state_it_was_recorded_on(
    monkeypatch, tmp_path, builders
):
    runs = []
    monkeypatch.setattr(loaded_once, "call_command", lambda *args, **kw: runs.append(args))
    fresh(monkeypatch, shared=tmp_path)
    loaded_once.load_once("load_directory")
    # The recording, and the lock that kept another process from reading it half written.
    assert sorted(path.suffix for path in tmp_path.iterdir()) == ["", ".lock"]
    fresh(monkeypatch, shared=tmp_path)
    loaded_once.load_once("load_directory")
    assert len(runs) == 1
    builders["prefecture"]()
    fresh(monkeypatch, shared=tmp_path)
    loaded_once.load_once("load_directory")
    assert len(runs) == 2


def test_a_replay_follows_content_types_to_their_new_ids(monkeypatch):
    # A browser test's database is emptied after it and the content types made anew, with
    # new ids; the corrections the directory records point at content types.
    fresh(monkeypatch)
    with transaction.atomic():
        loaded_once.load_once("load_directory")
        corrected = sorted(c.content_type.model for c in Correction.objects.all())
        transaction.set_rollback(True)
    assert corrected
    for old in ContentType.objects.order_by("-pk").values_list("pk", flat=True):
        ContentType.objects.filter(pk=old).update(id=old + 1000)
        Permission.objects.filter(content_type=old).update(content_type=old + 1000)
    ContentType.objects.clear_cache()
    runs = []
    monkeypatch.setattr(loaded_once, "call_command", lambda *args, **kw: runs.append(args))
    loaded_once.load_once("load_directory")
    assert runs == []
    assert sorted(c.content_type.model for c in Correction.objects.all()) == corrected
    assert min(Correction.objects.values_list("content_type", flat=True)) > 1000


def test_a_replay_is_not_for_rows_edited_since_it_was_recorded(monkeypatch, builders):
    fresh(monkeypatch)
    runs = []
    monkeypatch.setattr(loaded_once, "call_command", lambda *args, **kw: runs.append(args))
    association = builders["association"]()
    loaded_once.load_once("load_directory")
    # As a test might, without the history row a save would add.
    Association.objects.filter(pk=association.pk).update(email="edited@example.org")
    # The same number of rows everywhere, but a row the command may read has changed.
    loaded_once.load_once("load_directory")
    assert len(runs) == 2
