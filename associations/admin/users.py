"""Staff users with the branch scope they look after."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from ..models import EditorScope


class EditorScopeInline(admin.StackedInline):
    model = EditorScope
    can_delete = True
    filter_horizontal = ["prefectures", "designated_cities"]


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, EditorScopeInline]
