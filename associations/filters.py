"""The listing's filters: several values of one filter are OR'd, different filters AND'd."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from . import search
from .caching import kept_for_version
from .models import Association, Block, Language, Municipality, Prefecture, Service
from .vocabularies import known


class KnownChoicesField(django_filters.fields.ModelMultipleChoiceField):
    """Checks the values asked for against the vocabulary kept for the directory's version
    (see vocabularies.py) rather than by a query on every request. Cleans them to the
    keys themselves (slugs or codes), which is what the filters match on."""

    def clean(self, value):
        # Nothing chosen is an empty list, as the filters take it: Django's empty queryset
        # would be compiled (for nothing) each time a filter asks whether it is empty.
        if not value and not self.required:
            return []
        return super().clean(value)

    def _check_values(self, value):
        try:
            value = frozenset(value)
        except TypeError:
            raise ValidationError(
                self.error_messages["invalid_list"], code="invalid_list"
            ) from None
        rows = known(self.queryset.model._meta.model_name, self.to_field_name)
        for key in value:
            self.validate_no_null_characters(key)
            if str(key) not in rows:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": key},
                )
        return sorted(str(key) for key in value)


class PrefectureChoiceField(KnownChoicesField):
    """Accepts a prefecture by slug ("shizuoka") or by ISO code ("JP-22")."""

    def clean(self, value):
        if value and not isinstance(value, str):
            codes = {row.code.lower(): slug for slug, row in known("prefecture", "slug").items()}
            value = [codes.get(str(v).lower(), v) for v in value]
        return super().clean(value)


@extend_schema_field(OpenApiTypes.STR)
class SlugsFilter(django_filters.ModelMultipleChoiceFilter):
    """Records chosen by slug or code; repeat the parameter for several (they are OR'd).

    Through a foreign key the join gives no duplicates, so no DISTINCT is needed.
    """

    field_class = KnownChoicesField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


class ManyToManySlugsFilter(SlugsFilter):
    """Associations with any of the chosen languages (or services).

    A semi-join (`id IN (SELECT association_id …)`) rather than a join, so that an
    association with two of the chosen values appears once without DISTINCT, and the
    listing keeps using the index on its ordering.
    """

    def filter(self, qs: QuerySet, value) -> QuerySet:
        if not value:
            return qs
        relation = self.field_name.split("__")[0]
        through = Association._meta.get_field(relation).remote_field.through
        target = Association._meta.get_field(relation).m2m_reverse_field_name()
        rows = known(self.queryset.model._meta.model_name, self.extra["to_field_name"])
        chosen = through.objects.filter(
            **{f"{target}__in": [rows[key].pk for key in value if key in rows]}
        )
        return qs.filter(pk__in=chosen.values("association_id"))


class PrefectureFilter(SlugsFilter):
    field_class = PrefectureChoiceField


class SortFilter(django_filters.OrderingFilter):
    """Whitelisted orderings, each ending with the name so that equal keys keep one order.

    Without a choice the listing goes by place, north to south (the order of the
    prefecture codes), as residents look for the associations near them first."""

    DEFAULT = ("prefecture__code",)

    def filter(self, qs: QuerySet, value) -> QuerySet:
        qs = qs.with_sort_name()
        qs = super().filter(qs, value) if value else qs.order_by(*self.DEFAULT)
        return qs.order_by(*qs.query.order_by, "sort_name", "pk")


class AssociationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_keyword",
        label=_("Keyword"),
        max_length=search.MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    block = SlugsFilter(
        field_name="prefecture__block__slug",
        to_field_name="slug",
        queryset=Block.objects.all(),
        label=_("Block"),
        widget=forms.CheckboxSelectMultiple,
    )
    prefecture = PrefectureFilter(
        field_name="prefecture__slug",
        to_field_name="slug",
        queryset=Prefecture.objects.all(),
        label=_("Prefecture"),
        widget=forms.CheckboxSelectMultiple,
    )
    tier = django_filters.MultipleChoiceFilter(
        choices=Association.Tier.choices,
        distinct=False,
        label=_("Tier"),
        widget=forms.CheckboxSelectMultiple,
    )
    service = ManyToManySlugsFilter(
        field_name="services__slug",
        to_field_name="slug",
        queryset=Service.objects.all(),
        label=_("Service"),
        widget=forms.CheckboxSelectMultiple,
    )
    language = ManyToManySlugsFilter(
        field_name="languages__code",
        to_field_name="code",
        queryset=Language.objects.all(),
        label=_("Consultation language"),
        widget=forms.CheckboxSelectMultiple,
    )
    recognised = django_filters.ChoiceFilter(
        method="filter_recognised",
        choices=[("yes", _("Recognised by MIC")), ("no", _("Not recognised by MIC"))],
        label=_("Recognition"),
        empty_label=_("Any"),
    )
    sort = SortFilter(
        fields=[("sort_name", "name"), ("prefecture__code", "prefecture")],
        field_labels={"sort_name": _("Name"), "prefecture__code": _("Prefecture")},
        label=_("Sort by"),
        empty_label=_("Prefecture"),
    )

    class Meta:
        model = Association
        fields: list[str] = []

    def get_form_class(self):
        # One form class a filter set class: its fields do not depend on the request (their
        # labels are translated when shown), and building them is a third of a listing's
        # filtering.
        cls = type(self)
        if "_form_class" not in cls.__dict__:  # each subclass its own (the API's has more)
            cls._form_class = super().get_form_class()
        return cls._form_class

    # The filters whose choices show how many results each would give.
    FACETS = ("block", "prefecture", "tier", "service", "language", "recognised")
    # Up to this many matches of a keyword are passed on as ids (see filter_keyword).
    KEYWORD_IDS = 500

    def filter_keyword(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # A name, or a place the association serves ("Toyota" finds Aichi's association).
        if not search.query_terms(value):
            return queryset
        # The listing applies the keyword to each of its queries (the page, the count, a
        # count per facet, about eight). The search itself (names, and the places the
        # keyword names) runs once: its matches, when there are few, go into the others
        # as a list of ids; otherwise as a subquery compiled once.
        kept = getattr(self, "_keyword", None)
        if kept is None or kept[0] != value:
            ids = kept_for_version(
                f"keyword-ids:{self.KEYWORD_IDS}:{search.terms_key(value)}",
                lambda: Association.objects.ids_matching(value, self.KEYWORD_IDS),
            )
            if ids is None:
                matching = Association.objects.search_with_places(value).values("pk")
                ids = RawSQL(*matching.query.sql_with_params())
            kept = self._keyword = (value, ids)
        return queryset.filter(pk__in=kept[1])

    def filter_recognised(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(mic_recognised=(value == "yes"))


class PlaceFilter(django_filters.FilterSet):
    """The API's places: by any spelling of the name, by prefecture, by kind."""

    q = django_filters.CharFilter(
        method="filter_name", label=_("Name"), max_length=search.MAX_QUERY_LENGTH
    )
    prefecture = PrefectureFilter(
        field_name="prefecture__slug",
        to_field_name="slug",
        queryset=Prefecture.objects.all(),
        label=_("Prefecture"),
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=Municipality.Kind.choices, distinct=False, label=_("Kind")
    )

    class Meta:
        model = Municipality
        fields: list[str] = []

    def filter_name(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(pk__in=Municipality.objects.matching(value).values("pk")).by_rank()
