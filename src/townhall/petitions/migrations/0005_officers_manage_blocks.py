from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group = Group.objects.filter(name="Petition officers").first()
    if group is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="petitions", model="signingblock")
    for action in ("view", "add", "change", "delete"):
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=f"{action}_signingblock",
            defaults={"name": f"Can {action} signing block"})
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0004_signingblock")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
