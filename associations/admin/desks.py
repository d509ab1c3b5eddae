"""Locations, opening hours, desks and social links: edited as parts of an association.

Every admin here is scoped through `scope_path` to the association the record hangs off,
so a branch editor reaches only the desks of the associations the branch looks after.
A desk's phone or e-mail is never saved without a source: `sources` is required on every
form of a `Sourced` record, and `check_directory` names any record saved without one.
"""

from django import forms
from django.contrib import admin

from ..models import Desk, DeskHours, Location, OpeningHours, SocialLink
from .reference import SourcedAdmin
from .scoping import ScopedAssociationMixin
from .versioning import VersionedForm


class _PartInline:
    """An inline of records with sources: read with their sources, not a query a row."""

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("sources")


class LocationInline(_PartInline, admin.StackedInline):
    model = Location
    form = VersionedForm
    extra = 0
    show_change_link = True
    fields = [
        "name", "address_ja", "address_en", "postal_code", "municipality_name",
        "municipality_code", "municipality", "access_note", "closed_on_holidays",
        "closed_at_year_end", "hours_note", "order", "public_note", "staff_note", "sources",
        "as_of", "opened_version",
    ]  # fmt: skip
    autocomplete_fields = ["sources", "municipality"]


class DeskInline(_PartInline, admin.StackedInline):
    model = Desk
    form = VersionedForm
    extra = 0
    show_change_link = True
    fields = [
        "name", "location", "channel", "phone", "email", "interpreter", "fee", "appointment",
        "public_note", "staff_note", "order", "sources", "as_of", "opened_version",
    ]  # fmt: skip
    autocomplete_fields = ["sources"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "location":
            # Only the association's own locations (the parent's id is in the URL).
            association = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Location.objects.filter(association=association or None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SocialLinkInline(_PartInline, admin.TabularInline):
    model = SocialLink
    form = VersionedForm
    extra = 0
    fields = ["network", "url", "sources", "as_of", "opened_version"]
    autocomplete_fields = ["sources"]


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0
    fields = ["weekday", "opens", "closes", "weeks_of_month"]


class DeskHoursInline(admin.TabularInline):
    model = DeskHours
    extra = 0
    fields = ["weekday", "opens", "closes", "weeks_of_month", "languages"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class _PartAdmin(ScopedAssociationMixin, SourcedAdmin):
    scope_path = "association"
    list_select_related = ["association"]
    search_fields = ["name", "association__name_en", "association__name_ja"]
    autocomplete_fields = ["association", "sources"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "association":
            # A branch editor cannot post the id of an association outside the branch.
            kwargs["queryset"] = self._scope(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Location)
class LocationAdmin(_PartAdmin):
    list_display = ["name", "association", "municipality_name", "closed_on_holidays", "as_of"]
    autocomplete_fields = [*_PartAdmin.autocomplete_fields, "municipality"]
    inlines = [OpeningHoursInline]


@admin.register(Desk)
class DeskAdmin(_PartAdmin):
    form = VersionedForm
    list_display = ["name", "association", "channel", "interpreter", "fee", "as_of"]
    list_filter = ["channel", "interpreter", "fee", "appointment"]
    inlines = [DeskHoursInline]


@admin.register(SocialLink)
class SocialLinkAdmin(_PartAdmin):
    list_display = ["__str__", "association", "network", "as_of"]
    list_filter = ["network"]
    search_fields = ["url", "association__name_en", "association__name_ja"]
