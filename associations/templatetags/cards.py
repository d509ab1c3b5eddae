"""Fragments of the listings kept rendered in the cache (see associations/fragments.py):
`{% association_cards associations %}`, and `{% kept_include "template.html" state name=value %}`
(the names are set for the template, as `{% include … with name=value %}` sets them);
`{% kept_preload records "attribute" "template.html" … %}` before the `kept_include`s of
those templates for each record (or for one), their state the record's attribute."""

from django import template

from ..fragments import preload_kept, render_cards, render_kept

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
