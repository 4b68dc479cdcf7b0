from django.db import migrations

GROUP = "Democratic services"
MODELS = ["committee", "councillor", "membership", "meeting", "agendaitem", "meetingpaper", "decision"]


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for model in MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="council", model=model)
        for action in ("add", "change", "delete", "view"):
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            group.permissions.add(permission)
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if admin_access:
        group.permissions.add(admin_access)


class Migration(migrations.Migration):
    """Officers who keep the committees, meetings and decisions: one group to add them to."""

    dependencies = [("council", "0001_initial"), ("wagtailadmin", "0001_create_admin_access_permissions")]
    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
