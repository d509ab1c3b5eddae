"""Display helpers for phone numbers and names in two languages."""

from django import template
from django.utils.translation import get_language

from .. import phones

register = template.Library()

# Phone numbers (see associations/phones.py for why they are formatted there).
register.filter("present", phones.present)
register.filter("phone_display", phones.display)
register.filter("phone_international", phones.international)
register.filter("phone_tel", phones.tel)
register.filter("dialable_abroad", phones.dialable_abroad)


@register.simple_tag
def local_name(record) -> str:
    """The Japanese name in the Japanese interface, the English name in the others."""
    if (get_language() or "").startswith("ja") and getattr(record, "name_ja", ""):
        return record.name_ja
    # A record that only has a Japanese name shows it in every interface.
    return record.name_en or getattr(record, "name_ja", "")


@register.simple_tag
def other_name(record) -> str:
    """The name `local_name` does not show, to print beside it."""
    if (get_language() or "").startswith("ja") and getattr(record, "name_ja", ""):
        return record.name_en
    return getattr(record, "name_ja", "") if record.name_en else ""


@register.simple_tag
def other_name_lang() -> str:
    return "en" if (get_language() or "").startswith("ja") else "ja"


@register.filter
def utc_offset(moment) -> str:
    """ "UTC+09:00" for a time-zone-aware datetime."""
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


@register.filter
def is_summer_time(moment) -> bool:
    return bool(moment.dst())
