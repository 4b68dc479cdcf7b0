from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0011_alter_contentpage_figures"),
    ]

    operations = [
        migrations.AddField(
            model_name="postcode",
            name="terminated_on",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="postcode",
            name="postcode",
            field=models.CharField(help_text='Normalised: "EN5 1AB"', max_length=8, unique=True),
        ),
    ]
