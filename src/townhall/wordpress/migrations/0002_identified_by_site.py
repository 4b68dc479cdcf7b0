"""Imported items are known by their site and their number there, not one string.

Records from before kept both in `source` ("https://blog.example post 12"); each gets the
site named there (as host and path, the form the importer now uses), its kind and number.
A record whose export named no site keeps an empty site, as the importer gives such an export
today, so re-importing it still adds nothing. Two old records that now name the same item
(the same blog imported once over http and once over https) both stay: the later keeps its
site exactly as written, so neither is lost and the constraint holds.
"""

from urllib.parse import urlsplit

import django.db.models.deletion
from django.db import migrations, models


def _site(url: str) -> str:
    # The importer's wxr.site_identity as it is today; a migration keeps its own copy.
    parts = urlsplit(url.strip() if "//" in url else f"//{url.strip()}")
    return f"{parts.netloc.lower().removeprefix('www.')}{parts.path.rstrip('/')}"


def split_sources(apps, schema_editor) -> None:
    ImportedItem = apps.get_model("wordpress", "ImportedItem")
    taken: set[tuple] = set()
    for record in ImportedItem.objects.order_by("pk").iterator():
        site, kind, number = _parse(record.source)
        key = (record.organisation_id, _site(site), kind, number)
        record.site = key[1] if key not in taken else site[:300]
        taken.add((record.organisation_id, record.site, kind, number))
        record.kind, record.wordpress_id = kind, number
        record.save(update_fields=["site", "kind", "wordpress_id"])


def _parse(source: str) -> tuple[str, str, int]:
    site, _, rest = source.rpartition(" ")
    site, _, kind = site.rpartition(" ")
    if not rest.isdigit() or not kind:  # never written by the importer; kept, not lost
        return source, "unknown", 0
    return site, kind, int(rest)


def join_sources(apps, schema_editor) -> None:
    ImportedItem = apps.get_model("wordpress", "ImportedItem")
    for record in ImportedItem.objects.iterator():
        record.source = f"{record.site} {record.kind} {record.wordpress_id}"
        record.save(update_fields=["source"])


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailimages", "0027_image_description"),
        ("wordpress", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="importeditem",
            name="site",
            field=models.CharField(
                blank=True,
                help_text='The WordPress site, as host and path: "blog.example" or '
                '"example.org/news"',
                max_length=300,
            ),
        ),
        migrations.AddField(
            model_name="importeditem",
            name="kind",
            field=models.CharField(
                default="", help_text="post, page, comment or attachment", max_length=20
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="importeditem",
            name="wordpress_id",
            field=models.PositiveBigIntegerField(default=0, help_text="Its number on that site"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="importeditem",
            name="image",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailimages.image",
            ),
        ),
        migrations.RemoveConstraint(model_name="importeditem", name="import_each_item_once"),
        migrations.RunPython(split_sources, join_sources),
        migrations.RemoveField(model_name="importeditem", name="source"),
        migrations.AddConstraint(
            model_name="importeditem",
            constraint=models.UniqueConstraint(
                fields=("organisation", "site", "kind", "wordpress_id"),
                name="import_each_site_item_once",
            ),
        ),
    ]
