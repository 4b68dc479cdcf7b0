from django.db import migrations

GROUP = "Democratic services"
MODELS = ["contract", "measure", "measurevalue", "papertext"]


def grant(apps, schema_editor):
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


class Migration(migrations.Migration):
    """Democratic services also keep contracts and the promise tracker's figures, and see
    which papers' text could not be read."""

    dependencies = [("council", "0003_programmes_figures_contracts_paper_text")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
