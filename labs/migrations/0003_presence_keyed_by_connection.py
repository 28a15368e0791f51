from django.db import migrations, models


class Migration(migrations.Migration):
    """Presence rows are keyed by the connection's own id: connections no longer have a channel."""

    dependencies = [("labs", "0002_labs_registration_and_live_sessions")]

    operations = [
        migrations.RenameField(model_name="presence", old_name="channel_name", new_name="connection"),
        migrations.AlterField(
            model_name="presence",
            name="connection",
            field=models.CharField(help_text="The connection's own id.", max_length=64, unique=True),
        ),
    ]
