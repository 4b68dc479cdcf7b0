"""Steps that data migrations share: organisations made before an app (or a model) existed
get for their editors and moderators the permissions new organisations get."""

from collections.abc import Callable


def grant_to_organisations(
    app_label: str, model: str, *, editors: list[str], moderators: list[str]
) -> Callable:
    """A RunPython step: codenames ("view_rsvp") on `app_label.model` for every
    organisation's editors and moderators groups."""

    def grant(apps, schema_editor) -> None:
        Organisation = apps.get_model("core", "Organisation")
        Permission = apps.get_model("auth", "Permission")
        ContentType = apps.get_model("contenttypes", "ContentType")
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)

        def permissions(codenames: list[str]) -> list:
            return [
                Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=codename,
                    defaults={"name": codename.replace("_", " ")},
                )[0]
                for codename in codenames
            ]

        for organisation in Organisation.objects.select_related("editors", "moderators"):
            organisation.editors.permissions.add(*permissions(editors))
            organisation.moderators.permissions.add(*permissions(moderators))

    return grant


def grant_to_group(group_name: str, app_label: str, models: list[str]) -> Callable:
    """A RunPython step: add, change, delete and view on each model for one staff group
    (made if missing), as for the council's "Democratic services"."""

    def grant(apps, schema_editor) -> None:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        ContentType = apps.get_model("contenttypes", "ContentType")
        group, _ = Group.objects.get_or_create(name=group_name)
        for model in models:
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            for action in ("add", "change", "delete", "view"):
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{action}_{model}",
                    defaults={"name": f"Can {action} {model}"},
                )
                group.permissions.add(permission)

    return grant
