"""When each record last changed, from its django-simple-history versions.

The models keep no modified timestamp; their history does. Records loaded from the fixtures
(`loaddata` saves raw, which simple-history does not record) have no version yet: they are
dated by `as_of`, the day their facts were known to hold.
"""

import datetime

from django.db import models
from django.db.models import Max
from django.utils.timezone import get_default_timezone


def last_changes(model: type[models.Model]) -> dict[int, datetime.datetime]:
    """Each record's latest version time by primary key, in ONE grouped query."""
    return dict(
        model.history.model.objects.order_by()
        .values("id")
        .annotate(changed=Max("history_date"))
        .values_list("id", "changed")
    )


def changed_at(record: models.Model, changes: dict[int, datetime.datetime]) -> datetime.datetime:
    """The record's last change, or the start of its `as_of` day (in the site's time zone)
    when it has no history."""
    changed = changes.get(record.pk)
    if changed is not None:
        return changed
    return datetime.datetime.combine(record.as_of, datetime.time(), tzinfo=get_default_timezone())
