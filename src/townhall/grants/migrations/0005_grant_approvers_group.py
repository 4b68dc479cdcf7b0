from django.db import migrations

GROUP = "Grant approvers"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _ = Group.objects.get_or_create(name=GROUP)
    content_type, _ = ContentType.objects.get_or_create(app_label="grants", model="application")
    decide, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="decide_application",
        defaults={"name": "Can approve or decline grant applications"},
    )
    group.permissions.add(decide)
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if admin_access:
        group.permissions.add(admin_access)


class Migration(migrations.Migration):
    """Approvers decide grant applications (approve with an amount, or decline): a group to
    add them to, with the admin access they need and nothing else."""

    dependencies = [
        ("grants", "0004_applications"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
