"""Bulk import and export of associations (django-import-export).

A row names its place and vocabularies by their codes: prefecture `JP-22`, designated
city `hamamatsu`, languages `vi;pt`, services `consultation`, sources `doc-003`. Each
row is validated as the admin validates a record; a file with any invalid row writes
nothing.

Text cells are written through `spreadsheets.escape` (no cell opens as a formula) and
read back through `spreadsheets.unescape`, so the escaping changes nothing on a round
trip. Phone numbers are written as they are dialled in Japan (054-202-3411), which no
spreadsheet takes for a formula or a number; foreign ones in international form.
"""

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from .. import phones, spreadsheets
from ..models import Association, DesignatedCity, Language, Prefecture, Service, Source


class _Codes(widgets.ManyToManyWidget):
    def __init__(self, model, field: str) -> None:
        super().__init__(model, separator=";", field=field)

    def clean(self, value, row=None, **kwargs):
        codes = [c.strip() for c in str(value or "").split(self.separator) if c.strip()]
        found = self.model.objects.filter(**{f"{self.field}__in": codes})
        missing = set(codes) - {getattr(o, self.field) for o in found}
        if missing:
            raise ValueError(
                f"unknown {self.model._meta.verbose_name}: {', '.join(sorted(missing))}"
            )
        return found


class _Code(widgets.ForeignKeyWidget):
    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(f"unknown {self.model._meta.verbose_name}: {value}") from None


class _Phone(widgets.CharWidget):
    def render(self, value, obj=None, **kwargs) -> str:
        return phones.display(value)


class AssociationResource(resources.ModelResource):
    prefecture = fields.Field("prefecture", "prefecture", _Code(Prefecture, "code"))
    designated_city = fields.Field(
        "designated_city", "designated_city", _Code(DesignatedCity, "slug")
    )
    languages = fields.Field("languages", "languages", _Codes(Language, "code"))
    services = fields.Field("services", "services", _Codes(Service, "slug"))
    sources = fields.Field("sources", "sources", _Codes(Source, "key"))
    phone = fields.Field("phone", "phone", _Phone())
    consultation_phone = fields.Field("consultation_phone", "consultation_phone", _Phone())
    fax = fields.Field("fax", "fax", _Phone())

    class Meta:
        model = Association
        import_id_fields = ["slug"]
        fields = [
            "slug", "name_en", "name_ja", "tier", "mic_recognised", "prefecture",
            "designated_city", "municipality_en", "municipality_ja", "size_category",
            "services", "languages", "postal_code", "address", "phone", "consultation_phone",
            "consultation_phone_note", "fax", "email", "website", "last_verified", "as_of",
            "as_of_precision", "sources", "public_note", "staff_note",
        ]  # fmt: skip
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return spreadsheets.escape(value) if isinstance(value, str) else value

    @classmethod
    def import_columns(cls) -> list[str]:
        return [field.column_name for field in cls().get_import_fields()]

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        """Imports the whole file or nothing, wherever it is called from (the admin's
        preview and confirm steps, the import_associations command): any invalid row
        rolls every other row back."""
        kwargs.update(use_transactions=True, rollback_on_validation_errors=True)
        return super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs)

    def before_import(self, dataset, **kwargs) -> None:
        self._slugs_seen: set[str] = set()

    def before_import_row(self, row, **kwargs) -> None:
        for column, value in row.items():
            if isinstance(value, str):
                row[column] = spreadsheets.unescape(value)

    def import_instance(self, instance, row, **kwargs) -> None:
        """Validates every column before anything is saved, many-to-many ones included,
        so that each bad row is listed with all its reasons in the preview."""
        errors: dict = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [str(error)]
        slug = row.get("slug")
        if slug in self._slugs_seen:
            errors["slug"] = [f"“{slug}” appears twice in the file."]
        self._slugs_seen.add(slug)
        if errors:
            raise ValidationError(errors)
