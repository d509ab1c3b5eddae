"""The API's filters: the listing's own, and a change feed (`modified_after`)."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend

from ..filters import AssociationFilter
from ..models import Association


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, keeping the filterset on the view for the facet counts."""

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        view.filterset = filterset
        return filterset


class APIAssociationFilter(AssociationFilter):
    modified_after = django_filters.IsoDateTimeFilter(
        method="filter_modified_after",
        label=_(
            "Only associations changed after this time (ISO 8601, e.g. 2026-04-01T00:00:00Z; "
            "without an offset, in the site's time zone), per their record history."
        ),
    )

    def filter_modified_after(self, queryset: QuerySet, name: str, value) -> QuerySet:
        changed = Association.history.filter(history_date__gt=value).values("id")
        return queryset.filter(pk__in=changed)
