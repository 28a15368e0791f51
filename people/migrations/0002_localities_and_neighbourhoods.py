"""Seed the three localities and their twelve neighbourhoods (neutral invented names)."""

from django.db import migrations

LOCALITIES = ["North", "Central", "South"]
NEIGHBOURHOODS_PER_LOCALITY = 4


def seed_places(apps, schema_editor):
    Locality = apps.get_model("people", "Locality")
    Neighbourhood = apps.get_model("people", "Neighbourhood")
    for locality_order, locality_name in enumerate(LOCALITIES):
        locality, _ = Locality.objects.update_or_create(
            slug=locality_name.lower(), defaults={"name": locality_name, "sort_order": locality_order}
        )
        for number in range(1, NEIGHBOURHOODS_PER_LOCALITY + 1):
            Neighbourhood.objects.update_or_create(
                slug=f"{locality_name.lower()}-{number}",
                defaults={"name": f"{locality_name} {number}", "locality": locality, "sort_order": number},
            )


def remove_places(apps, schema_editor):
    apps.get_model("people", "Neighbourhood").objects.filter(profiles__isnull=True).delete()
    apps.get_model("people", "Locality").objects.filter(neighbourhoods__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(seed_places, remove_places)]
