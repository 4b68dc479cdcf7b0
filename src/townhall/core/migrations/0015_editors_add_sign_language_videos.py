from django.db import migrations

from townhall.core.apps import SIGN_LANGUAGE_EDITOR_PERMISSIONS
from townhall.core.migration_steps import grant_to_organisations


class Migration(migrations.Migration):
    """Organisations made before sign language videos: their editors may add them to their
    own section's pages, as new organisations' editors may (core.apps)."""

    dependencies = [("core", "0014_easy_read_and_sign_language_versions")]
    operations = [
        migrations.RunPython(
            grant_to_organisations(
                "core",
                "signlanguagevideo",
                editors=[name.split(".")[1] for name in SIGN_LANGUAGE_EDITOR_PERMISSIONS],
                moderators=[],
            ),
            migrations.RunPython.noop,
        )
    ]
