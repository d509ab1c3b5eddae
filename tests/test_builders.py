"""The small builders of tests/conftest.py keep their promise: records that can be made
side by side with the ones a test made by hand."""

import pytest

from associations.models import Prefecture

from .conftest import make_prefecture

pytestmark = pytest.mark.django_db


def test_a_built_prefecture_never_takes_a_code_a_test_gave_by_hand():
    make_prefecture(code="JP-23", slug="aichi", name_en="Aichi")
    for _ in range(46):
        make_prefecture()
    assert Prefecture.objects.values("code").distinct().count() == 47
