from django.db import migrations

INDEX = "townhall_indexentry_title_body_gin"


def create(apps, schema_editor):
    # Wagtail's PostgreSQL backend matches `(title || body) @@ query`; its own indexes are on
    # title and body apart, so every entry of a model was checked (bench/council_search.py).
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING GIN ((title || body))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    """A full-text index matching the expression Wagtail's PostgreSQL search filters on."""

    dependencies = [
        ("council", "0004_democratic_services_new_records"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]
    operations = [migrations.RunPython(create, drop)]
