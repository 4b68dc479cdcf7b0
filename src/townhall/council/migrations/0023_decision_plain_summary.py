from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("council", "0022_moderngov_paper_publication_date"),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="plain_summary",
            field=models.TextField(
                blank=True,
                help_text=(
                    "What was decided and what it means for residents, in short sentences and "
                    "everyday words: shown first, with the reading age it needs"
                ),
                verbose_name="in plain words",
            ),
        ),
    ]
