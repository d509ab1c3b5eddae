"""Admins of the reference data: sources, places, vocabularies, corrections."""

from django.contrib import admin
from django.db import models

from ..models import Block, Correction, DesignatedCity, Language, Prefecture, Service, Source
from .history import GuardedHistoryAdmin
from .versioning import VersionedAdminMixin


class SourcedAdmin(VersionedAdminMixin, GuardedHistoryAdmin):
    """Sources and the as-of date stay in view on every sourced record."""

    autocomplete_fields = ["sources"]


@admin.register(Source)
class SourceAdmin(GuardedHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["key", "title", "kind", "publisher", "published_on", "date_precision"]
    list_filter = ["kind", "date_precision"]
    search_fields = ["key", "title", "publisher", "url", "note"]


@admin.register(Block)
class BlockAdmin(SourcedAdmin):
    list_display = ["name_en", "name_ja", "order", "as_of"]
    search_fields = ["name_en", "name_ja", "slug"]


@admin.register(Prefecture)
class PrefectureAdmin(SourcedAdmin):
    list_display = ["code", "name_en", "name_ja", "block", "block_assumed", "as_of"]
    list_filter = ["block", "block_assumed"]
    list_select_related = ["block"]
    search_fields = ["code", "name_en", "name_ja", "slug"]


@admin.register(DesignatedCity)
class DesignatedCityAdmin(SourcedAdmin):
    list_display = ["name_en", "name_ja", "prefecture", "designated_on", "as_of"]
    list_filter = [("prefecture__block", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["prefecture"]
    search_fields = ["name_en", "name_ja", "slug"]
    autocomplete_fields = ["prefecture", "sources"]


@admin.register(Service)
class ServiceAdmin(GuardedHistoryAdmin):
    list_display = ["name_en", "name_ja", "slug", "order"]
    search_fields = ["name_en", "name_ja", "slug"]


@admin.register(Language)
class LanguageAdmin(GuardedHistoryAdmin):
    list_display = ["code", "name_en", "name_native", "name_ja", "order"]
    search_fields = ["code", "name_en", "name_native", "name_ja"]


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "source"]
    list_filter = ["kind", "content_type"]
    search_fields = ["original", "corrected", "reason"]
    readonly_fields = ["content_type", "object_id"]
