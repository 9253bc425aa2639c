"""Create one group per role with its capability permissions.

A snapshot of accounts.roles.ROLE_CAPABILITIES: when that table changes, add a
migration like this one rather than editing it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_CAPABILITIES = {
    "member": ["use_member_area"],
    "provider": ["use_provider_portal"],
    "verifier": ["use_member_area", "verify_applications"],
    "catalogue_editor": ["use_member_area", "edit_catalogue"],
    "moderator": ["use_member_area", "moderate_community"],
    "admin": ["use_member_area", "view_audit_log", "manage_roles"],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; we need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_CAPABILITIES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label="accounts", codename__in=codenames
            )
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_CAPABILITIES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
