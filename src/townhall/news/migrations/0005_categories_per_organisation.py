"""News categories become each organisation's own. A category used by one organisation's
posts only becomes that organisation's; one used by several stays shared. Editors gain the
right to keep their own organisation's categories."""

import django.db.models.deletion
from django.db import migrations, models

CATEGORY_PERMISSIONS = [f"{a}_newscategory" for a in ("view", "add", "change", "delete")]


def give_categories_to_organisations(apps, schema_editor) -> None:
    Organisation = apps.get_model("core", "Organisation")
    NewsCategory = apps.get_model("news", "NewsCategory")
    Permission = apps.get_model("auth", "Permission")
    homes = [(o.pk, o.home_page.path) for o in Organisation.objects.exclude(home_page=None)]
    homes.sort(key=lambda home: -len(home[1]))  # the deepest section first
    for category in NewsCategory.objects.all():
        owners = {
            next((pk for pk, path in homes if post.path.startswith(path)), None)
            for post in category.posts.all()
        }
        if len(owners) == 1 and None not in owners:
            category.organisation_id = owners.pop()
            category.save(update_fields=["organisation"])
    permissions = list(
        Permission.objects.filter(content_type__app_label="news", codename__in=CATEGORY_PERMISSIONS)
    )
    for organisation in Organisation.objects.exclude(editors=None):
        organisation.editors.permissions.add(*permissions)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0008_plain_names_for_page_types'),
        ('news', '0004_plain_names_for_page_types'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.AddField(
            model_name='newscategory',
            name='organisation',
            field=models.ForeignKey(blank=True, help_text='Whose category it is. Only administrators make shared ones (left empty).', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='news_categories', to='core.organisation'),
        ),
        migrations.AlterField(
            model_name='newscategory',
            name='slug',
            field=models.SlugField(max_length=100),
        ),
        migrations.AddConstraint(
            model_name='newscategory',
            constraint=models.UniqueConstraint(fields=('organisation', 'slug'), name='one_category_slug_per_organisation'),
        ),
        migrations.AddConstraint(
            model_name='newscategory',
            constraint=models.UniqueConstraint(condition=models.Q(('organisation', None)), fields=('slug',), name='one_shared_category_slug'),
        ),
        migrations.RunPython(give_categories_to_organisations, migrations.RunPython.noop),
    ]
