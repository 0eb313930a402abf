from django.db import migrations


def load(apps, schema_editor):
    from gongkai.library.taxonomy_data import load_taxonomy

    load_taxonomy(
        apps.get_model("library", "Topic"),
        apps.get_model("library", "CatalogColumn"),
        apps.get_model("library", "StandardCatalogArea"),
    )


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
