from django.db import migrations

PERMISSIONS = {"view_email": "Can view email", "resend_email": "Can resend an email that failed"}


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _ = Group.objects.get_or_create(name="Email officers")
    admin_type = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")[0]
    access, _ = Permission.objects.get_or_create(
        codename="access_admin", content_type=admin_type,
        defaults={"name": "Can access Wagtail admin"},
    )
    group.permissions.add(access)
    email_type, _ = ContentType.objects.get_or_create(app_label="core", model="email")
    for codename, name in PERMISSIONS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=email_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


class Migration(migrations.Migration):
    """Officers who watch the email queue (recipients masked) and resend failed emails."""

    dependencies = [
        ("core", "0003_durable_email"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
