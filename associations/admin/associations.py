from datetime import date

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportActionMixin, ImportExportMixin

from .. import roles
from ..models import Association, DesignatedCity, Municipality, Prefecture, StaleAssociation
from .desks import DeskInline, LocationInline, SocialLinkInline
from .history import GuardedHistoryAdmin
from .importing import SafeImportMixin
from .resources import AssociationResource
from .scoping import ScopedAssociationMixin
from .versioning import VersionedAdminMixin, VersionedForm


class AssociationForm(VersionedForm):
    """Adds the branch editor's rules to the model's own validation."""

    request = None  # set by the admin for each form

    def clean(self) -> dict:
        cleaned = super().clean()
        user = self.request.user if self.request else None
        if user is not None and roles.is_branch_editor(user):
            if self.instance.pk is None and cleaned.get("tier") != Association.Tier.MUNICIPAL:
                self.add_error("tier", _("Branch offices add municipal associations only."))
            prefecture = cleaned.get("prefecture")
            if prefecture and not roles.covers(user, prefecture, cleaned.get("designated_city")):
                raise ValidationError(_("This place is outside the area your branch looks after."))
        # Listing a language or a service is knowing them; "not known" is for empty lists.
        if cleaned.get("languages") and not cleaned.get("languages_known"):
            self.add_error(
                "languages_known", _("Languages are listed, so tick that they are known.")
            )
        if cleaned.get("services") and not cleaned.get("services_known"):
            self.add_error("services_known", _("Services are listed, so tick that they are known."))
        return cleaned


@admin.action(description=_("Mark verified today"), permissions=["change"])
def mark_verified_today(modeladmin, request, queryset) -> None:
    # Saved one by one, so that each keeps its history and the cached pages are renewed;
    # as associations, since the history does not follow saves of the worklist's proxy.
    today = date.today()
    count = 0
    for association in Association.objects.filter(pk__in=queryset.values("pk")):
        association.last_verified = today
        association.save()
        count += 1
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d association marked verified today.",
            "%(count)d associations marked verified today.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )


class LastVerifiedFilter(admin.SimpleListFilter):
    title = _("last verified")
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        return [
            ("never", _("Never")),
            ("stale", _("More than a year ago, or never")),
            ("year", _("In the last year")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "never":
            return queryset.filter(last_verified__isnull=True)
        if self.value() == "stale":
            return queryset.stale()
        if self.value() == "year":
            return queryset.exclude(pk__in=queryset.stale().values("pk"))
        return queryset


@admin.register(Association)
class AssociationAdmin(
    ScopedAssociationMixin,
    VersionedAdminMixin,
    SafeImportMixin,
    ImportExportMixin,
    ExportActionMixin,
    GuardedHistoryAdmin,
):
    form = AssociationForm
    resource_classes = [AssociationResource]
    list_display = [
        "__str__", "name_ja", "tier", "prefecture", "designated_city", "mic_recognised",
        "last_verified", "as_of",
    ]  # fmt: skip
    list_filter = [
        ("prefecture__block", admin.RelatedOnlyFieldListFilter),
        ("prefecture", admin.RelatedOnlyFieldListFilter),
        "tier",
        "mic_recognised",
        LastVerifiedFilter,
    ]
    list_select_related = ["prefecture", "designated_city"]
    search_fields = [
        "name_en",
        "name_ja",
        "listed_as",
        "slug",
        "municipality_en",
        "municipality_ja",
    ]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = [
        "prefecture", "designated_city", "municipality", "also_serves", "languages", "services",
        "sources",
    ]  # fmt: skip
    readonly_fields = ["listed_as", "list_position", "municipality_code"]
    actions = [mark_verified_today]
    inlines = [LocationInline, DeskInline, SocialLinkInline]
    fieldsets = [
        (None, {"fields": ["name_en", "name_ja", "slug", "listed_as", "list_position"]}),
        (
            _("Area and tier"),
            {
                "fields": [
                    "tier",
                    "mic_recognised",
                    "prefecture",
                    "designated_city",
                    "municipality",
                    "municipality_code",
                    "municipality_en",
                    "municipality_ja",
                    "also_serves",
                    "size_category",
                ]  # fmt: skip
            },
        ),
        (
            _("What it offers"),
            {"fields": ["services", "services_known", "languages", "languages_known"]},
        ),
        (
            _("Contact"),
            {
                "fields": [
                    "postal_code",
                    "address",
                    "phone",
                    "consultation_phone",
                    "consultation_phone_note",
                    "fax",
                    "email",
                    "website",
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
                    "last_verified",
                    "public_note",
                    "staff_note",
                    "opened_version",
                ]  # fmt: skip
            },
        ),
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.request = request
        return form

    def get_autocomplete_fields(self, request):
        if roles.is_branch_editor(request.user):
            # Plain menus, limited to the branch's places (see formfield_for_foreignkey);
            # municipalities by autocomplete, which their admin limits to the branch's.
            return ["languages", "services", "sources", "municipality", "also_serves"]
        return super().get_autocomplete_fields(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        scope = getattr(request.user, "editor_scope", None)
        if roles.is_branch_editor(request.user):
            if db_field.name == "prefecture":
                kwargs["queryset"] = Prefecture.objects.filter(pk__in=_scope_prefectures(scope))
            if db_field.name == "designated_city":
                kwargs["queryset"] = (
                    scope.designated_cities.all() if scope else DesignatedCity.objects.none()
                )
        if db_field.name == "municipality":
            kwargs["queryset"] = Municipality.objects.in_scope_of(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "also_serves":
            kwargs["queryset"] = Municipality.objects.in_scope_of(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_import_permission(self, request) -> bool:
        return roles.is_hq_editor(request.user)

    def get_valid_export_item_pks(self, request):
        # The records a user may export from a selection are the ones they can see.
        return self.get_queryset(request).values_list("pk", flat=True)

    def has_export_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_staff


def _scope_prefectures(scope) -> list[int]:
    if scope is None:
        return []
    cities = scope.designated_cities.values_list("prefecture", flat=True)
    return [*scope.prefectures.values_list("pk", flat=True), *cities]


@admin.register(StaleAssociation)
class StaleAssociationAdmin(ScopedAssociationMixin, admin.ModelAdmin):
    """The worklist of associations not verified for more than a year."""

    list_display = ["__str__", "prefecture", "designated_city", "last_verified", "as_of"]
    list_filter = [("prefecture__block", admin.RelatedOnlyFieldListFilter), "prefecture"]
    list_select_related = ["prefecture", "designated_city"]
    search_fields = ["name_en", "name_ja"]
    list_display_links = None
    actions = [mark_verified_today]
    formfield_overrides = VersionedAdminMixin.formfield_overrides

    def get_queryset(self, request):
        return super().get_queryset(request).stale()

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        # Lets branch editors use the action. Records are edited on their own page only:
        # a form here would skip the version, the branch's rules and the history.
        if obj is not None:
            return False
        return request.user.has_perm("associations.change_association")
