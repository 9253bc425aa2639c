from django.db import migrations, models


def fill_name_keys(apps, schema_editor):
    from tools_catalog.names import provider_name_key

    Provider = apps.get_model("tools_catalog", "Provider")
    for provider in Provider.objects.only("pk", "name").iterator():
        Provider.objects.filter(pk=provider.pk).update(
            name_key=provider_name_key(provider.name)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("tools_catalog", "0003_review_moderation"),
    ]

    operations = [
        migrations.AddField(
            model_name="provider",
            name="name_key",
            field=models.CharField(
                db_index=True, default="", editable=False, max_length=255
            ),
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
    ]
