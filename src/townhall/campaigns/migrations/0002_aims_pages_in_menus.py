"""Section menus list the pages marked "Show in menus"; pages of this kind made before
that had the box unticked, so tick it for them and they stay in the menu."""

from django.db import migrations

from townhall.core.navigation import show_in_menus


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial"), ("wagtailcore", "0001_initial")]

    operations = [
        migrations.RunPython(show_in_menus("campaigns", "aimspage"), migrations.RunPython.noop)
    ]
