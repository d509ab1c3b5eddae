from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Association, Block, ClairOffice, DesignatedCity, Municipality, Prefecture


class PagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

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


class RecordSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def __init__(self, model) -> None:
        self.model = model

    def items(self):
        return self.model.objects.order_by("pk")


class PlaceSitemap(RecordSitemap):
    """Every current place's page: what residents search for."""

    def items(self):
        return Municipality.objects.current().only("slug").order_by("pk")


SITEMAPS = {
    "pages": PagesSitemap,
    "associations": RecordSitemap(Association),
    "prefectures": RecordSitemap(Prefecture),
    "cities": RecordSitemap(DesignatedCity),
    "blocks": RecordSitemap(Block),
    "offices": RecordSitemap(ClairOffice),
    "places": PlaceSitemap(Municipality),
}
