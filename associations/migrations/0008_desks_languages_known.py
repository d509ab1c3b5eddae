from django.db import migrations


def mark_known(apps, schema_editor):
    # Whoever listed languages or services checked them; an empty list stays "not known".
    Association = apps.get_model("associations", "Association")
    Association.objects.filter(languages__isnull=False).update(languages_known=True)
    Association.objects.filter(services__isnull=False).update(services_known=True)


class Migration(migrations.Migration):
    dependencies = [
        ("associations", "0007_desks_locations_hours"),
    ]

    operations = [migrations.RunPython(mark_known, migrations.RunPython.noop)]
