"""Postcodes are kept per borough, with the other authorities' postcodes in its districts
(no ward) so that a form can say such a postcode is outside, not unknown."""

import django.db.models.deletion
from django.db import migrations, models


def borough_from_ward(apps, schema_editor):
    Postcode = apps.get_model("core", "Postcode")
    Ward = apps.get_model("core", "Ward")
    for ward in Ward.objects.only("pk", "borough_id"):
        Postcode.objects.filter(ward=ward).update(borough_id=ward.borough_id)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0012_postcode_terminated_on"),
    ]

    operations = [
        migrations.AddField(
            model_name="postcode",
            name="borough",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="postcodes",
                to="core.borough",
            ),
        ),
        migrations.RunPython(borough_from_ward, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="postcode",
            name="borough",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="postcodes",
                to="core.borough",
            ),
        ),
        migrations.AlterField(
            model_name="postcode",
            name="postcode",
            field=models.CharField(help_text='Normalised: "EN5 1AB"', max_length=8),
        ),
        migrations.AlterField(
            model_name="postcode",
            name="ward",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="postcodes",
                to="core.ward",
            ),
        ),
        migrations.AddConstraint(
            model_name="postcode",
            constraint=models.UniqueConstraint(
                fields=("borough", "postcode"), name="one_row_per_postcode"
            ),
        ),
    ]
