"""Profiles get a random public id (the directory's URLs), and the "show my
name" choice moves to the account, where every app reads it."""

import secrets

from django.db import migrations, models

import community.models


def forwards(apps, schema_editor):
    MemberProfile = apps.get_model("community", "MemberProfile")
    User = apps.get_model("accounts", "User")
    for profile in MemberProfile.objects.filter(public_id__isnull=True).iterator():
        profile.public_id = secrets.token_urlsafe(16)
        profile.save(update_fields=["public_id"])
    shown = MemberProfile.objects.filter(show_name=True).values("user_id")
    User.objects.filter(pk__in=shown).update(show_name=True)


def backwards(apps, schema_editor):
    MemberProfile = apps.get_model("community", "MemberProfile")
    User = apps.get_model("accounts", "User")
    shown = User.objects.filter(show_name=True).values("pk")
    MemberProfile.objects.filter(user_id__in=shown).update(show_name=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_user_show_name"),
        ("community", "0003_search_vectors"),
    ]

    operations = [
        migrations.AddField(
            model_name="memberprofile",
            name="public_id",
            field=models.CharField(max_length=32, null=True, editable=False),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            model_name="memberprofile",
            name="public_id",
            field=models.CharField(
                default=community.models.new_public_id,
                editable=False,
                max_length=32,
                unique=True,
            ),
        ),
        migrations.RemoveField(model_name="memberprofile", name="show_name"),
    ]
