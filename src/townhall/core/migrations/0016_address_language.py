from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0015_editors_add_sign_language_videos")]

    operations = [
        migrations.CreateModel(
            name="AddressLanguage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "address",
                    models.CharField(max_length=254, unique=True, verbose_name="email address"),
                ),
                ("language", models.CharField(max_length=15, verbose_name="language")),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "language of an email address",
                "verbose_name_plural": "languages of email addresses",
            },
        ),
    ]
