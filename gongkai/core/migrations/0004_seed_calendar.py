"""Load the holiday arrangements 2004–2026 from the installed chinese-calendar package.

Hand-written data migration: the calendar refuses any date in a year it does not know, so a
fresh installation must know the years the package has transcribed. Years later entered by hand
or imported are never overwritten (see gongkai.core.workdays.seed).
"""

from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.core.workdays.seed import seed_from_package

    seed_from_package(apps=apps)


def unseed(apps, schema_editor):
    CalendarYear = apps.get_model("core", "CalendarYear")
    CalendarYear.objects.filter(source="package").delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0003_audit_append_only")]

    operations = [migrations.RunPython(seed, unseed)]
