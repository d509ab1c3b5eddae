"""Pages of a list: a bad `page` or `page_size` is refused (400), never silently clamped, so
that a client that asks for 1,000 rows learns that it gets at most MAX_PAGE_SIZE."""

import hashlib
from functools import cached_property

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ParseError
from rest_framework.pagination import PageNumberPagination

from ..caching import kept_for_version
from ..fragments import whole_queryset

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


def positive_int(value: str, name: str, maximum: int | None = None) -> int:
    """`value` as a whole number from 1 to `maximum`, or a 400 that says what is allowed."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if (
        number < 1
        or (maximum is not None and number > maximum)
        or not (value.isascii() and value.isdigit())
    ):
        if maximum is None:
            message = _("%(name)s must be a whole number from 1 up.") % {"name": name}
        else:
            message = _("%(name)s must be a whole number from 1 to %(max)s.") % {
                "name": name,
                "max": maximum,
            }
        raise ParseError(message)
    return number


class Pagination(PageNumberPagination):
    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def check(self, request) -> None:
        """A 400 unless `page` and `page_size` are absent or whole numbers in range."""
        self.get_page_size(request)
        value = request.query_params.get(self.page_query_param)
        if value is not None:
            positive_int(value, self.page_query_param)

    def get_page_size(self, request) -> int:
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        return positive_int(value, self.page_size_query_param, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        self.check(request)
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            # A whole number past the last page: there is no such page.
            raise NotFound(_("Invalid page.")) from None

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": _("A page number (from 1); past the last page is a 404."),
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": _(
                    "Results per page, from 1 to %(max)s (default %(default)s); "
                    "any other value is a 400."
                )
                % {"max": self.max_page_size, "default": self.page_size},
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]


FACET_CHOICE_SCHEMA = {
    "type": "object",
    "properties": {
        "value": {"type": "string"},
        "label": {"type": "string"},
        "count": {"type": "integer", "minimum": 0},
        "selected": {"type": "boolean"},
    },
    "required": ["value", "label", "count", "selected"],
}


class KeysFirstPaginator(Paginator):
    """Pages of a list of wide, joined rows (associations with their places), read at any
    size in narrow steps. The count is kept for the directory's version under its SQL,
    which names every filter. A page is the keys of its rows in the list's order, then
    those rows by key with their joins: at 100,000 associations, sorting whole joined rows
    to take fifty was most of an API page's time."""

    @cached_property
    def count(self) -> int:
        query = self.object_list.order_by().query
        try:
            # The SQL with its parameters apart, so that no two queries read the same.
            sql = repr(query.sql_with_params())
        except EmptyResultSet:
            return 0  # a filter no row can meet (a keyword that matches nothing)
        key = hashlib.sha256(sql.encode()).hexdigest()
        return kept_for_version(f"count:{query.model._meta.label}:{key}", self.object_list.count)

    def page(self, number):
        page = super().page(number)
        if self.count <= self.per_page:
            return page  # nothing to sort but what is shown
        keys = list(
            page.object_list.select_related(None)
            .prefetch_related(None)
            .values_list("pk", flat=True)
        )
        rows = whole_queryset(self.object_list).in_bulk(keys)
        # A row deleted between the two reads is left out, as a moment later it would be.
        page.object_list = [rows[key] for key in keys if key in rows]
        return page


class AssociationPagination(Pagination):
    """A page of associations, with the facet counts when `facets=true` asks for them."""

    django_paginator_class = KeysFirstPaginator

    def get_paginated_response_schema(self, schema: dict) -> dict:
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["facets"] = {
            "type": "object",
            "description": "With facets=true: each filter's values and their counts.",
            "additionalProperties": {"type": "array", "items": FACET_CHOICE_SCHEMA},
        }
        return paginated
