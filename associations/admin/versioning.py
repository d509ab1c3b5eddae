"""Safe concurrent editing in the admin.

The change form carries the version of the record the editor opened. If someone else
saved the record since, the save is refused with what they changed, and everything the
editor typed stays in the form; saving again then applies the editor's values on top.
A change that does not say which version it was opened on is refused the same way.
"""

from collections.abc import Iterator

from django import forms
from django.contrib import admin, messages
from django.core import checks
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.http import HttpResponseRedirect
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.models import to_historic

from ..models import Sourced, StaleEdit


def _display(value) -> str:
    return "—" if value in (None, "") else str(value)


class VersionedForm(forms.ModelForm):
    # Needed on every change, not on an add; `clean` says so where the editor sees it
    # (a hidden field's own error is not shown).
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.initial["opened_version"] = self._version_shown()

    def _version_shown(self) -> int | None:
        if to_historic(self.instance) is None:
            # The version of the values the form shows. Reading it from the table here
            # could give a newer one, whose change a save would then overwrite unwarned
            # (and it was a query for each row of an inline).
            return self.instance.version
        # A past version's copy (a revert) starts from the record as it is now.
        current = type(self.instance)._base_manager.filter(pk=self.instance.pk)
        return current.values_list("version", flat=True).first()

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
        if opened is None:
            self._carry_version(current.version)
            raise ValidationError(
                _(
                    "This form did not say which version of the record it was opened on, "
                    "so saving it could overwrite someone else's newer changes. Nothing was "
                    "saved; your input is still in the form. Check it against the record "
                    "as it is now and save again to apply it."
                )
            )
        if opened != current.version:
            changes = self._changes_since(opened, current)
            self._carry_version(current.version)
            message = _(
                "Someone else saved this record while you were editing it. Nothing was "
                "saved. Their changes are listed below; your input is still in the form. "
                "Check it against their changes and save again to apply yours."
            )
            raise ValidationError(format_html_join("", "{}<ul>{}</ul>", [(message, changes)]))
        # The model's own check then refuses the save if anyone saves in between.
        self.instance.version = opened
        return cleaned

    def _carry_version(self, version: int) -> None:
        # The next save is made knowingly on top of the current record.
        self.data = self.data.copy()
        self.data[self.add_prefix("opened_version")] = version

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

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleEdit:
            return refuse_stale_save(request)


def refuse_stale_save(request) -> HttpResponseRedirect:
    # Only where the database cannot lock the row (SQLite) can a save slip past the
    # form's check; the model refuses it all the same, and nothing was written.
    messages.error(
        request, _("Someone else saved this record just now. Nothing was saved; edit it again.")
    )
    return HttpResponseRedirect(request.get_full_path())


def _unversioned_forms(site: admin.AdminSite) -> Iterator[type]:
    for model, model_admin in site._registry.items():
        # A proxy's admin is a list of records that are edited on their own page.
        versioned = issubclass(model, Sourced) and not model._meta.proxy
        if versioned and not issubclass(model_admin.form, VersionedForm):
            yield type(model_admin)
        for inline in model_admin.inlines:
            if issubclass(inline.model, Sourced) and not issubclass(inline.form, VersionedForm):
                yield inline


@checks.register(checks.Tags.admin)
def check_versioned_forms(
    app_configs=None, site: admin.AdminSite | None = None, **kwargs
) -> list[checks.CheckMessage]:
    """Every admin form that changes a `Sourced` record must carry its version."""
    return [
        checks.Error(
            f"{form_owner.__name__} changes versioned records without saying which version.",
            hint="Give it associations.admin.versioning.VersionedForm (or a subclass).",
            obj=form_owner,
            id="associations.E002",
        )
        for form_owner in _unversioned_forms(site or admin.site)
    ]
