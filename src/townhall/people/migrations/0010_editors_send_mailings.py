from django.db import migrations

from townhall.core.migration_steps import grant_to_organisations


class Migration(migrations.Migration):
    """Groups made before mailings get what new groups get (core.services): editors write
    and send them, moderators see them."""

    dependencies = [("people", "0009_mailings"), ("core", "0001_initial")]
    operations = [
        migrations.RunPython(
            grant_to_organisations(
                "people",
                "mailing",
                editors=[
                    "view_mailing",
                    "add_mailing",
                    "change_mailing",
                    "delete_mailing",
                    "send_mailing",
                ],
                moderators=["view_mailing"],
            ),
            migrations.RunPython.noop,
        )
    ]
