"""Relabel the admin's log entries about people's records, which Wagtail labelled with the
person's name (shown in the site history report to other organisations' editors too)."""

from django.db import migrations
from django.utils.text import capfirst

# The models registered with core.personal_data when this migration was written.
PEOPLE = [
    ("people", "supporter"),
    ("events", "rsvp"),
    ("petitions", "signature"),
    ("statements", "statementname"),
    ("follows", "follower"),
    ("comments", "comment"),
    ("grants", "application"),
]


def relabel(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    for app_label, model_name in PEOPLE:
        content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
        if content_type is None:
            continue
        try:
            verbose_name = apps.get_model(app_label, model_name)._meta.verbose_name
        except LookupError:
            verbose_name = model_name
        for entry in ModelLogEntry.objects.filter(content_type=content_type).only("object_id"):
            ModelLogEntry.objects.filter(pk=entry.pk).update(
                label=f"{capfirst(verbose_name)} {entry.object_id}"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_email_officers"),
        ("wagtailcore", "0063_modellogentry"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(relabel, migrations.RunPython.noop)]
