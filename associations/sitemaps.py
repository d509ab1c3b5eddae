"""The sitemap: an index (/sitemap.xml) of one sitemap a section (/sitemap-<section>.xml).

Every URL is listed in each interface language search engines accept, with its language
versions as hreflang alternates; Easy Japanese (ja-x-easy, a private-use tag, which search
engines reject as an hreflang value) is left out, as in the pages' <link rel="alternate">.
A record's `lastmod` is its last change (see history.py). A section takes two queries
whatever its size (its records, their last changes); the views keep the result in the cache
until the directory changes (see crawlers.py).
"""

import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db import models
from django.urls import reverse

from . import history
from .context_processors import hreflang
from .models import Association, Block, ClairOffice, DesignatedCity, Municipality, Prefecture


class _Multilingual(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    @property
    def languages(self) -> list[str]:
        return [code for code, _ in settings.LANGUAGES if hreflang(code)]


class PagesSitemap(_Multilingual):
    def items(self) -> list[str]:
        return [
            "associations:home",
            "associations:list",
            "associations:prefectures",
            "associations:cities",
            "associations:offices",
            "associations:jet",
            "associations:sources",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class RecordSitemap(_Multilingual):
    """The detail pages of one model's records. The framework asks for `items()` several
    times a request (count, page, latest change): they are read once."""

    model: type[models.Model]

    def __init__(self) -> None:
        self._records: list[models.Model] | None = None
        self._changes: dict[int, datetime.datetime] | None = None

    def items(self) -> list[models.Model]:
        if self._records is None:
            # What get_absolute_url and the as_of fallback read, and nothing else.
            self._records = list(self.model.objects.only("pk", "slug", "as_of").order_by("pk"))
        return self._records

    def lastmod(self, item: models.Model) -> datetime.datetime:
        if self._changes is None:
            self._changes = history.last_changes(self.model)
        return history.changed_at(item, self._changes)


def _section(model: type[models.Model]) -> type[RecordSitemap]:
    # Classes, not instances: the views make one a request, so nothing read is kept between.
    return type(f"{model.__name__}Sitemap", (RecordSitemap,), {"model": model})


class PlaceSitemap(RecordSitemap):
    """Every current place's page: what residents search for. Places are reference data
    loaded from a postcode release, with no history: dated by that release (`as_of`)."""

    model = Municipality

    def items(self) -> list[models.Model]:
        if self._records is None:
            places = Municipality.objects.current().only("pk", "slug", "as_of")
            self._records = list(places.order_by("pk"))
        return self._records

    def lastmod(self, item: models.Model) -> datetime.datetime:
        return history.changed_at(item, {})


SITEMAPS = {
    "pages": PagesSitemap,
    "associations": _section(Association),
    "prefectures": _section(Prefecture),
    "cities": _section(DesignatedCity),
    "blocks": _section(Block),
    "offices": _section(ClairOffice),
    "places": PlaceSitemap,
}
