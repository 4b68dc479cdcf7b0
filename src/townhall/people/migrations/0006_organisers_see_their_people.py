from django.db import migrations

from townhall.core.migration_steps import grant_to_organisations


class Migration(migrations.Migration):
    """Groups made before people existed get what new groups get (core.services)."""

    dependencies = [("people", "0005_people_from_confirmed_supporters"), ("core", "0001_initial")]
    operations = [
        migrations.RunPython(
            grant_to_organisations(
                "people",
                "person",
                editors=["view_person", "change_person", "delete_person"],
                moderators=["view_person"],
            ),
            migrations.RunPython.noop,
        )
    ]
