"""A trigram index for the keyword search, on PostgreSQL only.

The search is one `LIKE '%term%'` over the normalised `search_text` on both databases;
PostgreSQL serves it from a GIN trigram index, SQLite scans (its tables are small).
"""

from django.db import migrations

INDEX = "associations_association_search_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON associations_association "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("associations", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
