from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0011_petitions_onto_the_agenda"),
    ]

    operations = [
        migrations.AddField(
            model_name="petitionresponse",
            name="plain_summary",
            field=models.TextField(
                blank=True,
                help_text="What the council answered and what happens next, in short sentences and everyday words: shown first, with the reading age it needs",
                verbose_name="in plain words",
            ),
        ),
    ]
