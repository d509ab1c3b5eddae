"""Display helpers for phone numbers and names in two languages."""

from functools import lru_cache

from django import template
from django.utils.translation import get_language
from phonenumber_field.phonenumber import PhoneNumber

register = template.Library()

TOLL_FREE_JP = ("120", "800")


@lru_cache(maxsize=8192)
def _formats(e164: str) -> tuple[str, str, str]:
    """(national, international, tel: URI) of a number. Formatting runs the numbering
    plan's patterns, which costs more than the rest of a listing's card, so each number
    is formatted once a process."""
    number = PhoneNumber.from_string(e164)
    return number.as_national, number.as_international, number.as_rfc3966


@register.filter
def present(number: PhoneNumber | None) -> bool:
    """Whether a phone field holds a number. (`{% if number %}` would ask phonenumbers to
    validate it, which runs the whole numbering plan.)"""
    return bool(getattr(number, "national_number", None))


@register.filter
def phone_display(number: PhoneNumber | None) -> str:
    """Japanese numbers as dialled in Japan (03-5213-1730), others in international form."""
    if not present(number):
        return ""
    national, international, _ = _formats(number.as_e164)
    return national if number.country_code == 81 else international


@register.filter
def phone_international(number: PhoneNumber | None) -> str:
    """The form a caller abroad dials: the leading 0 dropped, +81 in front."""
    return _formats(number.as_e164)[1] if present(number) else ""


@register.filter
def dialable_abroad(number: PhoneNumber | None) -> bool:
    """Whether a caller abroad can reach the number.

    Japanese toll-free lines (0120, 0800) take no calls from abroad, though the metadata of
    `phonenumbers` does not say so.
    """
    if not present(number):
        return False
    return not (number.country_code == 81 and str(number.national_number).startswith(TOLL_FREE_JP))


@register.filter
def phone_tel(number: PhoneNumber | None) -> str:
    return _formats(number.as_e164)[2] if present(number) else ""


@register.simple_tag
def local_name(record) -> str:
    """The Japanese name in the Japanese interface, the English name in the others."""
    if (get_language() or "").startswith("ja") and getattr(record, "name_ja", ""):
        return record.name_ja
    return record.name_en


@register.simple_tag
def other_name(record) -> str:
    """The name `local_name` does not show, to print beside it."""
    if (get_language() or "").startswith("ja") and getattr(record, "name_ja", ""):
        return record.name_en
    return getattr(record, "name_ja", "")


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
