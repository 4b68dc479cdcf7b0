from django.db import migrations

EDITORS = ["view_person", "change_person", "delete_person"]
MODERATORS = ["view_person"]


def grant(apps, schema_editor) -> None:
    """Groups made before people existed get what new groups get (core.services)."""
    Organisation = apps.get_model("core", "Organisation")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="people", model="person")

    def permissions(codenames):
        return [
            Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {codename.replace('_', ' ')}"},
            )[0]
            for codename in codenames
        ]

    for organisation in Organisation.objects.select_related("editors", "moderators"):
        organisation.editors.permissions.add(*permissions(EDITORS))
        organisation.moderators.permissions.add(*permissions(MODERATORS))


class Migration(migrations.Migration):
    dependencies = [("people", "0005_people_from_confirmed_supporters"), ("core", "0001_initial")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
