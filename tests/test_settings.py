"""Settings come from the environment; they are read in a fresh interpreter each time."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The settings module alone, without django.setup(): importing every app took nine
# tenths of each run's time and reads nothing these tests look at.
PRINT = (
    "import json; from django.conf import settings; "
    "db = settings.DATABASES['default']; "
    "print(json.dumps({'debug': settings.DEBUG, 'hosts': settings.ALLOWED_HOSTS, "
    "'engine': db['ENGINE'], 'name': str(db['NAME']), 'tz': settings.TIME_ZONE, "
    "'key': settings.SECRET_KEY}))"
)


def settings_with(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {
        "DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "TIME_ZONE",
    }}  # fmt: skip
    clean.update(env, DJANGO_SETTINGS_MODULE="clair_directory.settings")
    return subprocess.run(
        [sys.executable, "-c", PRINT], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def read(**env: str) -> dict:
    result = settings_with(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_debug_a_secret_key_is_required():
    result = settings_with()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_gives_a_development_key_only():
    assert "insecure" in read(DEBUG="1")["key"]
    assert read(DEBUG="0", SECRET_KEY="s3cret")["key"] == "s3cret"


def test_the_defaults_are_sqlite_tokyo_and_local_hosts():
    values = read(DEBUG="1")
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"].endswith("db.sqlite3")
    assert values["tz"] == "Asia/Tokyo"
    assert values["hosts"] == ["localhost", "127.0.0.1", "[::1]"]
    assert values["debug"] is True


def test_database_url_chooses_postgresql():
    values = read(DEBUG="1", DATABASE_URL="postgres://user@db.example:5432/directory")
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "directory"


def test_an_empty_database_url_is_the_default_database():
    # As an env file or a compose file writes an unset value: `DATABASE_URL=`.
    values = read(DEBUG="1", DATABASE_URL="")
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"].endswith("db.sqlite3")


def test_allowed_hosts_is_a_comma_separated_list():
    values = read(SECRET_KEY="x", ALLOWED_HOSTS="directory.example, www.directory.example")
    assert values["hosts"] == ["directory.example", "www.directory.example"]
    assert values["debug"] is False


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_a_debug_value_that_is_not_a_boolean_is_refused(value):
    result = settings_with(DEBUG=value, SECRET_KEY="x")
    assert result.returncode != 0
    assert "DEBUG must be" in result.stderr


def test_cache_keys_carry_the_configured_prefix_on_a_shared_redis():
    script = (
        "import django; from django.conf import settings; django.setup(); "
        "from django.core.cache import cache; print(cache.make_key('page'))"
    )
    env = {k: v for k, v in os.environ.items() if k != "CACHE_KEY_PREFIX"}
    env.update(
        DEBUG="1",
        REDIS_URL="redis://127.0.0.1:1/0",
        CACHE_KEY_PREFIX="site-a",
        DJANGO_SETTINGS_MODULE="clair_directory.settings",
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "site-a:1:page"


def test_a_gunicorn_worker_freezes_what_loading_the_app_made():
    # gunicorn reads the hook from gunicorn.conf.py by its name: a misspelt hook would
    # simply never run. In a fresh interpreter, so that this process's collector is left be.
    script = (
        "import gc, runpy; from gunicorn.config import Config; "
        "hooks = runpy.run_path('gunicorn.conf.py'); config = Config(); "
        "assert 'post_worker_init' in config.settings; "
        "config.set('post_worker_init', hooks['post_worker_init']); "
        "before = gc.get_freeze_count(); config.post_worker_init(None); "
        "print(before, gc.get_freeze_count())"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    before, after = map(int, result.stdout.split())
    assert before == 0 and after > 10_000
