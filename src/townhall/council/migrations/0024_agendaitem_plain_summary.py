from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("council", "0023_decision_plain_summary"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="plain_summary",
            field=models.TextField(
                blank=True,
                help_text="What the item is about and what it may mean for residents, in short sentences and everyday words: shown first, with the reading age it needs",
                verbose_name="in plain words",
            ),
        ),
    ]
