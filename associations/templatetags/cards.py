"""Fragments of the listings kept rendered in the cache (see associations/fragments.py):
`{% association_cards associations %}`, and `{% kept_include "template.html" state name=value %}`
(the names are set for the template, as `{% include … with name=value %}` sets them);
`{% kept_preload records "attribute" "template.html" … %}` before the `kept_include`s of
those templates for each record (or for one), their state the record's attribute;
`{% kept_office_section office %}`, an office's section kept with its local time left out."""

from django import template
from django.utils.safestring import mark_safe

from ..fragments import preload_kept, render_cards, render_kept
from .directory import LOCAL_TIME_HOLE, local_time

register = template.Library()


@register.simple_tag(takes_context=True)
def association_cards(context, associations):
    return render_cards(context, associations)


@register.simple_tag(takes_context=True)
def kept_include(context, template_name: str, state, **names):
    return render_kept(context, template_name, str(state), **names)


@register.simple_tag(takes_context=True)
def kept_preload(context, records, attribute: str, *template_names: str, **names):
    return preload_kept(context, records, attribute, *template_names, **names)


OFFICE_SECTION = "associations/_office_section.html"


@register.simple_tag(takes_context=True)
def kept_office_section(context, office):
    """The office's whole section on the offices page, kept rendered by its slug with a
    hole for its local time (which changes every minute, the rest only with the
    directory), and the hole filled for this request. Preload it with the same names:
    `{% kept_preload offices "slug" OFFICE_SECTION local_time_later=True %}`."""
    section = render_kept(context, OFFICE_SECTION, office.slug, local_time_later=True)
    return mark_safe(section.replace(LOCAL_TIME_HOLE, local_time(office.now), 1))
