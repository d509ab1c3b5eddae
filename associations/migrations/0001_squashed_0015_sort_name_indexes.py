"""The schema of 0001 to 0015 in one step, for new databases (test databases included).

Applying the fifteen took about 7 s on SQLite: Django renders the models again after every
one of their 230 operations. This one creates each model whole (its keys, constraints and
indexes inside), ordered so that a model comes after those it refers to, and applies in
about 1.5 s. Made by makemigrations from the models, then folded; a fresh database gets the
same tables, columns, constraints and indexes from it as from the fifteen (compared on
SQLite and PostgreSQL, docs/benchmarks.md). Their data changes (0005, 0008, 0009, 0012)
fix rows that a new database does not have yet; the two trigram indexes are made here too.

A database that has the fifteen applied gets this one marked as applied and nothing run.
Once every deployed database has 0015, the fifteen can be deleted and `replaces` dropped.
"""

import associations.models.clair
import associations.models.places
import django.core.validators
import django.db.models.deletion
import django.db.models.functions.comparison
import django_countries.fields
import phonenumber_field.modelfields
import simple_history.models
from django.conf import settings
from django.db import migrations, models


# On PostgreSQL the keyword search (associations) and the place search (municipalities)
# are one `LIKE '%term%'` each, served by a GIN trigram index; SQLite scans.
TRIGRAM_INDEXES = {
    "associations_association_search_trgm": "associations_association",
    "associations_municipality_search_trgm": "associations_municipality",
}


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for index, table in TRIGRAM_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {index} ON {table} USING gin (search_text gin_trgm_ops)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in TRIGRAM_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {index}")


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("associations", "0001_initial"),
        ("associations", "0002_search_trigram_index"),
        ("associations", "0003_history_versions_reports_scopes"),
        ("associations", "0004_listing_indexes"),
        ("associations", "0005_recompute_search_text"),
        ("associations", "0006_places"),
        ("associations", "0007_desks_locations_hours"),
        ("associations", "0008_desks_languages_known"),
        ("associations", "0009_verify_notes_dates"),
        ("associations", "0010_desks_dates_at_precision"),
        ("associations", "0011_lead_offices_help_lines"),
        ("associations", "0012_municipal_centres"),
        ("associations", "0013_helpline_number_validator"),
        ("associations", "0014_facets_index_languages_known"),
        ("associations", "0015_sort_name_indexes"),
    ]

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="Source",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.SlugField(max_length=80, unique=True, verbose_name="key")),
                (
                    "kind",
                    models.CharField(
                        choices=[("document", "Source document"), ("public", "Public source")],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                (
                    "publisher",
                    models.CharField(blank=True, max_length=200, verbose_name="publisher"),
                ),
                (
                    "published_on",
                    models.DateField(blank=True, null=True, verbose_name="published on"),
                ),
                (
                    "date_precision",
                    models.CharField(
                        choices=[
                            ("day", "day"),
                            ("month", "month"),
                            ("year", "year"),
                            ("unknown", "undated"),
                        ],
                        max_length=10,
                        verbose_name="date precision",
                    ),
                ),
                (
                    "file_name",
                    models.CharField(blank=True, max_length=100, verbose_name="file name"),
                ),
                ("url", models.URLField(blank=True, max_length=500, verbose_name="address")),
                ("note", models.TextField(blank=True, verbose_name="note")),
            ],
            options={
                "verbose_name": "source",
                "verbose_name_plural": "sources",
                "ordering": ["kind", "key"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("title", ""), _negated=True),
                        name="associations_source_title_not_empty",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("published_on__isnull", False),
                            ("date_precision", "unknown"),
                            _connector="OR",
                        ),
                        name="associations_source_dated_unless_unknown",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Block",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "public_note",
                    models.TextField(
                        blank=True,
                        help_text="Shown on the public page: plain words for residents.",
                        verbose_name="public note",
                    ),
                ),
                (
                    "staff_note",
                    models.TextField(
                        blank=True,
                        help_text="For staff only: shown in the admin, never on the public pages.",
                        verbose_name="staff note",
                    ),
                ),
                ("slug", models.SlugField(unique=True, verbose_name="slug")),
                (
                    "order",
                    models.PositiveSmallIntegerField(
                        unique=True, verbose_name="order on CLAIR's list"
                    ),
                ),
                ("name_en", models.CharField(max_length=50, verbose_name="English name")),
                ("name_ja", models.CharField(max_length=50, verbose_name="Japanese name")),
                (
                    "sources",
                    models.ManyToManyField(to="associations.source", verbose_name="sources"),
                ),
            ],
            options={
                "verbose_name": "block",
                "verbose_name_plural": "blocks",
                "ordering": ["order"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("name_en", ""), _negated=True),
                            models.Q(("name_ja", ""), _negated=True),
                        ),
                        name="associations_block_names_not_empty",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Prefecture",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "public_note",
                    models.TextField(
                        blank=True,
                        help_text="Shown on the public page: plain words for residents.",
                        verbose_name="public note",
                    ),
                ),
                (
                    "staff_note",
                    models.TextField(
                        blank=True,
                        help_text="For staff only: shown in the admin, never on the public pages.",
                        verbose_name="staff note",
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        max_length=5,
                        unique=True,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^JP-(0[1-9]|[1-3][0-9]|4[0-7])$", "Use JP-01 to JP-47."
                            )
                        ],
                        verbose_name="ISO 3166-2 code",
                    ),
                ),
                ("slug", models.SlugField(unique=True, verbose_name="slug")),
                ("name_en", models.CharField(max_length=50, verbose_name="English name")),
                ("name_ja", models.CharField(max_length=10, verbose_name="Japanese name")),
                (
                    "block_assumed",
                    models.BooleanField(
                        default=False,
                        help_text="CLAIR's list does not place this prefecture; the block is an assumption.",
                        verbose_name="block assumed",
                    ),
                ),
                (
                    "block",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="prefectures",
                        to="associations.block",
                        verbose_name="block",
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(to="associations.source", verbose_name="sources"),
                ),
            ],
            options={
                "verbose_name": "prefecture",
                "verbose_name_plural": "prefectures",
                "ordering": ["code"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("code__startswith", "JP-")),
                        name="associations_prefecture_iso_code",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("name_en", ""), _negated=True),
                            models.Q(("name_ja", ""), _negated=True),
                        ),
                        name="associations_prefecture_names_not_empty",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="DesignatedCity",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "public_note",
                    models.TextField(
                        blank=True,
                        help_text="Shown on the public page: plain words for residents.",
                        verbose_name="public note",
                    ),
                ),
                (
                    "staff_note",
                    models.TextField(
                        blank=True,
                        help_text="For staff only: shown in the admin, never on the public pages.",
                        verbose_name="staff note",
                    ),
                ),
                ("slug", models.SlugField(unique=True, verbose_name="slug")),
                ("name_en", models.CharField(max_length=50, verbose_name="English name")),
                ("name_ja", models.CharField(max_length=10, verbose_name="Japanese name")),
                ("designated_on", models.DateField(verbose_name="designated on")),
                (
                    "prefecture",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="designated_cities",
                        to="associations.prefecture",
                        verbose_name="prefecture",
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(to="associations.source", verbose_name="sources"),
                ),
            ],
            options={
                "verbose_name": "designated city",
                "verbose_name_plural": "designated cities",
                "ordering": ["designated_on", "name_en"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("name_en", ""), _negated=True),
                            models.Q(("name_ja", ""), _negated=True),
                        ),
                        name="associations_designatedcity_names_not_empty",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Language",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=12, unique=True, verbose_name="code")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("name_en", models.CharField(max_length=50, verbose_name="English name")),
                (
                    "name_native",
                    models.CharField(max_length=50, verbose_name="name in the language"),
                ),
                ("name_ja", models.CharField(max_length=50, verbose_name="Japanese name")),
            ],
            options={
                "verbose_name": "language",
                "verbose_name_plural": "languages",
                "ordering": ["order", "code"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("name_en", ""), _negated=True),
                            models.Q(("name_native", ""), _negated=True),
                        ),
                        name="associations_language_names_not_empty",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Municipality",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        help_text="JIS X 0402, six digits with the check digit (豊田市: 232114).",
                        max_length=6,
                        unique=True,
                        validators=[
                            django.core.validators.RegexValidator("^\\d{6}$"),
                            associations.models.places.validate_code,
                        ],
                        verbose_name="local-government code",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("designated_city", "Designated city"),
                            ("city", "City"),
                            ("special_ward", "Special ward of Tokyo"),
                            ("ward", "Ward of a designated city"),
                            ("town", "Town"),
                            ("village", "Village"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("name_ja", models.CharField(max_length=30, verbose_name="Japanese name")),
                ("name_kana", models.CharField(max_length=60, verbose_name="reading (kana)")),
                ("name_romaji", models.CharField(max_length=80, verbose_name="romaji (Hepburn)")),
                ("name_en", models.CharField(max_length=100, verbose_name="English name")),
                (
                    "district_ja",
                    models.CharField(blank=True, max_length=20, verbose_name="district (郡)"),
                ),
                (
                    "district_kana",
                    models.CharField(blank=True, max_length=40, verbose_name="district reading"),
                ),
                ("slug", models.SlugField(max_length=100, unique=True, verbose_name="slug")),
                (
                    "is_current",
                    models.BooleanField(
                        default=True,
                        help_text="Off for a code the latest data no longer has (merged or renamed).",
                        verbose_name="current",
                    ),
                ),
                ("as_of", models.DateField(verbose_name="as of")),
                ("search_text", models.TextField(blank=True, editable=False)),
                (
                    "designated_city",
                    models.ForeignKey(
                        blank=True,
                        help_text="The designated city this place is, or is a ward of.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="municipalities",
                        to="associations.designatedcity",
                        verbose_name="designated city",
                    ),
                ),
                (
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="wards",
                        to="associations.municipality",
                        verbose_name="city of this ward",
                    ),
                ),
                (
                    "prefecture",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="municipalities",
                        to="associations.prefecture",
                        verbose_name="prefecture",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        to="associations.source",
                        verbose_name="source",
                    ),
                ),
            ],
            options={
                "verbose_name": "municipality",
                "verbose_name_plural": "municipalities",
                "ordering": ["code"],
                "indexes": [
                    models.Index(
                        fields=["prefecture", "is_current", "code"],
                        name="associations_muni_pref_idx",
                    )
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("name_ja", ""), _negated=True),
                            models.Q(("name_en", ""), _negated=True),
                            models.Q(("name_kana", ""), _negated=True),
                        ),
                        name="associations_municipality_names_not_empty",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("designated_city__isnull", False),
                                ("kind__in", ["designated_city", "ward"]),
                            ),
                            models.Q(
                                models.Q(("kind__in", ["designated_city", "ward"]), _negated=True),
                                ("designated_city__isnull", True),
                            ),
                            _connector="OR",
                        ),
                        name="associations_municipality_city_fits_kind",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("kind", "ward"), ("parent__isnull", False)),
                            models.Q(
                                models.Q(("kind", "ward"), _negated=True), ("parent__isnull", True)
                            ),
                            _connector="OR",
                        ),
                        name="associations_municipality_wards_have_a_city",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Service",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(unique=True, verbose_name="slug")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("name_en", models.CharField(max_length=100, verbose_name="English name")),
                ("name_ja", models.CharField(max_length=100, verbose_name="Japanese name")),
                ("description_en", models.TextField(blank=True, verbose_name="description")),
            ],
            options={
                "verbose_name": "service",
                "verbose_name_plural": "services",
                "ordering": ["order", "slug"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("name_en", ""), _negated=True),
                        name="associations_service_name_not_empty",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Association",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "public_note",
                    models.TextField(
                        blank=True,
                        help_text="Shown on the public page: plain words for residents.",
                        verbose_name="public note",
                    ),
                ),
                (
                    "staff_note",
                    models.TextField(
                        blank=True,
                        help_text="For staff only: shown in the admin, never on the public pages.",
                        verbose_name="staff note",
                    ),
                ),
                ("slug", models.SlugField(max_length=60, unique=True, verbose_name="slug")),
                (
                    "name_en",
                    models.CharField(blank=True, max_length=200, verbose_name="English name"),
                ),
                (
                    "name_ja",
                    models.CharField(blank=True, max_length=200, verbose_name="Japanese name"),
                ),
                (
                    "listed_as",
                    models.CharField(
                        blank=True,
                        help_text="The name exactly as CLAIR's list of International Associations gives it.",
                        max_length=200,
                        verbose_name="listed as",
                    ),
                ),
                (
                    "list_position",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, unique=True, verbose_name="position on CLAIR's list"
                    ),
                ),
                (
                    "tier",
                    models.CharField(
                        choices=[
                            ("prefectural", "Prefectural"),
                            ("designated_city", "Designated city"),
                            ("municipal", "Municipal"),
                        ],
                        max_length=20,
                        verbose_name="tier",
                    ),
                ),
                (
                    "mic_recognised",
                    models.BooleanField(
                        default=False,
                        help_text="Recognised by the Ministry of Internal Affairs and Communications as a regional international association (地域国際化協会).",
                        verbose_name="recognised by MIC",
                    ),
                ),
                (
                    "municipality_en",
                    models.CharField(
                        blank=True, max_length=100, verbose_name="municipality (English)"
                    ),
                ),
                (
                    "municipality_ja",
                    models.CharField(
                        blank=True, max_length=100, verbose_name="municipality (Japanese)"
                    ),
                ),
                (
                    "municipality_code",
                    models.CharField(
                        blank=True,
                        help_text="全国地方公共団体コード, 6 digits with the check digit (linked when loaded).",
                        max_length=6,
                        validators=[
                            django.core.validators.RegexValidator("^\\d{6}$"),
                            associations.models.places.validate_code,
                        ],
                        verbose_name="local-government code",
                    ),
                ),
                (
                    "size_category",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("large", "Large municipality"),
                            ("medium", "Medium-sized municipality"),
                            ("small", "Small municipality"),
                        ],
                        max_length=10,
                        verbose_name="size of municipality",
                    ),
                ),
                (
                    "languages_known",
                    models.BooleanField(
                        default=False,
                        help_text="Tick once the consultation languages have been checked, even if none.",
                        verbose_name="languages known",
                    ),
                ),
                (
                    "services_known",
                    models.BooleanField(
                        default=False,
                        help_text="Tick once the services have been checked, even if none.",
                        verbose_name="services known",
                    ),
                ),
                (
                    "postal_code",
                    models.CharField(
                        blank=True,
                        max_length=8,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\d{3}-\\d{4}$", "Write the postal code as 123-4567 (without 〒)."
                            )
                        ],
                        verbose_name="postal code",
                    ),
                ),
                ("address", models.CharField(blank=True, max_length=300, verbose_name="address")),
                (
                    "phone",
                    phonenumber_field.modelfields.PhoneNumberField(
                        blank=True, max_length=128, region=None, verbose_name="phone"
                    ),
                ),
                (
                    "consultation_phone",
                    phonenumber_field.modelfields.PhoneNumberField(
                        blank=True, max_length=128, region=None, verbose_name="consultation phone"
                    ),
                ),
                (
                    "consultation_phone_note",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="about the consultation line"
                    ),
                ),
                (
                    "fax",
                    phonenumber_field.modelfields.PhoneNumberField(
                        blank=True, max_length=128, region=None, verbose_name="fax"
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                ("website", models.URLField(blank=True, max_length=300, verbose_name="website")),
                (
                    "last_verified",
                    models.DateField(blank=True, null=True, verbose_name="last verified"),
                ),
                ("search_text", models.TextField(blank=True, editable=False)),
                (
                    "designated_city",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="associations",
                        to="associations.designatedcity",
                        verbose_name="designated city",
                    ),
                ),
                (
                    "languages",
                    models.ManyToManyField(
                        blank=True,
                        related_name="associations",
                        to="associations.language",
                        verbose_name="consultation languages",
                    ),
                ),
                (
                    "also_serves",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Other municipalities this association serves (some serve several towns).",
                        related_name="also_served_by",
                        to="associations.municipality",
                        verbose_name="also serves",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        blank=True,
                        help_text="A municipal association's own municipality, by its code.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="own_associations",
                        to="associations.municipality",
                        verbose_name="municipality",
                    ),
                ),
                (
                    "prefecture",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="associations",
                        to="associations.prefecture",
                        verbose_name="prefecture",
                    ),
                ),
                (
                    "services",
                    models.ManyToManyField(
                        blank=True,
                        related_name="associations",
                        to="associations.service",
                        verbose_name="services",
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(to="associations.source", verbose_name="sources"),
                ),
            ],
            options={
                "verbose_name": "association",
                "verbose_name_plural": "associations",
                "ordering": ["name_en"],
                "indexes": [
                    models.Index(fields=["name_en", "id"], name="associations_name_en_idx"),
                    models.Index(
                        fields=["prefecture", "name_en"], name="associations_pref_name_idx"
                    ),
                    models.Index(
                        fields=["prefecture", "tier", "mic_recognised", "languages_known"],
                        name="associations_facets_known_idx",
                    ),
                    models.Index(
                        django.db.models.functions.comparison.Coalesce(
                            django.db.models.functions.comparison.NullIf(
                                "name_en", models.Value("")
                            ),
                            "name_ja",
                        ),
                        models.F("id"),
                        name="associations_sort_name_idx",
                    ),
                    models.Index(
                        models.F("prefecture"),
                        models.OrderBy(models.F("mic_recognised"), descending=True),
                        django.db.models.functions.comparison.Coalesce(
                            django.db.models.functions.comparison.NullIf(
                                "name_en", models.Value("")
                            ),
                            "name_ja",
                        ),
                        name="associations_neighbours_idx",
                    ),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("name_en", ""), _negated=True),
                            models.Q(
                                ("tier", "municipal"), models.Q(("name_ja", ""), _negated=True)
                            ),
                            _connector="OR",
                        ),
                        name="associations_association_name_not_empty",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("municipality_code", ""),
                            ("municipality_code__regex", "^[0-9]{6}$"),
                            _connector="OR",
                        ),
                        name="associations_association_municipality_code_6_digits",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("designated_city__isnull", False), ("tier", "designated_city")
                            ),
                            models.Q(("designated_city__isnull", True), ("tier", "prefectural")),
                            ("tier", "municipal"),
                            _connector="OR",
                        ),
                        name="associations_association_city_fits_tier",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("tier", "municipal"), ("size_category", ""), _connector="OR"
                        ),
                        name="associations_association_size_only_municipal",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("tier", "municipal"), _negated=True),
                            models.Q(("municipality_en", ""), _negated=True),
                            models.Q(("municipality_ja", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="associations_association_municipal_names_municipality",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("municipality__isnull", True), ("tier", "municipal"), _connector="OR"
                        ),
                        name="associations_association_municipality_only_municipal",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("tier", "municipal"), _negated=True),
                            ("mic_recognised", False),
                            _connector="OR",
                        ),
                        name="associations_association_municipal_not_recognised",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ClairOffice",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "public_note",
                    models.TextField(
                        blank=True,
                        help_text="Shown on the public page: plain words for residents.",
                        verbose_name="public note",
                    ),
                ),
                (
                    "staff_note",
                    models.TextField(
                        blank=True,
                        help_text="For staff only: shown in the admin, never on the public pages.",
                        verbose_name="staff note",
                    ),
                ),
                ("slug", models.SlugField(unique=True, verbose_name="slug")),
                (
                    "kind",
                    models.CharField(
                        choices=[("headquarters", "Headquarters"), ("overseas", "Overseas office")],
                        max_length=12,
                        verbose_name="kind",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("name_en", models.CharField(max_length=200, verbose_name="English name")),
                (
                    "name_ja",
                    models.CharField(blank=True, max_length=200, verbose_name="Japanese name"),
                ),
                ("city", models.CharField(max_length=100, verbose_name="city")),
                (
                    "country",
                    django_countries.fields.CountryField(max_length=2, verbose_name="country"),
                ),
                (
                    "postal_code",
                    models.CharField(blank=True, max_length=20, verbose_name="postal code"),
                ),
                ("address", models.CharField(blank=True, max_length=300, verbose_name="address")),
                (
                    "address_ja",
                    models.CharField(
                        blank=True, max_length=300, verbose_name="address in Japanese"
                    ),
                ),
                (
                    "phone",
                    phonenumber_field.modelfields.PhoneNumberField(
                        blank=True, max_length=128, region=None, verbose_name="phone"
                    ),
                ),
                (
                    "fax",
                    phonenumber_field.modelfields.PhoneNumberField(
                        blank=True, max_length=128, region=None, verbose_name="fax"
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                ("website", models.URLField(blank=True, verbose_name="website")),
                (
                    "website_current",
                    models.URLField(
                        blank=True,
                        help_text="Where the website has moved since the dated source.",
                        verbose_name="current website",
                    ),
                ),
                (
                    "time_zone",
                    models.CharField(
                        max_length=50,
                        validators=[associations.models.clair.validate_time_zone],
                        verbose_name="time zone",
                    ),
                ),
                (
                    "countries_covered",
                    django_countries.fields.CountryField(
                        blank=True, max_length=746, multiple=True, verbose_name="countries covered"
                    ),
                ),
                ("opened", models.DateField(blank=True, null=True, verbose_name="opened")),
                ("directions", models.TextField(blank=True, verbose_name="how to get there")),
                (
                    "sources",
                    models.ManyToManyField(to="associations.source", verbose_name="sources"),
                ),
            ],
            options={
                "verbose_name": "CLAIR office",
                "verbose_name_plural": "CLAIR offices",
                "ordering": ["order", "slug"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("kind", "headquarters")),
                        fields=("kind",),
                        name="associations_clairoffice_one_headquarters",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("name_en", ""), _negated=True),
                            models.Q(("city", ""), _negated=True),
                        ),
                        name="associations_clairoffice_names_not_empty",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HelpLine",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "public_note",
                    models.TextField(
                        blank=True,
                        help_text="Shown on the public page: plain words for residents.",
                        verbose_name="public note",
                    ),
                ),
                (
                    "staff_note",
                    models.TextField(
                        blank=True,
                        help_text="For staff only: shown in the admin, never on the public pages.",
                        verbose_name="staff note",
                    ),
                ),
                ("slug", models.SlugField(max_length=60, unique=True, verbose_name="slug")),
                (
                    "kind",
                    models.CharField(
                        choices=[("emergency", "Emergency"), ("advice", "Advice")],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("name_en", models.CharField(max_length=200, verbose_name="English name")),
                (
                    "name_ja",
                    models.CharField(blank=True, max_length=200, verbose_name="Japanese name"),
                ),
                (
                    "number",
                    models.CharField(
                        max_length=20,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[0-9]{2,5}(-[0-9]{1,6}){0,3}$",
                                "Write the number as dialled in Japan, e.g. 0570-011000.",
                            )
                        ],
                        verbose_name="number",
                    ),
                ),
                (
                    "number_note",
                    models.CharField(
                        blank=True,
                        help_text="E.g. the number to use from IP phones or from abroad, as the source says.",
                        max_length=200,
                        verbose_name="about the number",
                    ),
                ),
                ("hours", models.CharField(blank=True, max_length=200, verbose_name="hours")),
                ("free_call", models.BooleanField(blank=True, null=True, verbose_name="free call")),
                (
                    "languages_note",
                    models.CharField(
                        blank=True,
                        help_text="What the source says where it lists no languages, or lists more.",
                        max_length=300,
                        verbose_name="about the languages",
                    ),
                ),
                (
                    "languages",
                    models.ManyToManyField(
                        blank=True, to="associations.language", verbose_name="languages"
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(to="associations.source", verbose_name="sources"),
                ),
            ],
            options={
                "verbose_name": "national help line",
                "verbose_name_plural": "national help lines",
                "ordering": ["order", "slug"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("name_en", ""), _negated=True),
                            models.Q(("number", ""), _negated=True),
                        ),
                        name="associations_helpline_name_and_number_not_empty",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="StaleAssociation",
            fields=[],
            options={
                "verbose_name": "stale record",
                "verbose_name_plural": "stale records",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("associations.association",),
        ),
        migrations.CreateModel(
            name="Department",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "public_note",
                    models.TextField(
                        blank=True,
                        help_text="Shown on the public page: plain words for residents.",
                        verbose_name="public note",
                    ),
                ),
                (
                    "staff_note",
                    models.TextField(
                        blank=True,
                        help_text="For staff only: shown in the admin, never on the public pages.",
                        verbose_name="staff note",
                    ),
                ),
                ("slug", models.SlugField(max_length=80, verbose_name="slug")),
                (
                    "kind",
                    models.CharField(
                        choices=[("department", "Department"), ("division", "Division")],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("name_en", models.CharField(max_length=200, verbose_name="English name")),
                (
                    "name_ja",
                    models.CharField(blank=True, max_length=200, verbose_name="Japanese name"),
                ),
                (
                    "phone",
                    phonenumber_field.modelfields.PhoneNumberField(
                        blank=True, max_length=128, region=None, verbose_name="phone"
                    ),
                ),
                (
                    "fax",
                    phonenumber_field.modelfields.PhoneNumberField(
                        blank=True, max_length=128, region=None, verbose_name="fax"
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                (
                    "office",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="departments",
                        to="associations.clairoffice",
                        verbose_name="office",
                    ),
                ),
                (
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="divisions",
                        to="associations.department",
                        verbose_name="department",
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(to="associations.source", verbose_name="sources"),
                ),
            ],
            options={
                "verbose_name": "department or division",
                "verbose_name_plural": "departments and divisions",
                "ordering": ["office", "-as_of", "order"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("office", "slug"), name="associations_department_unique_slug"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("name_en", ""), _negated=True),
                        name="associations_department_name_not_empty",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalAssociation",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "public_note",
                    models.TextField(
                        blank=True,
                        help_text="Shown on the public page: plain words for residents.",
                        verbose_name="public note",
                    ),
                ),
                (
                    "staff_note",
                    models.TextField(
                        blank=True,
                        help_text="For staff only: shown in the admin, never on the public pages.",
                        verbose_name="staff note",
                    ),
                ),
                ("slug", models.SlugField(max_length=60, verbose_name="slug")),
                (
                    "name_en",
                    models.CharField(blank=True, max_length=200, verbose_name="English name"),
                ),
                (
                    "name_ja",
                    models.CharField(blank=True, max_length=200, verbose_name="Japanese name"),
                ),
                (
                    "listed_as",
                    models.CharField(
                        blank=True,
                        help_text="The name exactly as CLAIR's list of International Associations gives it.",
                        max_length=200,
                        verbose_name="listed as",
                    ),
                ),
                (
                    "list_position",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        db_index=True,
                        null=True,
                        verbose_name="position on CLAIR's list",
                    ),
                ),
                (
                    "tier",
                    models.CharField(
                        choices=[
                            ("prefectural", "Prefectural"),
                            ("designated_city", "Designated city"),
                            ("municipal", "Municipal"),
                        ],
                        max_length=20,
                        verbose_name="tier",
                    ),
                ),
                (
                    "mic_recognised",
                    models.BooleanField(
                        default=False,
                        help_text="Recognised by the Ministry of Internal Affairs and Communications as a regional international association (地域国際化協会).",
                        verbose_name="recognised by MIC",
                    ),
                ),
                (
                    "municipality_en",
                    models.CharField(
                        blank=True, max_length=100, verbose_name="municipality (English)"
                    ),
                ),
                (
                    "municipality_ja",
                    models.CharField(
                        blank=True, max_length=100, verbose_name="municipality (Japanese)"
                    ),
                ),
                (
                    "municipality_code",
                    models.CharField(
                        blank=True,
                        help_text="全国地方公共団体コード, 6 digits with the check digit (linked when loaded).",
                        max_length=6,
                        validators=[
                            django.core.validators.RegexValidator("^\\d{6}$"),
                            associations.models.places.validate_code,
                        ],
                        verbose_name="local-government code",
                    ),
                ),
                (
                    "size_category",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("large", "Large municipality"),
                            ("medium", "Medium-sized municipality"),
                            ("small", "Small municipality"),
                        ],
                        max_length=10,
                        verbose_name="size of municipality",
                    ),
                ),
                (
                    "languages_known",
                    models.BooleanField(
                        default=False,
                        help_text="Tick once the consultation languages have been checked, even if none.",
                        verbose_name="languages known",
                    ),
                ),
                (
                    "services_known",
                    models.BooleanField(
                        default=False,
                        help_text="Tick once the services have been checked, even if none.",
                        verbose_name="services known",
                    ),
                ),
                (
                    "postal_code",
                    models.CharField(
                        blank=True,
                        max_length=8,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\d{3}-\\d{4}$", "Write the postal code as 123-4567 (without 〒)."
                            )
                        ],
                        verbose_name="postal code",
                    ),
                ),
                ("address", models.CharField(blank=True, max_length=300, verbose_name="address")),
                (
                    "phone",
                    phonenumber_field.modelfields.PhoneNumberField(
                        blank=True, max_length=128, region=None, verbose_name="phone"
                    ),
                ),
                (
                    "consultation_phone",
                    phonenumber_field.modelfields.PhoneNumberField(
                        blank=True, max_length=128, region=None, verbose_name="consultation phone"
                    ),
                ),
                (
                    "consultation_phone_note",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="about the consultation line"
                    ),
                ),
                (
                    "fax",
                    phonenumber_field.modelfields.PhoneNumberField(
                        blank=True, max_length=128, region=None, verbose_name="fax"
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                ("website", models.URLField(blank=True, max_length=300, verbose_name="website")),
                (
                    "last_verified",
                    models.DateField(blank=True, null=True, verbose_name="last verified"),
                ),
                ("search_text", models.TextField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "designated_city",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.designatedcity",
                        verbose_name="designated city",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="A municipal association's own municipality, by its code.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.municipality",
                        verbose_name="municipality",
                    ),
                ),
                (
                    "prefecture",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.prefecture",
                        verbose_name="prefecture",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical association",
                "verbose_name_plural": "historical associations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalBlock",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "public_note",
                    models.TextField(
                        blank=True,
                        help_text="Shown on the public page: plain words for residents.",
                        verbose_name="public note",
                    ),
                ),
                (
                    "staff_note",
                    models.TextField(
                        blank=True,
                        help_text="For staff only: shown in the admin, never on the public pages.",
                        verbose_name="staff note",
                    ),
                ),
                ("slug", models.SlugField(verbose_name="slug")),
                (
                    "order",
                    models.PositiveSmallIntegerField(
                        db_index=True, verbose_name="order on CLAIR's list"
                    ),
                ),
                ("name_en", models.CharField(max_length=50, verbose_name="English name")),
                ("name_ja", models.CharField(max_length=50, verbose_name="Japanese name")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical block",
                "verbose_name_plural": "historical blocks",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalClairOffice",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "public_note",
                    models.TextField(
                        blank=True,
                        help_text="Shown on the public page: plain words for residents.",
                        verbose_name="public note",
                    ),
                ),
                (
                    "staff_note",
                    models.TextField(
                        blank=True,
                        help_text="For staff only: shown in the admin, never on the public pages.",
                        verbose_name="staff note",
                    ),
                ),
                ("slug", models.SlugField(verbose_name="slug")),
                (
                    "kind",
                    models.CharField(
                        choices=[("headquarters", "Headquarters"), ("overseas", "Overseas office")],
                        max_length=12,
                        verbose_name="kind",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("name_en", models.CharField(max_length=200, verbose_name="English name")),
                (
                    "name_ja",
                    models.CharField(blank=True, max_length=200, verbose_name="Japanese name"),
                ),
                ("city", models.CharField(max_length=100, verbose_name="city")),
                (
                    "country",
                    django_countries.fields.CountryField(max_length=2, verbose_name="country"),
                ),
                (
                    "postal_code",
                    models.CharField(blank=True, max_length=20, verbose_name="postal code"),
                ),
                ("address", models.CharField(blank=True, max_length=300, verbose_name="address")),
                (
                    "address_ja",
                    models.CharField(
                        blank=True, max_length=300, verbose_name="address in Japanese"
                    ),
                ),
                (
                    "phone",
                    phonenumber_field.modelfields.PhoneNumberField(
                        blank=True, max_length=128, region=None, verbose_name="phone"
                    ),
                ),
                (
                    "fax",
                    phonenumber_field.modelfields.PhoneNumberField(
                        blank=True, max_length=128, region=None, verbose_name="fax"
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                ("website", models.URLField(blank=True, verbose_name="website")),
                (
                    "website_current",
                    models.URLField(
                        blank=True,
                        help_text="Where the website has moved since the dated source.",
                        verbose_name="current website",
                    ),
                ),
                (
                    "time_zone",
                    models.CharField(
                        max_length=50,
                        validators=[associations.models.clair.validate_time_zone],
                        verbose_name="time zone",
                    ),
                ),
                (
                    "countries_covered",
                    django_countries.fields.CountryField(
                        blank=True, max_length=746, multiple=True, verbose_name="countries covered"
                    ),
                ),
                ("opened", models.DateField(blank=True, null=True, verbose_name="opened")),
                ("directions", models.TextField(blank=True, verbose_name="how to get there")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical CLAIR office",
                "verbose_name_plural": "historical CLAIR offices",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDepartment",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "public_note",
                    models.TextField(
                        blank=True,
                        help_text="Shown on the public page: plain words for residents.",
                        verbose_name="public note",
                    ),
                ),
                (
                    "staff_note",
                    models.TextField(
                        blank=True,
                        help_text="For staff only: shown in the admin, never on the public pages.",
                        verbose_name="staff note",
                    ),
                ),
                ("slug", models.SlugField(max_length=80, verbose_name="slug")),
                (
                    "kind",
                    models.CharField(
                        choices=[("department", "Department"), ("division", "Division")],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("name_en", models.CharField(max_length=200, verbose_name="English name")),
                (
                    "name_ja",
                    models.CharField(blank=True, max_length=200, verbose_name="Japanese name"),
                ),
                (
                    "phone",
                    phonenumber_field.modelfields.PhoneNumberField(
                        blank=True, max_length=128, region=None, verbose_name="phone"
                    ),
                ),
                (
                    "fax",
                    phonenumber_field.modelfields.PhoneNumberField(
                        blank=True, max_length=128, region=None, verbose_name="fax"
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "office",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.clairoffice",
                        verbose_name="office",
                    ),
                ),
                (
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.department",
                        verbose_name="department",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical department or division",
                "verbose_name_plural": "historical departments and divisions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalHelpLine",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "public_note",
                    models.TextField(
                        blank=True,
                        help_text="Shown on the public page: plain words for residents.",
                        verbose_name="public note",
                    ),
                ),
                (
                    "staff_note",
                    models.TextField(
                        blank=True,
                        help_text="For staff only: shown in the admin, never on the public pages.",
                        verbose_name="staff note",
                    ),
                ),
                ("slug", models.SlugField(max_length=60, verbose_name="slug")),
                (
                    "kind",
                    models.CharField(
                        choices=[("emergency", "Emergency"), ("advice", "Advice")],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("name_en", models.CharField(max_length=200, verbose_name="English name")),
                (
                    "name_ja",
                    models.CharField(blank=True, max_length=200, verbose_name="Japanese name"),
                ),
                (
                    "number",
                    models.CharField(
                        max_length=20,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[0-9]{2,5}(-[0-9]{1,6}){0,3}$",
                                "Write the number as dialled in Japan, e.g. 0570-011000.",
                            )
                        ],
                        verbose_name="number",
                    ),
                ),
                (
                    "number_note",
                    models.CharField(
                        blank=True,
                        help_text="E.g. the number to use from IP phones or from abroad, as the source says.",
                        max_length=200,
                        verbose_name="about the number",
                    ),
                ),
                ("hours", models.CharField(blank=True, max_length=200, verbose_name="hours")),
                ("free_call", models.BooleanField(blank=True, null=True, verbose_name="free call")),
                (
                    "languages_note",
                    models.CharField(
                        blank=True,
                        help_text="What the source says where it lists no languages, or lists more.",
                        max_length=300,
                        verbose_name="about the languages",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical national help line",
                "verbose_name_plural": "historical national help lines",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalJetPartner",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                ("slug", models.SlugField(verbose_name="slug")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("acronym", models.CharField(max_length=10, verbose_name="acronym")),
                ("name_en", models.CharField(max_length=200, verbose_name="English name")),
                ("role", models.TextField(verbose_name="role in the programme")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical JET Programme body",
                "verbose_name_plural": "historical JET Programme bodies",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalJetRole",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "code",
                    models.CharField(
                        choices=[
                            ("ALT", "Assistant Language Teacher"),
                            ("CIR", "Coordinator for International Relations"),
                            ("SEA", "Sports Exchange Advisor"),
                        ],
                        db_index=True,
                        max_length=3,
                        verbose_name="code",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("name_en", models.CharField(max_length=100, verbose_name="English name")),
                (
                    "name_ja",
                    models.CharField(blank=True, max_length=100, verbose_name="Japanese name"),
                ),
                ("description", models.TextField(verbose_name="what the role does")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical JET role",
                "verbose_name_plural": "historical JET roles",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalLanguage",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(db_index=True, max_length=12, verbose_name="code")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("name_en", models.CharField(max_length=50, verbose_name="English name")),
                (
                    "name_native",
                    models.CharField(max_length=50, verbose_name="name in the language"),
                ),
                ("name_ja", models.CharField(max_length=50, verbose_name="Japanese name")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical language",
                "verbose_name_plural": "historical languages",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPrefecture",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "public_note",
                    models.TextField(
                        blank=True,
                        help_text="Shown on the public page: plain words for residents.",
                        verbose_name="public note",
                    ),
                ),
                (
                    "staff_note",
                    models.TextField(
                        blank=True,
                        help_text="For staff only: shown in the admin, never on the public pages.",
                        verbose_name="staff note",
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        db_index=True,
                        max_length=5,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^JP-(0[1-9]|[1-3][0-9]|4[0-7])$", "Use JP-01 to JP-47."
                            )
                        ],
                        verbose_name="ISO 3166-2 code",
                    ),
                ),
                ("slug", models.SlugField(verbose_name="slug")),
                ("name_en", models.CharField(max_length=50, verbose_name="English name")),
                ("name_ja", models.CharField(max_length=10, verbose_name="Japanese name")),
                (
                    "block_assumed",
                    models.BooleanField(
                        default=False,
                        help_text="CLAIR's list does not place this prefecture; the block is an assumption.",
                        verbose_name="block assumed",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "block",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.block",
                        verbose_name="block",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical prefecture",
                "verbose_name_plural": "historical prefectures",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalProgrammeFact",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                ("slug", models.SlugField(max_length=80, verbose_name="slug")),
                (
                    "subject",
                    models.CharField(
                        choices=[
                            ("jet", "JET Programme"),
                            ("jetaa", "JET Alumni Association"),
                            ("clair", "CLAIR"),
                            ("associations", "International associations"),
                        ],
                        max_length=12,
                        verbose_name="subject",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("label", models.CharField(max_length=200, verbose_name="what")),
                ("value", models.CharField(max_length=200, verbose_name="value")),
                (
                    "number",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="number"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical programme fact",
                "verbose_name_plural": "historical programme facts",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalReport",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "topic",
                    models.CharField(
                        choices=[
                            ("phone", "Phone number"),
                            ("address", "Address"),
                            ("website", "Website"),
                            ("services", "Services"),
                            ("languages", "Languages"),
                            ("closed", "It has closed"),
                        ],
                        max_length=12,
                        verbose_name="what is wrong",
                    ),
                ),
                ("detail", models.TextField(max_length=2000, verbose_name="details")),
                (
                    "email",
                    models.EmailField(
                        blank=True,
                        help_text="Only if you would like a reply.",
                        max_length=254,
                        verbose_name="your e-mail (optional)",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "Open"), ("fixed", "Fixed"), ("rejected", "Rejected")],
                        default="open",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "created",
                    models.DateTimeField(blank=True, editable=False, verbose_name="received"),
                ),
                ("staff_note", models.TextField(blank=True, verbose_name="note for staff")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "association",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.association",
                        verbose_name="association",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical report",
                "verbose_name_plural": "historical reports",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalService",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(verbose_name="slug")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("name_en", models.CharField(max_length=100, verbose_name="English name")),
                ("name_ja", models.CharField(max_length=100, verbose_name="Japanese name")),
                ("description_en", models.TextField(blank=True, verbose_name="description")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical service",
                "verbose_name_plural": "historical services",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalSocialLink",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "network",
                    models.CharField(
                        choices=[
                            ("facebook", "Facebook"),
                            ("x", "X (Twitter)"),
                            ("instagram", "Instagram"),
                            ("youtube", "YouTube"),
                            ("line", "LINE"),
                            ("other", "Other"),
                        ],
                        max_length=10,
                        verbose_name="network",
                    ),
                ),
                ("url", models.URLField(max_length=300, verbose_name="address")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "association",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.association",
                        verbose_name="association",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical social media link",
                "verbose_name_plural": "historical social media links",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalSource",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("key", models.SlugField(max_length=80, verbose_name="key")),
                (
                    "kind",
                    models.CharField(
                        choices=[("document", "Source document"), ("public", "Public source")],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                (
                    "publisher",
                    models.CharField(blank=True, max_length=200, verbose_name="publisher"),
                ),
                (
                    "published_on",
                    models.DateField(blank=True, null=True, verbose_name="published on"),
                ),
                (
                    "date_precision",
                    models.CharField(
                        choices=[
                            ("day", "day"),
                            ("month", "month"),
                            ("year", "year"),
                            ("unknown", "undated"),
                        ],
                        max_length=10,
                        verbose_name="date precision",
                    ),
                ),
                (
                    "file_name",
                    models.CharField(blank=True, max_length=100, verbose_name="file name"),
                ),
                ("url", models.URLField(blank=True, max_length=500, verbose_name="address")),
                ("note", models.TextField(blank=True, verbose_name="note")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical source",
                "verbose_name_plural": "historical sources",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalHelpLine_languages",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "helpline",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.helpline",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="associations.historicalhelpline",
                    ),
                ),
                (
                    "language",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.language",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalHelpLine_languages",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalAssociation_languages",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "association",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.association",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="associations.historicalassociation",
                    ),
                ),
                (
                    "language",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.language",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalAssociation_languages",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Location",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "public_note",
                    models.TextField(
                        blank=True,
                        help_text="Shown on the public page: plain words for residents.",
                        verbose_name="public note",
                    ),
                ),
                (
                    "staff_note",
                    models.TextField(
                        blank=True,
                        help_text="For staff only: shown in the admin, never on the public pages.",
                        verbose_name="staff note",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "address_ja",
                    models.CharField(blank=True, max_length=300, verbose_name="address (Japanese)"),
                ),
                (
                    "address_en",
                    models.CharField(blank=True, max_length=300, verbose_name="address (English)"),
                ),
                (
                    "postal_code",
                    models.CharField(
                        blank=True,
                        max_length=8,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\d{3}-\\d{4}$", "Write the postal code as 123-4567 (without 〒)."
                            )
                        ],
                        verbose_name="postal code",
                    ),
                ),
                (
                    "municipality_name",
                    models.CharField(blank=True, max_length=100, verbose_name="municipality"),
                ),
                (
                    "municipality_code",
                    models.CharField(
                        blank=True,
                        help_text="全国地方公共団体コード, 6 digits with the check digit.",
                        max_length=6,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\d{6}$",
                                "Write the local-government code as 6 digits (e.g. 232114).",
                            )
                        ],
                        verbose_name="local-government code",
                    ),
                ),
                (
                    "access_note",
                    models.CharField(
                        blank=True,
                        help_text="Floor, nearest station, entrance.",
                        max_length=300,
                        verbose_name="access",
                    ),
                ),
                (
                    "closed_on_holidays",
                    models.BooleanField(default=False, verbose_name="closed on national holidays"),
                ),
                (
                    "closed_at_year_end",
                    models.BooleanField(
                        default=False, verbose_name="closed 29 December – 3 January"
                    ),
                ),
                (
                    "hours_note",
                    models.CharField(blank=True, max_length=300, verbose_name="about the hours"),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "association",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="locations",
                        to="associations.association",
                        verbose_name="association",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="locations",
                        to="associations.municipality",
                        verbose_name="municipality",
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(to="associations.source", verbose_name="sources"),
                ),
            ],
            options={
                "verbose_name": "location",
                "verbose_name_plural": "locations",
                "ordering": ["association", "order", "name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("name", ""), _negated=True),
                        name="associations_location_name_not_empty",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("municipality_code", ""),
                            ("municipality_code__regex", "^[0-9]{6}$"),
                            _connector="OR",
                        ),
                        name="associations_location_municipality_code_6_digits",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalDesk",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "public_note",
                    models.TextField(
                        blank=True,
                        help_text="Shown on the public page: plain words for residents.",
                        verbose_name="public note",
                    ),
                ),
                (
                    "staff_note",
                    models.TextField(
                        blank=True,
                        help_text="For staff only: shown in the admin, never on the public pages.",
                        verbose_name="staff note",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "channel",
                    models.CharField(
                        choices=[
                            ("in_person", "In person"),
                            ("phone", "By phone"),
                            ("online", "Online"),
                            ("social", "Social media"),
                        ],
                        max_length=10,
                        verbose_name="channel",
                    ),
                ),
                (
                    "phone",
                    phonenumber_field.modelfields.PhoneNumberField(
                        blank=True, max_length=128, region=None, verbose_name="phone"
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                (
                    "interpreter",
                    models.CharField(
                        choices=[
                            ("phone", "Interpreter by phone"),
                            ("tablet", "Interpreter by tablet or video"),
                            ("none", "No interpreter"),
                            ("unknown", "Not known"),
                        ],
                        default="unknown",
                        max_length=10,
                        verbose_name="interpreting",
                    ),
                ),
                (
                    "fee",
                    models.CharField(
                        choices=[("free", "Free"), ("paid", "Paid"), ("unknown", "Not known")],
                        default="unknown",
                        max_length=10,
                        verbose_name="fee",
                    ),
                ),
                (
                    "appointment",
                    models.CharField(
                        choices=[
                            ("required", "Appointment needed"),
                            ("not_required", "No appointment needed"),
                            ("unknown", "Not known"),
                        ],
                        default="unknown",
                        max_length=12,
                        verbose_name="appointment",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "association",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.association",
                        verbose_name="association",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "location",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.location",
                        verbose_name="location",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical consultation desk",
                "verbose_name_plural": "historical consultation desks",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalLocation",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "public_note",
                    models.TextField(
                        blank=True,
                        help_text="Shown on the public page: plain words for residents.",
                        verbose_name="public note",
                    ),
                ),
                (
                    "staff_note",
                    models.TextField(
                        blank=True,
                        help_text="For staff only: shown in the admin, never on the public pages.",
                        verbose_name="staff note",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "address_ja",
                    models.CharField(blank=True, max_length=300, verbose_name="address (Japanese)"),
                ),
                (
                    "address_en",
                    models.CharField(blank=True, max_length=300, verbose_name="address (English)"),
                ),
                (
                    "postal_code",
                    models.CharField(
                        blank=True,
                        max_length=8,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\d{3}-\\d{4}$", "Write the postal code as 123-4567 (without 〒)."
                            )
                        ],
                        verbose_name="postal code",
                    ),
                ),
                (
                    "municipality_name",
                    models.CharField(blank=True, max_length=100, verbose_name="municipality"),
                ),
                (
                    "municipality_code",
                    models.CharField(
                        blank=True,
                        help_text="全国地方公共団体コード, 6 digits with the check digit.",
                        max_length=6,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\d{6}$",
                                "Write the local-government code as 6 digits (e.g. 232114).",
                            )
                        ],
                        verbose_name="local-government code",
                    ),
                ),
                (
                    "access_note",
                    models.CharField(
                        blank=True,
                        help_text="Floor, nearest station, entrance.",
                        max_length=300,
                        verbose_name="access",
                    ),
                ),
                (
                    "closed_on_holidays",
                    models.BooleanField(default=False, verbose_name="closed on national holidays"),
                ),
                (
                    "closed_at_year_end",
                    models.BooleanField(
                        default=False, verbose_name="closed 29 December – 3 January"
                    ),
                ),
                (
                    "hours_note",
                    models.CharField(blank=True, max_length=300, verbose_name="about the hours"),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "association",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.association",
                        verbose_name="association",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.municipality",
                        verbose_name="municipality",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical location",
                "verbose_name_plural": "historical locations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalAssociation_also_serves",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "association",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.association",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="associations.historicalassociation",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.municipality",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalAssociation_also_serves",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDesignatedCity",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "public_note",
                    models.TextField(
                        blank=True,
                        help_text="Shown on the public page: plain words for residents.",
                        verbose_name="public note",
                    ),
                ),
                (
                    "staff_note",
                    models.TextField(
                        blank=True,
                        help_text="For staff only: shown in the admin, never on the public pages.",
                        verbose_name="staff note",
                    ),
                ),
                ("slug", models.SlugField(verbose_name="slug")),
                ("name_en", models.CharField(max_length=50, verbose_name="English name")),
                ("name_ja", models.CharField(max_length=10, verbose_name="Japanese name")),
                ("designated_on", models.DateField(verbose_name="designated on")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "prefecture",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.prefecture",
                        verbose_name="prefecture",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical designated city",
                "verbose_name_plural": "historical designated cities",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalConsultationCentre",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "public_note",
                    models.TextField(
                        blank=True,
                        help_text="Shown on the public page: plain words for residents.",
                        verbose_name="public note",
                    ),
                ),
                (
                    "staff_note",
                    models.TextField(
                        blank=True,
                        help_text="For staff only: shown in the admin, never on the public pages.",
                        verbose_name="staff note",
                    ),
                ),
                ("slug", models.SlugField(max_length=60, verbose_name="slug")),
                ("name_ja", models.CharField(max_length=200, verbose_name="Japanese name")),
                (
                    "name_en",
                    models.CharField(blank=True, max_length=200, verbose_name="English name"),
                ),
                (
                    "level",
                    models.CharField(
                        choices=[("prefecture", "Prefecture"), ("municipality", "Municipality")],
                        max_length=12,
                        verbose_name="set up by",
                    ),
                ),
                (
                    "run_by_ja",
                    models.CharField(
                        blank=True,
                        help_text="The prefecture or municipality that set the centre up.",
                        max_length=100,
                        verbose_name="local government",
                    ),
                ),
                (
                    "operator_ja",
                    models.CharField(
                        blank=True,
                        help_text="Who runs it, where the source says (often an international association).",
                        max_length=200,
                        verbose_name="operator",
                    ),
                ),
                (
                    "municipality_ja",
                    models.CharField(
                        blank=True, max_length=100, verbose_name="municipality (Japanese)"
                    ),
                ),
                (
                    "municipality_code",
                    models.CharField(
                        help_text="全国地方公共団体コード, 6 digits with the check digit.",
                        max_length=6,
                        validators=[
                            django.core.validators.RegexValidator("^\\d{6}$"),
                            associations.models.places.validate_code,
                        ],
                        verbose_name="local-government code",
                    ),
                ),
                (
                    "postal_code",
                    models.CharField(
                        blank=True,
                        max_length=8,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\d{3}-\\d{4}$", "Write the postal code as 123-4567 (without 〒)."
                            )
                        ],
                        verbose_name="postal code",
                    ),
                ),
                ("address", models.CharField(blank=True, max_length=300, verbose_name="address")),
                (
                    "phone",
                    phonenumber_field.modelfields.PhoneNumberField(
                        blank=True, max_length=128, region=None, verbose_name="phone"
                    ),
                ),
                (
                    "fax",
                    phonenumber_field.modelfields.PhoneNumberField(
                        blank=True, max_length=128, region=None, verbose_name="fax"
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                ("website", models.URLField(blank=True, max_length=300, verbose_name="website")),
                (
                    "hours",
                    models.TextField(
                        blank=True, help_text="As the source writes them.", verbose_name="hours"
                    ),
                ),
                (
                    "languages_ja",
                    models.TextField(
                        blank=True, help_text="As the source writes them.", verbose_name="languages"
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.municipality",
                        verbose_name="municipality",
                    ),
                ),
                (
                    "prefecture",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.prefecture",
                        verbose_name="prefecture",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical one-stop consultation centre",
                "verbose_name_plural": "historical one-stop consultation centres",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="EditorScope",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "designated_cities",
                    models.ManyToManyField(
                        blank=True,
                        to="associations.designatedcity",
                        verbose_name="designated cities",
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="editor_scope",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
                (
                    "prefectures",
                    models.ManyToManyField(
                        blank=True, to="associations.prefecture", verbose_name="prefectures"
                    ),
                ),
            ],
            options={
                "verbose_name": "branch scope",
                "verbose_name_plural": "branch scopes",
                "ordering": ["user__username"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalAssociation_services",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "association",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.association",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="associations.historicalassociation",
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="associations.service",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalAssociation_services",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="JetRole",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "code",
                    models.CharField(
                        choices=[
                            ("ALT", "Assistant Language Teacher"),
                            ("CIR", "Coordinator for International Relations"),
                            ("SEA", "Sports Exchange Advisor"),
                        ],
                        max_length=3,
                        unique=True,
                        verbose_name="code",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("name_en", models.CharField(max_length=100, verbose_name="English name")),
                (
                    "name_ja",
                    models.CharField(blank=True, max_length=100, verbose_name="Japanese name"),
                ),
                ("description", models.TextField(verbose_name="what the role does")),
                (
                    "sources",
                    models.ManyToManyField(to="associations.source", verbose_name="sources"),
                ),
            ],
            options={
                "verbose_name": "JET role",
                "verbose_name_plural": "JET roles",
                "ordering": ["order", "code"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("description", ""), _negated=True),
                        name="associations_jetrole_description_not_empty",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="JetPartner",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                ("slug", models.SlugField(unique=True, verbose_name="slug")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("acronym", models.CharField(max_length=10, verbose_name="acronym")),
                ("name_en", models.CharField(max_length=200, verbose_name="English name")),
                ("role", models.TextField(verbose_name="role in the programme")),
                (
                    "sources",
                    models.ManyToManyField(to="associations.source", verbose_name="sources"),
                ),
            ],
            options={
                "verbose_name": "JET Programme body",
                "verbose_name_plural": "JET Programme bodies",
                "ordering": ["order", "slug"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("role", ""), _negated=True),
                        name="associations_jetpartner_role_not_empty",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Desk",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "public_note",
                    models.TextField(
                        blank=True,
                        help_text="Shown on the public page: plain words for residents.",
                        verbose_name="public note",
                    ),
                ),
                (
                    "staff_note",
                    models.TextField(
                        blank=True,
                        help_text="For staff only: shown in the admin, never on the public pages.",
                        verbose_name="staff note",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "channel",
                    models.CharField(
                        choices=[
                            ("in_person", "In person"),
                            ("phone", "By phone"),
                            ("online", "Online"),
                            ("social", "Social media"),
                        ],
                        max_length=10,
                        verbose_name="channel",
                    ),
                ),
                (
                    "phone",
                    phonenumber_field.modelfields.PhoneNumberField(
                        blank=True, max_length=128, region=None, verbose_name="phone"
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                (
                    "interpreter",
                    models.CharField(
                        choices=[
                            ("phone", "Interpreter by phone"),
                            ("tablet", "Interpreter by tablet or video"),
                            ("none", "No interpreter"),
                            ("unknown", "Not known"),
                        ],
                        default="unknown",
                        max_length=10,
                        verbose_name="interpreting",
                    ),
                ),
                (
                    "fee",
                    models.CharField(
                        choices=[("free", "Free"), ("paid", "Paid"), ("unknown", "Not known")],
                        default="unknown",
                        max_length=10,
                        verbose_name="fee",
                    ),
                ),
                (
                    "appointment",
                    models.CharField(
                        choices=[
                            ("required", "Appointment needed"),
                            ("not_required", "No appointment needed"),
                            ("unknown", "Not known"),
                        ],
                        default="unknown",
                        max_length=12,
                        verbose_name="appointment",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "association",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="desks",
                        to="associations.association",
                        verbose_name="association",
                    ),
                ),
                (
                    "location",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="desks",
                        to="associations.location",
                        verbose_name="location",
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(to="associations.source", verbose_name="sources"),
                ),
            ],
            options={
                "verbose_name": "consultation desk",
                "verbose_name_plural": "consultation desks",
                "ordering": ["association", "order", "name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("name", ""), _negated=True),
                        name="associations_desk_name_not_empty",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Correction",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField()),
                ("field", models.CharField(max_length=50, verbose_name="field")),
                ("original", models.TextField(verbose_name="as the source reads")),
                ("corrected", models.TextField(blank=True, verbose_name="value used")),
                (
                    "kind",
                    models.CharField(
                        choices=[("ocr", "text error corrected"), ("inference", "inferred value")],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("reason", models.TextField(verbose_name="reason")),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to="contenttypes.contenttype"
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        to="associations.source",
                        verbose_name="source",
                    ),
                ),
            ],
            options={
                "verbose_name": "correction",
                "verbose_name_plural": "corrections",
                "ordering": ["content_type", "object_id", "field"],
                "indexes": [
                    models.Index(
                        fields=["content_type", "object_id"], name="association_content_79de74_idx"
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("content_type", "object_id", "field", "original"),
                        name="associations_correction_unique_per_field",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("reason", ""), _negated=True),
                        name="associations_correction_reason_not_empty",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ConsultationCentre",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "public_note",
                    models.TextField(
                        blank=True,
                        help_text="Shown on the public page: plain words for residents.",
                        verbose_name="public note",
                    ),
                ),
                (
                    "staff_note",
                    models.TextField(
                        blank=True,
                        help_text="For staff only: shown in the admin, never on the public pages.",
                        verbose_name="staff note",
                    ),
                ),
                ("slug", models.SlugField(max_length=60, unique=True, verbose_name="slug")),
                ("name_ja", models.CharField(max_length=200, verbose_name="Japanese name")),
                (
                    "name_en",
                    models.CharField(blank=True, max_length=200, verbose_name="English name"),
                ),
                (
                    "level",
                    models.CharField(
                        choices=[("prefecture", "Prefecture"), ("municipality", "Municipality")],
                        max_length=12,
                        verbose_name="set up by",
                    ),
                ),
                (
                    "run_by_ja",
                    models.CharField(
                        blank=True,
                        help_text="The prefecture or municipality that set the centre up.",
                        max_length=100,
                        verbose_name="local government",
                    ),
                ),
                (
                    "operator_ja",
                    models.CharField(
                        blank=True,
                        help_text="Who runs it, where the source says (often an international association).",
                        max_length=200,
                        verbose_name="operator",
                    ),
                ),
                (
                    "municipality_ja",
                    models.CharField(
                        blank=True, max_length=100, verbose_name="municipality (Japanese)"
                    ),
                ),
                (
                    "municipality_code",
                    models.CharField(
                        help_text="全国地方公共団体コード, 6 digits with the check digit.",
                        max_length=6,
                        validators=[
                            django.core.validators.RegexValidator("^\\d{6}$"),
                            associations.models.places.validate_code,
                        ],
                        verbose_name="local-government code",
                    ),
                ),
                (
                    "postal_code",
                    models.CharField(
                        blank=True,
                        max_length=8,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\d{3}-\\d{4}$", "Write the postal code as 123-4567 (without 〒)."
                            )
                        ],
                        verbose_name="postal code",
                    ),
                ),
                ("address", models.CharField(blank=True, max_length=300, verbose_name="address")),
                (
                    "phone",
                    phonenumber_field.modelfields.PhoneNumberField(
                        blank=True, max_length=128, region=None, verbose_name="phone"
                    ),
                ),
                (
                    "fax",
                    phonenumber_field.modelfields.PhoneNumberField(
                        blank=True, max_length=128, region=None, verbose_name="fax"
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                ("website", models.URLField(blank=True, max_length=300, verbose_name="website")),
                (
                    "hours",
                    models.TextField(
                        blank=True, help_text="As the source writes them.", verbose_name="hours"
                    ),
                ),
                (
                    "languages_ja",
                    models.TextField(
                        blank=True, help_text="As the source writes them.", verbose_name="languages"
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="consultation_centres",
                        to="associations.municipality",
                        verbose_name="municipality",
                    ),
                ),
                (
                    "prefecture",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="consultation_centres",
                        to="associations.prefecture",
                        verbose_name="prefecture",
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(to="associations.source", verbose_name="sources"),
                ),
            ],
            options={
                "verbose_name": "one-stop consultation centre",
                "verbose_name_plural": "one-stop consultation centres",
                "ordering": ["prefecture", "municipality_code", "name_ja"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("name_ja", ""), _negated=True),
                        name="associations_centre_name_not_empty",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("municipality_code__regex", "^[0-9]{6}$")),
                        name="associations_centre_code_6_digits",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("level", "municipality"),
                            ("municipality__isnull", True),
                            _connector="OR",
                        ),
                        name="associations_centre_prefecture_has_no_municipality",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="DeskHours",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "weekday",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (0, "Monday"),
                            (1, "Tuesday"),
                            (2, "Wednesday"),
                            (3, "Thursday"),
                            (4, "Friday"),
                            (5, "Saturday"),
                            (6, "Sunday"),
                        ],
                        verbose_name="weekday",
                    ),
                ),
                ("opens", models.TimeField(verbose_name="opens")),
                ("closes", models.TimeField(verbose_name="closes")),
                (
                    "weeks_of_month",
                    models.CharField(
                        blank=True,
                        help_text="Empty for every week; 2,4 for the 2nd and 4th of the month only.",
                        max_length=9,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[1-5](,[1-5])*$",
                                "List weeks of the month as digits 1–5 separated by commas, e.g. 2,4.",
                            )
                        ],
                        verbose_name="weeks of the month",
                    ),
                ),
                (
                    "desk",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="hours",
                        to="associations.desk",
                        verbose_name="desk",
                    ),
                ),
                (
                    "languages",
                    models.ManyToManyField(
                        blank=True,
                        related_name="desk_hours",
                        to="associations.language",
                        verbose_name="languages",
                    ),
                ),
            ],
            options={
                "verbose_name": "desk hours",
                "verbose_name_plural": "desk hours",
                "ordering": ["weekday", "opens"],
                "abstract": False,
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("opens__lt", models.F("closes"))),
                        name="associations_deskhours_opens_before_closes",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("weekday__gte", 0), ("weekday__lte", 6)),
                        name="associations_deskhours_weekday_valid",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="OpeningHours",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "weekday",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (0, "Monday"),
                            (1, "Tuesday"),
                            (2, "Wednesday"),
                            (3, "Thursday"),
                            (4, "Friday"),
                            (5, "Saturday"),
                            (6, "Sunday"),
                        ],
                        verbose_name="weekday",
                    ),
                ),
                ("opens", models.TimeField(verbose_name="opens")),
                ("closes", models.TimeField(verbose_name="closes")),
                (
                    "weeks_of_month",
                    models.CharField(
                        blank=True,
                        help_text="Empty for every week; 2,4 for the 2nd and 4th of the month only.",
                        max_length=9,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[1-5](,[1-5])*$",
                                "List weeks of the month as digits 1–5 separated by commas, e.g. 2,4.",
                            )
                        ],
                        verbose_name="weeks of the month",
                    ),
                ),
                (
                    "location",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="opening_hours",
                        to="associations.location",
                        verbose_name="location",
                    ),
                ),
            ],
            options={
                "verbose_name": "opening hours",
                "verbose_name_plural": "opening hours",
                "ordering": ["weekday", "opens"],
                "abstract": False,
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("opens__lt", models.F("closes"))),
                        name="associations_openinghours_opens_before_closes",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("weekday__gte", 0), ("weekday__lte", 6)),
                        name="associations_openinghours_weekday_valid",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Postcode",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=7, verbose_name="postcode")),
                (
                    "kind",
                    models.CharField(
                        choices=[("area", "Area"), ("office", "Large office or post-office box")],
                        default="area",
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                (
                    "area_ja",
                    models.CharField(blank=True, max_length=200, verbose_name="area or office"),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="postcodes",
                        to="associations.municipality",
                        verbose_name="municipality",
                    ),
                ),
            ],
            options={
                "verbose_name": "postcode",
                "verbose_name_plural": "postcodes",
                "ordering": ["code", "municipality"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("code", "municipality"),
                        name="associations_postcode_unique_per_place",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Report",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "topic",
                    models.CharField(
                        choices=[
                            ("phone", "Phone number"),
                            ("address", "Address"),
                            ("website", "Website"),
                            ("services", "Services"),
                            ("languages", "Languages"),
                            ("closed", "It has closed"),
                        ],
                        max_length=12,
                        verbose_name="what is wrong",
                    ),
                ),
                ("detail", models.TextField(max_length=2000, verbose_name="details")),
                (
                    "email",
                    models.EmailField(
                        blank=True,
                        help_text="Only if you would like a reply.",
                        max_length=254,
                        verbose_name="your e-mail (optional)",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "Open"), ("fixed", "Fixed"), ("rejected", "Rejected")],
                        default="open",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="received")),
                ("staff_note", models.TextField(blank=True, verbose_name="note for staff")),
                (
                    "association",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reports",
                        to="associations.association",
                        verbose_name="association",
                    ),
                ),
            ],
            options={
                "verbose_name": "report",
                "verbose_name_plural": "reports",
                "ordering": ["-created"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("detail", ""), _negated=True),
                        name="associations_report_detail_not_empty",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="SocialLink",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "network",
                    models.CharField(
                        choices=[
                            ("facebook", "Facebook"),
                            ("x", "X (Twitter)"),
                            ("instagram", "Instagram"),
                            ("youtube", "YouTube"),
                            ("line", "LINE"),
                            ("other", "Other"),
                        ],
                        max_length=10,
                        verbose_name="network",
                    ),
                ),
                ("url", models.URLField(max_length=300, verbose_name="address")),
                (
                    "association",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="social_links",
                        to="associations.association",
                        verbose_name="association",
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(to="associations.source", verbose_name="sources"),
                ),
            ],
            options={
                "verbose_name": "social media link",
                "verbose_name_plural": "social media links",
                "ordering": ["association", "network"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("association", "url"), name="associations_sociallink_unique_url"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("url", ""), _negated=True),
                        name="associations_sociallink_url_set",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ProgrammeFact",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "as_of",
                    models.DateField(
                        blank=True,
                        help_text="The date the sources state for the facts of this record. Leave it empty when they state none: the page then says that the date is not stated.",
                        null=True,
                        verbose_name="as of",
                    ),
                ),
                (
                    "as_of_precision",
                    models.CharField(
                        blank=True,
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        help_text="How precisely the source states the date (a month is stored as its 1st).",
                        max_length=5,
                        verbose_name="precision of the date",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                ("slug", models.SlugField(max_length=80, unique=True, verbose_name="slug")),
                (
                    "subject",
                    models.CharField(
                        choices=[
                            ("jet", "JET Programme"),
                            ("jetaa", "JET Alumni Association"),
                            ("clair", "CLAIR"),
                            ("associations", "International associations"),
                        ],
                        max_length=12,
                        verbose_name="subject",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("label", models.CharField(max_length=200, verbose_name="what")),
                ("value", models.CharField(max_length=200, verbose_name="value")),
                (
                    "number",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="number"),
                ),
                (
                    "sources",
                    models.ManyToManyField(to="associations.source", verbose_name="sources"),
                ),
            ],
            options={
                "verbose_name": "programme fact",
                "verbose_name_plural": "programme facts",
                "ordering": ["subject", "order", "as_of"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("label", ""), _negated=True),
                            models.Q(("value", ""), _negated=True),
                        ),
                        name="associations_programmefact_not_empty",
                    )
                ],
            },
        ),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes),
    ]
