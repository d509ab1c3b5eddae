from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from ..models import Report
from .history import GuardedHistoryAdmin
from .scoping import ScopedAssociationMixin


@admin.register(Report)
class ReportAdmin(ScopedAssociationMixin, GuardedHistoryAdmin):
    """Readers' reports as a queue for the editors who own the record."""

    scope_path = "association"
    list_display = ["association", "topic", "status", "created", "email"]
    list_filter = [
        "status",
        "topic",
        ("association__prefecture__block", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["association"]
    search_fields = ["association__name_en", "association__name_ja", "detail"]
    readonly_fields = ["association", "topic", "detail", "email", "created"]
    fields = ["association", "topic", "detail", "email", "created", "status", "staff_note"]
    actions = ["mark_fixed", "mark_rejected"]

    def has_add_permission(self, request) -> bool:
        return False

    def _set_status(self, request, queryset, status) -> None:
        count = queryset.update(status=status)
        self.message_user(
            request, _("%(count)d report(s) updated.") % {"count": count}, messages.SUCCESS
        )

    @admin.action(description=_("Mark fixed"), permissions=["change"])
    def mark_fixed(self, request, queryset):
        self._set_status(request, queryset, Report.Status.FIXED)

    @admin.action(description=_("Mark rejected"), permissions=["change"])
    def mark_rejected(self, request, queryset):
        self._set_status(request, queryset, Report.Status.REJECTED)
