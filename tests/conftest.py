"""Small builders for unit tests, named personas, and the real fixtures for data tests."""

import datetime
import itertools

import pytest
from django.core.management import call_command
from django.db import transaction

from associations.models import (
    Association,
    Block,
    DesignatedCity,
    Language,
    Prefecture,
    Service,
    Source,
)

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
    n = next(_numbers) % 47 + 1
    values = {
        "code": f"JP-{n:02d}",
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
    }
    values.update(overrides)
    if "prefecture" not in values:
        city = values.get("designated_city")
        values["prefecture"] = city.prefecture if city else make_prefecture()
    association = _sourced(Association.objects.create(**values))
    association.languages.set(languages)
    association.services.set(services)
    return association


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


@pytest.fixture(scope="module")
def real_directory(django_db_setup, django_db_blocker):
    """The project's real fixtures, loaded once per module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_directory", verbosity=0)
        yield
        transaction.set_rollback(True)
