"""Create Ladder's six groups and give each the permissions its role needs.

Wagtail's own migrations already made "Editors" and "Moderators" (page permissions on the root
page, documents and images, admin access) and the "Moderators approval" workflow on the root
page; they are reused here. Model permissions are normally made after all migrations run, so
this migration asks Django to create them first (works on a fresh database and on PostgreSQL).
See docs/permissions.md.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMIN_ACCESS = ("wagtailadmin", "admin", "access_admin")

GROUP_PERMISSIONS = {
    "Residents": [],
    "Providers": [],
    "Editors": [ADMIN_ACCESS],
    "Moderators": [ADMIN_ACCESS],
    "Commissioners": [
        ADMIN_ACCESS,
        ("people", "organisation", "view_organisation"),
        ("people", "organisation", "change_organisation"),
        ("people", "profile", "view_profile"),
        ("people", "neighbourhood", "view_neighbourhood"),
        ("people", "locality", "view_locality"),
    ],
    "Facilitators": [ADMIN_ACCESS],
}
# Page permissions on the root page: editors draft, moderators also publish.
PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page", "view_page"],
    "Moderators": ["add_page", "change_page", "view_page", "publish_page", "lock_page", "unlock_page"],
}


def ensure_permissions(apps):
    """Create content types and model permissions for every app that has models so far."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ensure_permissions(apps)

    for name, permissions in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, codename in permissions:
            permission = Permission.objects.get(
                content_type__app_label=app_label, content_type__model=model, codename=codename
            )
            group.permissions.add(permission)

    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    for name, codenames in PAGE_PERMISSIONS.items():
        group = Group.objects.get(name=name)
        for codename in codenames:
            permission = Permission.objects.filter(
                content_type__app_label="wagtailcore", content_type__model="page", codename=codename
            ).first()
            if permission:
                GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Residents", "Providers", "Commissioners", "Facilitators"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_localities_and_neighbourhoods"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
