"""Section menus list the pages marked "Show in menus"; pages of this kind made before
that had the box unticked, so tick it for them and they stay in the menu."""

from django.db import migrations

from townhall.core.navigation import show_in_menus


class Migration(migrations.Migration):
    dependencies = [("core", "0005_log_entries_without_names"), ("wagtailcore", "0001_initial")]

    operations = [
        migrations.RunPython(show_in_menus("core", "contentpage"), migrations.RunPython.noop)
    ]
