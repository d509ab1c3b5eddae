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
from simple_history.models import to_historic
from simple_history.utils import get_history_model_for_model

from ..models import StaleEdit
from ..models.history import History
from .versioning import refuse_stale_save

_READ_ONLY = "_history_read_only"  # set on the request while a version is only shown
_REVERTING = "_history_reverting"  # set on the request while a revert may save
_REVERTED = "_history_reverted"  # the record a revert saved, its links still to keep
_SAFE_METHODS = ("GET", "HEAD")


def _with_kept_links(form_class: type, historical, fields: list) -> type:
    """The form, its lists ticked as `historical` kept them: simple-history's revert
    form shows a past version's fields but the record's current links."""

    class KeptLinksForm(form_class):
        def __init__(self, *args, **kwargs) -> None:
            kept = {
                f.name: list(
                    getattr(historical, f.name).values_list(
                        f"{f.m2m_reverse_field_name()}_id", flat=True
                    )
                )
                for f in fields
            }
            kwargs["initial"] = {**kept, **(kwargs.get("initial") or {})}
            super().__init__(*args, **kwargs)

    KeptLinksForm.__name__ = form_class.__name__
    return KeptLinksForm


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
                setattr(request, _REVERTING, True)
                response = super().history_form_view(request, object_id, version_id, extra_context)
                reverted = getattr(request, _REVERTED, None)
                if reverted is not None:
                    del reverted.skip_history_when_saving
                    self._keep_links(reverted)
                return response
        except StaleEdit:
            return refuse_stale_save(request)

    def save_related(self, request, form, formsets, change) -> None:
        # The lists a record links to are saved after the record, and each list changed
        # wrote a historical record of its own (after its removals, after its
        # additions), while the one of the save itself held the links from before it:
        # a revert to it, or to a record added with its languages, lost them. The lists
        # are saved without their own, and the save's record holds them as saved.
        obj = form.instance
        if not self._links_kept(type(obj)):
            super().save_related(request, form, formsets, change)
            return
        obj.skip_history_when_saving = True
        try:
            super().save_related(request, form, formsets, change)
        finally:
            del obj.skip_history_when_saving
        self._keep_links(obj)

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if getattr(request, _REVERTING, False) and self._links_kept(type(obj)):
            # simple-history's revert saves the lists itself, not through save_related:
            # without records of their own too, the save's record made to hold them
            # once it is done (history_form_view).
            obj.skip_history_when_saving = True
            setattr(request, _REVERTED, obj)

    @staticmethod
    def _links_kept(model) -> list:
        history = History.of(model)
        return history.get_m2m_fields_from_model(model) if history else []

    @staticmethod
    def _keep_links(obj) -> None:
        # Its record was written by save_model a moment ago, in this transaction, the row
        # locked.
        History.of(type(obj)).keep_links(obj.history.order_by("-history_id").first(), obj)

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
        historical = to_historic(obj)  # a past version, on the history page
        fields = self._links_kept(self.model) if historical is not None else []
        if fields:
            form = _with_kept_links(form, historical, fields)
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
