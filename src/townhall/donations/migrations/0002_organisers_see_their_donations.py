from django.db import migrations

from townhall.core.migration_steps import grant_to_organisations


class Migration(migrations.Migration):
    """Groups made before donations get what new groups get (donations.apps)."""

    dependencies = [("donations", "0001_initial"), ("core", "0001_initial")]
    operations = [
        migrations.RunPython(
            grant_to_organisations(
                "donations",
                "donation",
                editors=["view_donation", "claim_gift_aid"],
                moderators=["view_donation"],
            ),
            migrations.RunPython.noop,
        )
    ]
