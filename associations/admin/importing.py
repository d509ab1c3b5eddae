"""The admin's import of associations made safe to run on a shared site.

- Bounded: a file larger than IMPORT_MAX_BYTES is refused before it is read, and one of
  more than IMPORT_MAX_ROWS rows while its rows are counted, before any row is checked
  against the database. Larger files go through `manage.py import_associations`.
- Stateless: between preview and confirm the file waits in the cache (Redis in
  production: shared by every instance, and expiring by itself), not in one instance's
  /tmp. A preview is confirmed once; a confirm whose preview has expired, was already
  used or never existed is answered with a message.
- Whole or nothing: the confirm step validates every row again; any error rolls every
  row back, and the reasons are shown (see AssociationResource.import_data).
"""

import io
import re
from typing import BinaryIO

import tablib
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from import_export.formats.base_formats import CSV
from import_export.forms import ImportForm
from import_export.tmp_storages import CacheStorage

from ..caching import one_version_bump
from ..importfiles import ENCODING, ImportFileError, read_csv
from .resources import AssociationResource


def read_associations(stream: BinaryIO, *, max_rows: int | None) -> tablib.Dataset:
    """A file of associations as a dataset, or ImportFileError with the reason."""
    return read_csv(
        stream, columns=AssociationResource.import_columns(), key="slug", max_rows=max_rows
    )


class AssociationCSV(CSV):
    """CSV read through read_associations, with the admin's row limit."""

    def create_dataset(self, in_stream: bytes | str, **kwargs) -> tablib.Dataset:
        data = in_stream.encode(ENCODING) if isinstance(in_stream, str) else in_stream
        return read_associations(io.BytesIO(data), max_rows=settings.IMPORT_MAX_ROWS)


class AssociationImportForm(ImportForm):
    """Refuses a file that is too large before reading it, and a file that cannot be
    imported at all before it is stored or any of its rows is checked."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Rendered as HTML by django-import-export's template: plain text only.
        self.fields["import_file"].help_text = _(
            "A CSV file in UTF-8 whose header names the columns listed above; rows are "
            "matched to associations by slug. At most %(rows)s rows and %(size)s: a larger "
            "file is imported by an operator with “manage.py import_associations FILE”."
        ) % {
            "rows": number_format(settings.IMPORT_MAX_ROWS, force_grouping=True),
            "size": filesizeformat(settings.IMPORT_MAX_BYTES),
        }

    def clean_import_file(self) -> UploadedFile:
        upload = self.cleaned_data["import_file"]
        limit = settings.IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _(
                    "The file is larger than %(limit)s, the most the admin imports at once. "
                    "Split it, or have an operator import it with "
                    "“manage.py import_associations FILE”."
                )
                % {"limit": filesizeformat(limit)}
            )
        upload.seek(0)
        try:
            read_associations(io.BytesIO(upload.read()), max_rows=settings.IMPORT_MAX_ROWS)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        upload.seek(0)
        return upload


class PreviewStorage(CacheStorage):
    """A previewed file kept in the default cache until it is confirmed or expires."""

    CACHE_PREFIX = "associations:import-preview:"
    _NAME = re.compile(r"[0-9a-f]{32}")

    def save(self, data) -> None:
        self.CACHE_LIFETIME = settings.IMPORT_PREVIEW_SECONDS
        super().save(data)

    def read(self):
        # The name comes back from the browser: only a name this class made is looked up.
        return super().read() if self._NAME.fullmatch(self.name or "") else None

    def remove(self) -> bool:
        """Whether the file was still there: of two confirms of one preview, only one
        removes it (the cache deletes atomically), and only that one imports."""
        return bool(self._NAME.fullmatch(self.name or "")) and cache.delete(
            self.CACHE_PREFIX + self.name
        )


class SafeImportMixin:
    """The preview and confirm steps of django-import-export's ImportMixin, bounded,
    stateless and whole-or-nothing (see the module's docstring)."""

    import_form_class = AssociationImportForm
    import_formats = [AssociationCSV]

    def add_data_read_fail_error_to_form(self, form, e) -> None:
        if isinstance(e, ImportFileError):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def import_action(self, request: HttpRequest, **kwargs) -> HttpResponse:
        with one_version_bump() as changes:
            response = super().import_action(request, **kwargs)
            # The preview is a dry run, rolled back: the cached pages are still right.
            changes.discard()
        # A preview that cannot be confirmed has no use for its stored file.
        context = getattr(response, "context_data", None) or {}
        upload = getattr(context.get("form"), "cleaned_data", {}).get("import_file")
        name = getattr(upload, "tmp_storage_name", None)
        if name and "confirm_form" not in context:
            self.get_tmp_storage_class()(name=name, **self.get_tmp_storage_class_kwargs()).remove()
        return response

    @method_decorator(require_POST)
    def process_import(self, request: HttpRequest, **kwargs) -> HttpResponse:
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.create_confirm_form(request)
        if not form.is_valid() or not self._chosen_from_lists(request, form.cleaned_data):
            return self._start_again(
                request, _("This confirmation is incomplete, so nothing was imported.")
            )
        storage = self.get_tmp_storage_class()(
            name=form.cleaned_data["import_file_name"], **self.get_tmp_storage_class_kwargs()
        )
        data = storage.read()
        if data is None or not storage.remove():
            return self._start_again(
                request,
                _(
                    "This preview has expired or was already used, so nothing was imported. "
                    "Upload the file again."
                ),
            )
        input_format = self.get_import_formats()[int(form.cleaned_data["format"])]()
        try:
            dataset = input_format.create_dataset(data)
        except ImportFileError as error:
            return self._start_again(request, str(error))
        # The cached pages go stale once for the file, after its transaction, not once a
        # row; not at all when it is refused (rolled back).
        with one_version_bump() as changes:
            result = self.process_dataset(dataset, form, request, **kwargs)
            failed = result.has_errors() or result.has_validation_errors()
            if failed:
                changes.discard()
        if failed:
            messages.error(
                request,
                _(
                    "Nothing was imported: the file no longer passes the checks it passed "
                    "at the preview (a record it names may have changed since). The reasons "
                    "are below; correct the file and upload it again."
                ),
            )
            return self._failed(request, result)
        return self.process_result(result, request)

    def _chosen_from_lists(self, request: HttpRequest, data: dict) -> bool:
        # The confirm form's hidden fields come back from the browser unchecked.
        formats = range(len(self.get_import_formats()))
        resources = range(len(self.get_import_resource_classes(request)))
        return data["format"] in {str(i) for i in formats} and data.get("resource", "") in {
            "",
            *(str(i) for i in resources),
        }

    def _start_again(self, request: HttpRequest, message: str) -> HttpResponse:
        messages.error(request, message)
        return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")

    def _failed(self, request: HttpRequest, result) -> TemplateResponse:
        """The import page with a fresh form and the confirm step's row errors."""
        form = self.get_import_form_class(request)(
            self.get_import_formats(),
            self.get_import_resource_classes(request),
            initial=self.get_import_form_initial(request),
        )
        resources = [
            resource_class(**self.get_import_resource_kwargs(request))
            for resource_class in self.get_import_resource_classes(request)
        ]
        context = {
            **self.get_import_context_data(),
            **self.admin_site.each_context(request),
            "title": _("Import"),
            "form": form,
            "opts": self.opts,
            "media": self.media + form.media,
            "result": result,
            "fields_list": [
                (r.get_display_name(), [f.column_name for f in r.get_user_visible_fields()])
                for r in resources
            ],
            "import_error_display": self.import_error_display,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)
