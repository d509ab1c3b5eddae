from django.contrib import admin

from ..models import ClairOffice, Department, HelpLine, JetPartner, JetRole, ProgrammeFact
from .reference import SourcedAdmin
from .versioning import VersionedForm


class DepartmentInline(admin.TabularInline):
    model = Department
    form = VersionedForm
    fk_name = "office"
    fields = [
        "name_en",
        "kind",
        "parent",
        "phone",
        "fax",
        "email",
        "as_of",
        "order",
        "opened_version",
    ]
    extra = 0
    show_change_link = True


@admin.register(ClairOffice)
class ClairOfficeAdmin(SourcedAdmin):
    list_display = ["name_en", "kind", "city", "country", "time_zone", "as_of"]
    list_filter = ["kind"]
    search_fields = ["name_en", "name_ja", "city"]
    inlines = [DepartmentInline]


@admin.register(Department)
class DepartmentAdmin(SourcedAdmin):
    list_display = ["name_en", "kind", "parent", "office", "phone", "as_of"]
    list_filter = ["office", "kind", "as_of"]
    list_select_related = ["office", "parent"]
    search_fields = ["name_en", "name_ja"]
    autocomplete_fields = ["parent", "sources"]


@admin.register(JetRole)
class JetRoleAdmin(SourcedAdmin):
    list_display = ["code", "name_en", "name_ja", "as_of"]
    search_fields = ["code", "name_en"]


@admin.register(JetPartner)
class JetPartnerAdmin(SourcedAdmin):
    list_display = ["acronym", "name_en", "as_of"]
    search_fields = ["acronym", "name_en"]


@admin.register(ProgrammeFact)
class ProgrammeFactAdmin(SourcedAdmin):
    list_display = ["label", "value", "subject", "as_of"]
    list_filter = ["subject", "as_of"]
    search_fields = ["label", "value"]


@admin.register(HelpLine)
class HelpLineAdmin(SourcedAdmin):
    list_display = ["name_en", "number", "kind", "as_of"]
    list_filter = ["kind"]
    search_fields = ["name_en", "name_ja", "number"]
    filter_horizontal = ["languages"]
