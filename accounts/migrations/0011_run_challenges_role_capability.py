"""Moderators and admins run challenges (accounts.roles.ROLE_CAPABILITIES)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["moderator", "admin"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perm = Permission.objects.get(content_type__app_label="accounts", codename="run_challenges")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(perm)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(
            *group.permissions.filter(codename="run_challenges", content_type__app_label="accounts")
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0010_run_challenges_capability")]

    operations = [migrations.RunPython(grant, revoke)]
