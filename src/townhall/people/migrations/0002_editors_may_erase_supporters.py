from django.db import migrations


def grant(apps, schema_editor):
    Organisation = apps.get_model("core", "Organisation")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="people", model="supporter")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="delete_supporter",
        defaults={"name": "Can delete supporter"},
    )
    for organisation in Organisation.objects.select_related("editors"):
        organisation.editors.permissions.add(permission)


class Migration(migrations.Migration):
    """Editors erase supporters on request; groups made before this get the permission."""

    dependencies = [("people", "0001_initial"), ("core", "0001_initial")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
