"""Branch editors see and change only the associations in their scope."""

from django.core.exceptions import PermissionDenied, ValidationError

from .. import roles
from ..models import Association


class ScopedAssociationMixin:
    """For admins of associations and of records that hang off one (`scope_path`)."""

    scope_path = ""  # the path from the admin's model to its association

    def _scope(self, request):
        return Association.objects.editable_by(request.user)

    def _in_scope(self, request, queryset):
        if roles.is_branch_editor(request.user):
            path = f"{self.scope_path}__in" if self.scope_path else "pk__in"
            return queryset.filter(**{path: self._scope(request).values("pk")})
        return queryset

    def get_queryset(self, request):
        return self._in_scope(request, super().get_queryset(request))

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and self._exists(object_id):
            # Someone else's record: refuse, rather than pretend it is not there.
            raise PermissionDenied
        return obj

    def _exists(self, object_id) -> bool:
        try:
            return self.model._default_manager.filter(pk=object_id).exists()
        except (ValueError, ValidationError):
            return False

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._owns(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._owns(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._owns(request, obj)

    def _owns(self, request, obj) -> bool:
        if obj is None or not roles.is_branch_editor(request.user):
            return True
        return self._in_scope(request, self.model._default_manager.filter(pk=obj.pk)).exists()
