"""Recompute every association's stored search text.

The search text now folds romanisation systems (Kunrei-shiki "hamamatu" = Hepburn
"hamamatsu") and Chinese character forms, and keeps kana voicing marks: texts stored
before would no longer meet the queries, which are folded the new way. A record's text is
built from the names `Association.build_search_text()` reads; this copy of that list is
frozen here, as migrations must not use the live model.
"""

from django.db import migrations

from associations import search

BATCH = 500


def recompute(apps, schema_editor):
    Association = apps.get_model("associations", "Association")
    rows = Association.objects.select_related("prefecture", "designated_city").only(
        "search_text", "name_en", "name_ja", "listed_as", "municipality_en", "municipality_ja",
        "prefecture__name_en", "prefecture__name_ja",
        "designated_city__name_en", "designated_city__name_ja",
    )  # fmt: skip
    # In batches of keys, so that no cursor stays open over the rows being updated.
    pks = list(Association.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        changed = []
        for row in rows.filter(pk__in=pks[start : start + BATCH]):
            text = search.search_text(row.name_en, row.name_ja, row.listed_as, *_place(row))
            if text != row.search_text:
                row.search_text = text
                changed.append(row)
        Association.objects.bulk_update(changed, ["search_text"])


def _place(row) -> list[str]:
    place = [row.municipality_en, row.municipality_ja]
    if row.prefecture_id:
        place += [row.prefecture.name_en, row.prefecture.name_ja]
    if row.designated_city_id:
        city = row.designated_city
        place += [city.name_en, f"{city.name_en} city", city.name_ja]
    return place


class Migration(migrations.Migration):
    dependencies = [("associations", "0004_listing_indexes")]

    # Going back leaves the texts as they are: the code that made the old ones is gone.
    operations = [migrations.RunPython(recompute, migrations.RunPython.noop, elidable=True)]
