"""Each record's history of edits (django-simple-history), with its manager made once."""

from functools import cache

from django.db import NotSupportedError, models
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
    write records' creation with the links they were created with (`record_creations`)."""

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

    def record_creations(self, created: list[tuple[models.Model, dict[str, list]]]) -> None:
        """The one historical record of each record in `created`, each saved without one
        (`skip_history_when_saving`) and then linked: "created", holding its links (each
        many-to-many field's rows of its link table), in a few queries for them all.
        Saved, then linked, the usual way writes one more record for each list linked
        (the first, "created", has no links), each copying every list again."""
        manager = getattr(self.cls, self.manager_name)
        historical = manager.bulk_history_create([record for record, _links in created])
        if historical is None:  # history is switched off (SIMPLE_HISTORY_ENABLED)
            return
        if any(history.pk is None for history in historical):
            # SQLite before 3.35 returns no keys from a bulk insert; the links need them.
            raise NotSupportedError("The database gives no keys of rows inserted in bulk.")
        for field in self.get_m2m_fields_from_model(self.cls):
            kept = self.m2m_models[field]
            # By the columns (`language_id`), not the fields: no related record is read.
            names = [f.attname for f in field.remote_field.through._meta.fields]
            rows = [
                kept(history=history, **{name: getattr(row, name) for name in names})
                for history, (_record, links) in zip(historical, created, strict=True)
                for row in links.get(field.name, [])
            ]
            kept.objects.bulk_create(rows)

    def keep_links(self, historical: models.Model, instance: models.Model) -> None:
        """The links kept with `historical`, one of `instance`'s historical records,
        replaced by its links as they are now (saved after it, see GuardedHistoryAdmin)."""
        for field in self.get_m2m_fields_from_model(self.cls):
            self.m2m_models[field].objects.filter(history=historical).delete()
        # The plain copy from the link tables, a "created" record's too.
        HistoricalRecords.create_historical_record_m2ms(self, historical, instance)

    def create_historical_record_m2ms(self, history_instance, instance) -> None:
        # The links kept with each historical record are copied from the link tables: a
        # query for each linked field. A record just created has no links yet (a link
        # needs its key), so its first historical record has none to copy.
        if history_instance.history_type == "+":
            return
        super().create_historical_record_m2ms(history_instance, instance)
