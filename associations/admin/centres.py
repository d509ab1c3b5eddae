"""One-stop consultation centres in the admin, scoped to a branch by their place: a
prefecture's branch has the centres of its prefecture, a designated city's branch the
centre that city runs (the rule of `roles.scope_filter`, for centres)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .. import roles
from ..models import ConsultationCentre, Municipality, Prefecture
from .reference import SourcedAdmin
from .scoping import ScopedAssociationMixin
from .versioning import VersionedForm


class CentreForm(VersionedForm):
    request = None  # set by the admin for each form

    def clean(self) -> dict:
        cleaned = super().clean()
        user = self.request.user if self.request else None
        if user is not None and roles.is_branch_editor(user):
            place = cleaned.get("municipality")
            city = place.designated_city if place else None
            prefecture = cleaned.get("prefecture")
            if prefecture and not roles.covers(user, prefecture, city):
                self.add_error(None, _("This place is outside the area your branch looks after."))
        return cleaned


@admin.register(ConsultationCentre)
class ConsultationCentreAdmin(ScopedAssociationMixin, SourcedAdmin):
    form = CentreForm
    list_display = ["__str__", "level", "prefecture", "municipality_code", "operator_ja", "as_of"]
    list_filter = ["level", ("prefecture", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["prefecture"]
    search_fields = ["name_ja", "name_en", "run_by_ja", "operator_ja", "municipality_ja", "slug"]
    autocomplete_fields = ["prefecture", "municipality", "sources"]
    fieldsets = [
        (None, {"fields": ["name_ja", "name_en", "slug"]}),
        (
            _("Area"),
            {
                "fields": [
                    "level",
                    "run_by_ja",
                    "operator_ja",
                    "prefecture",
                    "municipality_ja",
                    "municipality_code",
                    "municipality",
                ]  # fmt: skip
            },
        ),
        (
            _("Contact"),
            {
                "fields": [
                    "postal_code",
                    "address",
                    "phone",
                    "fax",
                    "email",
                    "website",
                    "hours",
                    "languages_ja",
                ]  # fmt: skip
            },
        ),
        (
            _("Provenance"),
            {
                "fields": [
                    "sources",
                    "as_of",
                    "as_of_precision",
                    "public_note",
                    "staff_note",
                    "opened_version",
                ]  # fmt: skip
            },
        ),
    ]

    def _scope(self, request):
        return ConsultationCentre.objects.editable_by(request.user)

    def _in_scope(self, request, queryset):
        if roles.is_branch_editor(request.user):
            return queryset.filter(pk__in=self._scope(request).values("pk"))
        return queryset

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.request = request
        return form

    def get_autocomplete_fields(self, request):
        if roles.is_branch_editor(request.user):
            # A plain menu of the branch's prefectures (see formfield_for_foreignkey).
            return ["municipality", "sources"]
        return super().get_autocomplete_fields(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        scope = getattr(request.user, "editor_scope", None)
        if roles.is_branch_editor(request.user) and db_field.name == "prefecture":
            cities = scope.designated_cities.values("prefecture") if scope else []
            own = scope.prefectures.values("pk") if scope else []
            kwargs["queryset"] = Prefecture.objects.filter(pk__in=own) | Prefecture.objects.filter(
                pk__in=cities
            )
        if db_field.name == "municipality":
            kwargs["queryset"] = Municipality.objects.in_scope_of(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
