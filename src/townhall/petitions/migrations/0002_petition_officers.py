from django.db import migrations

PERMISSIONS = ["view_petition", "change_petition", "view_signature", "view_threshold",
               "add_threshold", "change_threshold", "delete_threshold"]


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _ = Group.objects.get_or_create(name="Petition officers")
    access, _ = Permission.objects.get_or_create(
        codename="access_admin",
        content_type=ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")[0],
        defaults={"name": "Can access Wagtail admin"},
    )
    group.permissions.add(access)
    for codename in PERMISSIONS:
        action, model = codename.split("_", 1)
        content_type, _ = ContentType.objects.get_or_create(app_label="petitions", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename,
            defaults={"name": f"Can {action} {model}"})
        group.permissions.add(permission)


class Migration(migrations.Migration):
    """Council officers who moderate petitions and answer them belong to this group."""

    dependencies = [("petitions", "0001_initial"), ("wagtailadmin", "0001_create_admin_access_permissions")]
    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
