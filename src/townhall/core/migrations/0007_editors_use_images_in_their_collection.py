"""Editors could not add or choose an image (the chooser was empty, with no upload): give
each organisation's editors the image permissions on its own collection, as new
organisations now get (core.services.organisations)."""

from django.db import migrations

IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image"]


def grant(apps, schema_editor) -> None:
    Organisation = apps.get_model("core", "Organisation")
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    permissions = list(
        Permission.objects.filter(
            content_type__app_label="wagtailimages", codename__in=IMAGE_PERMISSIONS
        )
    )
    for organisation in Organisation.objects.exclude(editors=None).exclude(collection=None):
        for permission in permissions:
            GroupCollectionPermission.objects.get_or_create(
                group_id=organisation.editors_id,
                collection_id=organisation.collection_id,
                permission=permission,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_content_pages_in_menus"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
