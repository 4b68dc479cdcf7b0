from django.db import migrations

from townhall.core.migration_steps import grant_to_organisations


class Migration(migrations.Migration):
    """Groups made before tags and segments get what new groups get (core.services)."""

    dependencies = [("people", "0007_tags_wards_segments"), ("core", "0001_initial")]
    operations = [
        migrations.RunPython(
            grant_to_organisations(
                "people",
                "tag",
                editors=["view_tag", "add_tag", "change_tag", "delete_tag"],
                moderators=["view_tag"],
            ),
            migrations.RunPython.noop,
        ),
        migrations.RunPython(
            grant_to_organisations(
                "people",
                "segment",
                editors=["view_segment", "add_segment", "change_segment", "delete_segment"],
                moderators=["view_segment"],
            ),
            migrations.RunPython.noop,
        ),
    ]
