"""The API's filters: the listing's own, and a change feed (`modified_after`)."""

from datetime import UTC

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

from ..filters import AssociationFilter
from ..models import Association


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, keeping the filterset on the view for the facet counts."""

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        refuse_blanks(request.query_params, filterset)
        view.filterset = filterset
        return filterset


def refuse_blanks(query, filterset) -> None:
    """A blank value is refused (400), not read as "not set": the listing's form sends
    blanks, but an API client that sends `sort=` has a bug to be told of. Keywords excepted."""
    errors = {}
    for name, filter_field in filterset.filters.items():
        if isinstance(filter_field, django_filters.CharFilter):
            continue
        values = query.getlist(name)
        if isinstance(filter_field, django_filters.filters.BaseCSVFilter):
            values = [part for value in values for part in value.split(",")]
        if any(not value.strip() for value in values):
            errors[name] = [_("This parameter may not be blank.")]
    if errors:
        raise ValidationError(errors)


class UTCDateTimeField(IsoDateTimeField):
    """An ISO 8601 time, handed on in UTC: PostgreSQL refuses offsets beyond ±15:59, which
    ISO 8601 allows, and a time near year 1 or 9999 may not convert at all."""

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(UTC)
        except OverflowError:
            raise forms.ValidationError(_("This time is out of range.")) from None


class UTCDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UTCDateTimeField


class APIAssociationFilter(AssociationFilter):
    modified_after = UTCDateTimeFilter(
        method="filter_modified_after",
        label=_(
            "Only associations changed after this time (ISO 8601, e.g. 2026-04-01T00:00:00Z; "
            "without an offset, in the site's time zone), per their record history."
        ),
    )

    def filter_modified_after(self, queryset: QuerySet, name: str, value) -> QuerySet:
        changed = Association.history.filter(history_date__gt=value).values("id")
        return queryset.filter(pk__in=changed)
