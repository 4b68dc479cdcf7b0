from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0007_plain_names_for_page_types"),
    ]

    operations = [
        migrations.AddField(
            model_name="consultationpage",
            name="plain_summary",
            field=models.TextField(
                blank=True,
                help_text="What is proposed and what it may mean for residents, in short sentences and everyday words: shown first, with the reading age it needs",
                verbose_name="in plain words",
            ),
        ),
    ]
