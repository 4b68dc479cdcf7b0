from django.db import migrations

from townhall.core.migration_steps import grant_to_organisations

ACTIONS = ["view", "add", "change", "delete"]


class Migration(migrations.Migration):
    """Organisations made before datasets existed: their editors keep datasets and import
    observations, their moderators look, as new organisations' do."""

    dependencies = [("datasets", "0001_initial"), ("core", "0001_initial")]
    operations = [
        migrations.RunPython(
            grant_to_organisations(
                "datasets",
                "dataset",
                editors=[f"{a}_dataset" for a in ACTIONS],
                moderators=["view_dataset"],
            ),
            migrations.RunPython.noop,
        ),
        migrations.RunPython(
            grant_to_organisations(
                "datasets",
                "observation",
                editors=[*(f"{a}_observation" for a in ACTIONS), "import_observations"],
                moderators=["view_observation"],
            ),
            migrations.RunPython.noop,
        ),
    ]
