"""Stages where officers view abuse material point to the wellbeing section."""

from django.db import migrations

VIEWING = ["forensic_acquisition", "media_review", "victim_identification"]


def forwards(apps, schema_editor):
    Stage = apps.get_model("learning_centre", "Stage")
    Stage.objects.filter(key__in=VIEWING).update(involves_viewing=True)


class Migration(migrations.Migration):
    dependencies = [("learning_centre", "0003_learning_content")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
