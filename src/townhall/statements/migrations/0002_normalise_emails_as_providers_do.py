"""Email addresses kept before normalise_email moved to core were only lower-cased; compare
them as their provider does now. A row whose address now matches another's is left as it
was, so no one's answer is lost."""

from django.db import migrations

from townhall.core.email_addresses import normalise_email


def renormalise(apps, schema_editor):
    StatementName = apps.get_model("statements", "StatementName")
    for row in StatementName.objects.all().iterator():
        wanted = normalise_email(row.email)
        if wanted == row.normalised_email:
            continue
        others = StatementName.objects.filter(normalised_email=wanted).filter(statement_id=row.statement_id)
        if not others.exists():
            StatementName.objects.filter(pk=row.pk).update(normalised_email=wanted)


class Migration(migrations.Migration):
    dependencies = [("statements", "0001_initial")]

    operations = [migrations.RunPython(renormalise, migrations.RunPython.noop)]
