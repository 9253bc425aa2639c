"""The Sites record carries HUB_SITE_NAME and HUB_SITE_URL's domain, not
Django's example.com (allauth's emails read it)."""

from django.db import migrations

from core.sites import site_record_sync


def forwards(apps, schema_editor):
    site_record_sync(site_model=apps.get_model("sites", "Site"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_user_show_name"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
