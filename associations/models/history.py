"""Each record's history of edits (django-simple-history), with its manager made once."""

from functools import cache

from django.db import models
from simple_history.manager import HistoryManager
from simple_history.models import HistoricalRecords


class KeptHistoryManager(HistoryManager):
    """django-simple-history makes the class of `record.history` anew on every access
    (`from_queryset`, which inspects every method of the queryset), and it reads it on
    every save to write the historical record. The class depends only on the queryset
    class, so it is made once."""

    @classmethod
    @cache
    def from_queryset(cls, queryset_class, class_name=None):
        return super().from_queryset(queryset_class, class_name)


_of_model: dict[type[models.Model], "History"] = {}


class History(HistoricalRecords):
    """HistoricalRecords whose `record.history` managers share one class, and which can
    write a record's creation with the links it was created with (`record_creation`)."""

    def __init__(self, **options) -> None:
        super().__init__(history_manager=KeptHistoryManager, **options)

    def finalize(self, sender, **kwargs) -> None:
        super().finalize(sender, **kwargs)
        if sender is self.cls:
            _of_model[sender] = self

    @staticmethod
    def of(model: type[models.Model]) -> "History | None":
        return _of_model.get(model)

    def keeps(self, field_name: str) -> bool:
        """Whether each historical record holds this many-to-many field's links."""
        return any(f.name == field_name for f in self.get_m2m_fields_from_model(self.cls))

    def record_creation(self, instance: models.Model, links: dict[str, list]) -> None:
        """The one historical record of `instance`, saved (`skip_history_when_saving`) and
        linked (`links`: each many-to-many field's new rows of its link table) without
        one: "created", holding its links. Saved, then linked, the usual way writes a
        second record for each list linked, and the first, "created", has no links."""
        instance._links_when_created = links
        try:
            self.create_historical_record(instance, "+")
        finally:
            del instance._links_when_created

    def create_historical_record_m2ms(self, history_instance, instance) -> None:
        if history_instance.history_type != "+":
            super().create_historical_record_m2ms(history_instance, instance)
            return
        # A record made the usual way has no links yet when it is created (a link needs
        # its key): nothing to copy. One made by record_creation brings its own, so the
        # link tables are not read again.
        links = getattr(instance, "_links_when_created", {})
        for field in history_instance._history_m2m_fields:
            kept = self.m2m_models[field]
            # By the columns (`language_id`), not the fields: no related record is read.
            names = [f.attname for f in field.remote_field.through._meta.fields]
            rows = [
                kept(history=history_instance, **{name: getattr(row, name) for name in names})
                for row in links.get(field.name, [])
            ]
            if rows:
                kept.objects.bulk_create(rows)
