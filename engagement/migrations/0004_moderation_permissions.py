"""Give Moderators and Commissioners what they need to moderate comments and answer consultations.

Moderators: view and change comments; view, add and change rejection reasons.
Commissioners: the same, plus view, add and change "You said, we did" responses and topics.
Also seeds three rejection reason templates moderators can edit. See docs/permissions.md.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATION = [
    ("comment", "view"),
    ("comment", "change"),
    ("rejectionreason", "view"),
    ("rejectionreason", "add"),
    ("rejectionreason", "change"),
]
ANSWERING = [
    ("consultationresponse", "view"),
    ("consultationresponse", "add"),
    ("consultationresponse", "change"),
    ("topic", "view"),
    ("topic", "add"),
    ("topic", "change"),
]
GROUP_PERMISSIONS = {"Moderators": MODERATION, "Commissioners": MODERATION + ANSWERING}

REJECTION_REASONS = [
    (
        "Personal information",
        "Your comment included details that could identify you or someone else, such as a name, an address, "
        "a phone number or health details. To keep everyone safe we do not publish personal information. "
        "You are welcome to post your comment again without those details.",
    ),
    (
        "Offensive language",
        "Your comment contained language that others could find offensive or abusive. We want everyone to feel "
        "able to take part, so we ask that comments stay respectful. Please share your views again in "
        "different words.",
    ),
    (
        "Not about this consultation",
        "Your comment was not about this consultation, so we have not published it. If you have a question or "
        "a concern about another service, please contact us directly and we will point you to the right place.",
    ),
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("engagement")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for model, verb in permissions:
            group.permissions.add(
                Permission.objects.get(content_type__app_label="engagement", codename=f"{verb}_{model}")
            )
    RejectionReason = apps.get_model("engagement", "RejectionReason")
    for title, text in REJECTION_REASONS:
        RejectionReason.objects.get_or_create(title=title, defaults={"text": text})


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in GROUP_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for model, verb in permissions:
            permission = Permission.objects.filter(
                content_type__app_label="engagement", codename=f"{verb}_{model}"
            ).first()
            if permission:
                group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0003_consultations"),
        ("people", "0003_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
