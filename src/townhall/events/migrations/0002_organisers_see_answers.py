from django.db import migrations

from townhall.events.apps import EDITOR_PERMISSIONS, MODERATOR_PERMISSIONS


def grant(apps, schema_editor):
    Organisation = apps.get_model("core", "Organisation")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="events", model="rsvp")

    def permissions(names):
        return [
            Permission.objects.get_or_create(
                content_type=content_type,
                codename=name.split(".")[1],
                defaults={"name": name.split(".")[1].replace("_", " ")},
            )[0]
            for name in names
        ]

    for organisation in Organisation.objects.select_related("editors", "moderators"):
        organisation.editors.permissions.add(*permissions(EDITOR_PERMISSIONS))
        organisation.moderators.permissions.add(*permissions(MODERATOR_PERMISSIONS))


class Migration(migrations.Migration):
    """Organisations made before events get their groups' permissions on answers."""

    dependencies = [("events", "0001_initial"), ("core", "0002_postcode")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
