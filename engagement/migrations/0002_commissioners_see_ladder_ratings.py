"""Commissioners and moderators may read ladder ratings in the admin (docs/permissions.md)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

READERS = ("Commissioners", "Moderators")


def grant(apps, schema_editor):
    app_config = apps.get_app_config("engagement")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.get(content_type__app_label="engagement", codename="view_ladderrating")
    for name in READERS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(view)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.filter(content_type__app_label="engagement", codename="view_ladderrating").first()
    if view:
        for group in Group.objects.filter(name__in=READERS):
            group.permissions.remove(view)


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0001_initial"),
        ("people", "0003_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
