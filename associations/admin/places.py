"""Places in the admin: read-only reference data (loaded from Japan Post's data by
`manage.py load_places`), found by code, kanji, kana or romaji, also when an
association's places are picked by autocomplete, where branch editors see only theirs."""

from django.contrib import admin

from ..models import Municipality, Postcode


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ja", "name_en", "kind", "prefecture", "is_current", "as_of"]
    list_filter = ["kind", "is_current", ("prefecture", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["prefecture"]
    search_fields = ["code", "name_ja", "name_kana", "name_romaji", "name_en", "slug"]
    ordering = ["code"]

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            # The site's folded search too: とよた, hamamatsu chuuou, ﾄﾖﾀ.
            folded = self.model.objects.matching(search_term).values("pk")
            found = found | queryset.filter(pk__in=folded)
        if request.GET.get("model_name") in ("association", "location", "consultationcentre"):
            # Picking an association's places: a branch editor sees only their own.
            found = found.filter(pk__in=self.model.objects.in_scope_of(request.user).values("pk"))
        return found, may_have_duplicates

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Postcode)
class PostcodeAdmin(admin.ModelAdmin):
    list_display = ["code", "municipality", "kind", "area_ja"]
    list_filter = ["kind"]
    list_select_related = ["municipality"]
    search_fields = ["=code"]
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
