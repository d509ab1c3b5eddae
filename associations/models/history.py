"""Each record's history of edits (django-simple-history), with its manager made once."""

from functools import cache

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


class History(HistoricalRecords):
    """HistoricalRecords whose `record.history` managers share one class."""

    def __init__(self, **options) -> None:
        super().__init__(history_manager=KeptHistoryManager, **options)

    def create_historical_record_m2ms(self, history_instance, instance) -> None:
        # The links kept with each historical record are copied from the link tables: a
        # query for each linked field. A record just created has no links yet (a link
        # needs its key), so its first historical record has none to copy.
        if history_instance.history_type == "+":
            return
        super().create_historical_record_m2ms(history_instance, instance)
