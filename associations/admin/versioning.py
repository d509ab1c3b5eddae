"""Safe concurrent editing in the admin.

The change form carries the version of the record the editor opened. If someone else
saved the record since, the save is refused with what they changed, and everything the
editor typed stays in the form; saving again then applies the editor's values on top.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import connection, models, router, transaction
from django.http import HttpResponseRedirect
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from ..models import StaleEdit


def _display(value) -> str:
    return "—" if value in (None, "") else str(value)


class VersionedForm(forms.ModelForm):
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            # Read afresh: a form built from a historical copy (a revert) starts from the
            # record as it is now, not as it was.
            current = type(self.instance)._base_manager.filter(pk=self.instance.pk)
            self.initial["opened_version"] = current.values_list("version", flat=True).first()

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        opened = cleaned.get("opened_version")
        records = type(self.instance)._base_manager
        if connection.in_atomic_block:
            # Locked until the admin's transaction ends, so two saves cannot both pass here.
            records = records.select_for_update()
        current = records.get(pk=self.instance.pk)
        if opened is not None and opened != current.version:
            changes = self._changes_since(opened, current)
            # The next save is made knowingly on top of the current record.
            self.data = self.data.copy()
            self.data[self.add_prefix("opened_version")] = current.version
            message = _(
                "Someone else saved this record while you were editing it. Nothing was "
                "saved. Their changes are listed below; your input is still in the form. "
                "Check it against their changes and save again to apply yours."
            )
            raise ValidationError(format_html_join("", "{}<ul>{}</ul>", [(message, changes)]))
        self.instance.version = current.version if opened is None else opened
        return cleaned

    def _changes_since(self, opened: int, current) -> str:
        history = getattr(current, "history", None)
        before = history.filter(version=opened).first() if history is not None else None
        if before is None:
            return format_html_join("", "<li>{}</li>", [(_("(details not recorded)"),)])
        rows = []
        for field in current._meta.concrete_fields:
            if field.name in {"version", "search_text"} or not field.editable:
                continue
            old = getattr(before, field.attname, None)
            new = getattr(current, field.attname)
            if str(old) != str(new):
                rows.append((field.verbose_name, _display(old), _display(new)))
        if not rows:
            rows.append((_("related records"), "…", "…"))
        return format_html_join("", "<li>{}: “{}” → “{}”</li>", rows)


class VersionedAdminMixin:
    """For ModelAdmins of `Sourced` models: the form carries the version it edits."""

    form = VersionedForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A revert saves like the change form, so it runs in one transaction like it.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleEdit:
            # Only where the database cannot lock the row (SQLite) can a save slip past
            # the form's check; it is refused all the same, and nothing was written.
            messages.error(
                request,
                _("Someone else saved this record just now. Nothing was saved; edit it again."),
            )
            return HttpResponseRedirect(request.get_full_path())
