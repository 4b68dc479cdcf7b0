from django.db import migrations

from townhall.core.migration_steps import grant_to_organisations
from townhall.events.apps import EDITOR_PERMISSIONS, MODERATOR_PERMISSIONS


def _codenames(names: list[str]) -> list[str]:
    return [name.split(".")[1] for name in names]


class Migration(migrations.Migration):
    """Organisations made before events get their groups' permissions on answers."""

    dependencies = [("events", "0001_initial"), ("core", "0002_postcode")]
    operations = [
        migrations.RunPython(
            grant_to_organisations(
                "events",
                "rsvp",
                editors=_codenames(EDITOR_PERMISSIONS),
                moderators=_codenames(MODERATOR_PERMISSIONS),
            ),
            migrations.RunPython.noop,
        )
    ]
