"""History in the admin: whoever may see a record may read its past versions, but only
someone who may change that very record (by role and by branch scope) may revert it.

django-simple-history saves a posted revert after checking only the right to view, so
every admin of a model with history is built on `GuardedHistoryAdmin`, and a system
check (run by `manage.py check`, `migrate` and the tests) names any that is not.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core import checks
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import get_history_model_for_model

from ..models import StaleEdit
from ..models.history import History
from .versioning import refuse_stale_save

_READ_ONLY = "_history_read_only"  # set on the request while a version is only shown
_SAFE_METHODS = ("GET", "HEAD")


def _read_only(form_class: type) -> type:
    """The form, with every field shown but neither editable nor taken from a post."""

    class ReadOnlyForm(form_class):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            for field in self.fields.values():
                field.disabled = True

    ReadOnlyForm.__name__ = form_class.__name__
    return ReadOnlyForm


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    """The base of every admin of a model with history."""

    def history_view(self, request, object_id, extra_context=None):
        self._check_ids(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_ids(object_id, version_id)
        # Scoped admins refuse a record outside the branch's scope here, even to read.
        current = self.get_object(request, unquote(object_id))
        if current is None or not self.has_change_permission(request, current):
            if request.method not in _SAFE_METHODS:
                raise PermissionDenied
            setattr(request, _READ_ONLY, True)
            return super().history_form_view(request, object_id, version_id, extra_context)
        try:
            # A revert saves like the change form, so it runs in one transaction like it
            # (the form's row lock needs one on PostgreSQL).
            with transaction.atomic(using=router.db_for_write(self.model)):
                return super().history_form_view(request, object_id, version_id, extra_context)
        except StaleEdit:
            return refuse_stale_save(request)

    def save_related(self, request, form, formsets, change) -> None:
        # The lists a record links to are saved after the record, and each list changed
        # wrote a historical record of its own (after its removals, after its
        # additions), while the one of the save itself held the links from before it:
        # a revert to it, or to a record added with its languages, lost them. The lists
        # are saved without their own, and the save's record holds them as saved.
        obj = form.instance
        history = History.of(type(obj))
        if history is None or not history.get_m2m_fields_from_model(type(obj)):
            super().save_related(request, form, formsets, change)
            return
        obj.skip_history_when_saving = True
        try:
            super().save_related(request, form, formsets, change)
        finally:
            del obj.skip_history_when_saving
        # Written by save_model a moment ago, in this transaction, the row locked.
        history.keep_links(obj.history.order_by("-history_id").first(), obj)

    def _check_ids(self, object_id: str, version_id: str | None = None) -> None:
        # django-simple-history looks them up as they come, and a malformed one is a 500.
        try:
            self.model._meta.pk.to_python(unquote(object_id))
            if version_id is not None:
                get_history_model_for_model(self.model)._meta.pk.to_python(version_id)
        except ValidationError:
            raise Http404 from None

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return _read_only(form) if getattr(request, _READ_ONLY, False) else form

    def revert_disabled(self, request, obj=None) -> bool:
        return getattr(request, _READ_ONLY, False) or super().revert_disabled(request, obj)


def _has_history(model) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


@checks.register(checks.Tags.admin)
def check_history_admins(
    app_configs=None, site: admin.AdminSite | None = None, **kwargs
) -> list[checks.CheckMessage]:
    """Every registered admin of a model with history must guard its reverts."""
    site = site or admin.site
    return [
        checks.Error(
            f"The admin of {model._meta.label} shows history, but its reverts are not guarded.",
            hint="Build it on associations.admin.history.GuardedHistoryAdmin.",
            obj=type(model_admin),
            id="associations.E001",
        )
        for model, model_admin in site._registry.items()
        if _has_history(model) and not isinstance(model_admin, GuardedHistoryAdmin)
    ]
