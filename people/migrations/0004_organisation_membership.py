"""Membership of an organisation is per person: a status on each profile, pending until staff confirm it.

People already linked to a verified organisation when this runs are confirmed members, so nobody
who showed as verified before loses it; everyone else starts pending.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def confirm_members_of_verified_organisations(apps, schema_editor):
    Profile = apps.get_model("people", "Profile")
    Profile.objects.filter(organisation__status="verified").update(
        membership_status="confirmed", membership_checked_at=timezone.now()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_groups"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="membership_checked_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="profile",
            name="membership_checked_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="profile",
            name="membership_status",
            field=models.CharField(
                choices=[
                    ("pending", "Waiting for staff to confirm"),
                    ("confirmed", "Confirmed"),
                    ("rejected", "Not confirmed"),
                ],
                default="pending",
                max_length=20,
                verbose_name="membership",
            ),
        ),
        migrations.RunPython(confirm_members_of_verified_organisations, migrations.RunPython.noop),
    ]
