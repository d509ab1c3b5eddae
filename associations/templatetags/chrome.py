"""The page's frame, which every public page renders and which Django's template engine
renders slowly (issue #14: about a millisecond a page, a fifth of a detail page's time):

- `{% rendered_once "template.html" %}`: a part with no data in it (the site's name, its
  navigation, the footer) rendered once a process per language and URL prefix;
- `{% language_alternates %}` and `{% language_switcher %}`: this page in every interface
  language, for search engines and for readers, written here rather than looped over in a
  template.
"""

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

register = template.Library()

# Languages times URL prefixes: a handful. The bound is for a server that passes its
# clients' SCRIPT_NAME through, so that they cannot grow it without end.
RENDERED_ONCE_MAX = 64


@register.simple_tag(takes_context=True)
def rendered_once(context, template_name: str) -> SafeString:
    """The template rendered on its own, with nothing from the page's context: what it
    shows depends only on the language and on where the URLs are mounted. It is kept on
    the loaded template, so that a template reloaded in development is rendered afresh."""
    loaded = context.template.engine.get_template(template_name)
    kept = loaded.__dict__.setdefault("rendered_once", {})
    key = (get_language(), get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)
    if (html := kept.get(key)) is None:
        if len(kept) >= RENDERED_ONCE_MAX:
            kept.clear()
        html = kept[key] = mark_safe(loaded.render(template.Context(autoescape=True)))
    return html


@register.simple_tag(takes_context=True)
def language_alternates(context) -> SafeString:
    """The canonical link and one alternate per language with an hreflang, English's also
    as x-default."""
    request = context["request"]
    origin = f"{request.scheme}://{request.get_host()}"
    links = [format_html('<link rel="canonical" href="{}{}">', origin, request.path)]
    for link in context.get("language_links", ()):
        if link["hreflang"]:
            links.append(_alternate(link["hreflang"], origin, link["url"]))
        if link["code"] == "en":
            links.append(_alternate("x-default", origin, link["url"]))
    return mark_safe("\n  ".join(links))


def _alternate(hreflang: str, origin: str, url: str) -> SafeString:
    return format_html('<link rel="alternate" hreflang="{}" href="{}{}">', hreflang, origin, url)


@register.simple_tag(takes_context=True)
def language_switcher(context) -> SafeString:
    """Links to this page in every interface language, the reader's marked current."""
    current = get_language()
    items = format_html_join(
        "\n    ",
        '<li><a href="{}" hreflang="{}" lang="{}"{}>{}</a></li>',
        (
            (
                link["switch_url"],
                link["code"],
                link["code"],
                mark_safe(' aria-current="true"') if link["code"] == current else "",
                link["name_local"],
            )
            for link in context.get("language_links", ())
        ),
    )
    return format_html(
        '<nav class="language-switcher" aria-label="{}">\n  <ul>\n    {}\n  </ul>\n</nav>',
        gettext("Language"),
        items,
    )
