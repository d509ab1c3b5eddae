"""Display helpers for phone numbers and names in two languages."""

from django import template
from django.utils import dateformat
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .. import localnames, phones

register = template.Library()

# Phone numbers (see associations/phones.py for why they are formatted there).
register.filter("present", phones.present)
register.filter("phone_display", phones.display)
register.filter("phone_international", phones.international)
register.filter("phone_tel", phones.tel)
register.filter("phone_from_japan", phones.from_japan)
register.filter("dialable_abroad", phones.dialable_abroad)


@register.simple_tag
def local_name(record) -> str:
    """A place, block, service or JET role named in the reader's language (with readings
    as ruby in Easy Japanese): see associations/localnames.py."""
    return localnames.local_name(record)


@register.simple_tag
def plain_name(record) -> str:
    """`local_name` as text, for titles and attributes, where ruby cannot go."""
    return localnames.plain_name(record)


@register.simple_tag
def local_value(record, field: str) -> str:
    """A field's Japanese form (`<field>_ja`) in the Japanese interface, where it is known."""
    if localnames.is_japanese():
        japanese = getattr(record, f"{field}_ja", "")
        if japanese:
            return japanese
    return getattr(record, field)


@register.simple_tag
def other_name(record) -> str:
    """The name to print beside `local_name` ("" for none)."""
    return localnames.other_name(record)[0]


@register.simple_tag
def other_name_span(record) -> str:
    """The other name in small print, marked with its language, after a space ("" for none)."""
    name, lang = localnames.other_name(record)
    if not name:
        return ""
    return format_html(' <span class="small-print" lang="{}">{}</span>', lang, name)


@register.simple_tag
def language_name(language) -> str:
    """A consultation language named in the reader's language, by CLDR."""
    return localnames.language_name(language)


@register.simple_tag
def area_served(association) -> str:
    """Where an association serves in the reader's language, and in Japanese beside it
    in the other languages (as addresses are written)."""
    local = localnames.area_served(association)
    if localnames.is_japanese():
        return local
    japanese = localnames.area_served(association, "ja")
    return format_html('{} <span lang="ja">{}</span>', local, japanese)


@register.simple_tag
def tile_label(tile) -> str:
    return localnames.tile_label(tile.prefecture, tile.short_name)


@register.simple_tag
def full_name_ja(place) -> str:
    """A municipality's Japanese name with its district (沙流郡日高町), with its reading
    as ruby in Easy Japanese."""
    if localnames.is_easy():
        return localnames.full_name_ruby(place)
    return place.full_name_ja


@register.simple_tag
def plain_place_line(place) -> str:
    """ "Toyota-shi, Aichi": a municipality and its prefecture as text, for descriptions."""
    return localnames.place_line(place, html=False)


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


@register.simple_tag
def local_time(moment) -> str:
    """A time-zone-aware moment as it reads where it is: `<time>` with the weekday, hours
    and minutes, then its offset and whether it is summer time. One tag, not a template's
    worth of filters: the offices page shows eight on every request."""
    summer = format_html(", {}", gettext("summer time")) if is_summer_time(moment) else ""
    return format_html(
        '<time datetime="{}">{}</time> ({}{})',
        dateformat.format(moment, r"Y-m-d\TH:iO"),
        dateformat.format(moment, "D H:i"),
        utc_offset(moment),
        summer,
    )


# Where an office section kept rendered has its local time: an HTML comment, which no
# escaped value can write, filled on every request (cards.kept_office_section).
LOCAL_TIME_HOLE = "<!-- local time -->"


@register.simple_tag(takes_context=True)
def office_local_time(context, office) -> str:
    """`local_time` of the office now, or, while its section is rendered to be kept (the
    context says `local_time_later`), the hole that each request fills."""
    if context.get("local_time_later"):
        return mark_safe(LOCAL_TIME_HOLE)
    return local_time(office.now)
