"""Email addresses kept before normalise_email moved to core were only lower-cased; compare
them as their provider does now. A row whose address now matches another's is left as it
was, so no one's answer is lost."""

from django.db import migrations

from townhall.core.email_addresses import normalise_email


def renormalise(apps, schema_editor):
    Follower = apps.get_model("follows", "Follower")
    for row in Follower.objects.all().iterator():
        wanted = normalise_email(row.email)
        if wanted == row.normalised_email:
            continue
        others = Follower.objects.filter(normalised_email=wanted)
        if not others.exists():
            Follower.objects.filter(pk=row.pk).update(normalised_email=wanted)


class Migration(migrations.Migration):
    dependencies = [("follows", "0001_initial")]

    operations = [migrations.RunPython(renormalise, migrations.RunPython.noop)]
