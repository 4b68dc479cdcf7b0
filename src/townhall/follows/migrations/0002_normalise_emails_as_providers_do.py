"""Email addresses kept before normalise_email moved to core were only lower-cased; compare
them as their provider does now. A row whose address now matches another's is left as it
was, so no one's answer is lost."""

from django.db import migrations

from townhall.core.email_addresses import renormalise_rows


def renormalise(apps, schema_editor):
    renormalise_rows(apps.get_model("follows", "Follower"))


class Migration(migrations.Migration):
    dependencies = [("follows", "0001_initial")]

    operations = [migrations.RunPython(renormalise, migrations.RunPython.noop)]
