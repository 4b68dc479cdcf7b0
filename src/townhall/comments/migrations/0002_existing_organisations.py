from django.db import migrations

MODERATION = ["view_comment", "change_comment", "delete_comment"]
SETTINGS = ["view_commentpolicy", "change_commentpolicy"]


def set_up(apps, schema_editor):
    Organisation = apps.get_model("core", "Organisation")
    if not Organisation.objects.exists():
        return  # a new database: organisations made from now on are set up as they are made
    CommentPolicy = apps.get_model("comments", "CommentPolicy")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    by_codename = {}
    for codename in MODERATION + SETTINGS:
        action, model = codename.split("_", 1)
        content_type, _ = ContentType.objects.get_or_create(app_label="comments", model=model)
        by_codename[codename], _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename,
            defaults={"name": f"Can {action} {model}"},
        )
    for organisation in Organisation.objects.select_related("editors", "moderators"):
        CommentPolicy.objects.get_or_create(organisation=organisation)
        organisation.moderators.permissions.add(*(by_codename[c] for c in MODERATION))
        organisation.editors.permissions.add(*(by_codename[c] for c in MODERATION + SETTINGS))


class Migration(migrations.Migration):
    """Organisations made before comments existed get settings and moderators' permissions."""

    dependencies = [("comments", "0001_initial"), ("core", "0001_initial")]
    operations = [migrations.RunPython(set_up, migrations.RunPython.noop)]
