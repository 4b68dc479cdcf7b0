import secrets

from django.db import migrations, models

import townhall.people.models


def give_each_supporter_a_confirm_token(apps, schema_editor):
    Supporter = apps.get_model("people", "Supporter")
    for supporter in Supporter.objects.only("pk").iterator():
        Supporter.objects.filter(pk=supporter.pk).update(
            confirm_token=secrets.token_urlsafe(32)
        )


class Migration(migrations.Migration):
    dependencies = [("people", "0002_editors_may_erase_supporters")]

    operations = [
        migrations.AddField(
            model_name="supporter",
            name="confirm_token",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(give_each_supporter_a_confirm_token, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="supporter",
            name="confirm_token",
            field=models.CharField(
                default=townhall.people.models.new_token,
                editable=False,
                max_length=64,
                unique=True,
            ),
        ),
    ]
