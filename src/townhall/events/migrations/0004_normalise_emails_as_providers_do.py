"""Email addresses kept before normalise_email moved to core were only lower-cased; compare
them as their provider does now. A row whose address now matches another's is left as it
was, so no one's answer is lost."""

from django.db import migrations

from townhall.core.email_addresses import normalise_email


def renormalise(apps, schema_editor):
    Rsvp = apps.get_model("events", "Rsvp")
    for row in Rsvp.objects.all().iterator():
        wanted = normalise_email(row.email)
        if wanted == row.normalised_email:
            continue
        others = Rsvp.objects.filter(normalised_email=wanted).filter(event_id=row.event_id)
        if not others.exists():
            Rsvp.objects.filter(pk=row.pk).update(normalised_email=wanted)


class Migration(migrations.Migration):
    dependencies = [("events", "0003_ward_help_text")]

    operations = [migrations.RunPython(renormalise, migrations.RunPython.noop)]
