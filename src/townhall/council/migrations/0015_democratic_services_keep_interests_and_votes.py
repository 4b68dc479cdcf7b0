from django.db import migrations

from townhall.core.migration_steps import grant_to_group


class Migration(migrations.Migration):
    """Democratic services keep the registers of interests, declarations and recorded votes."""

    dependencies = [("council", "0014_interests_declarations_votes")]
    operations = [
        migrations.RunPython(
            grant_to_group(
                "Democratic services",
                "council",
                ["interestsversion", "declaration", "recordedvote", "ballot"],
            ),
            migrations.RunPython.noop,
        )
    ]
