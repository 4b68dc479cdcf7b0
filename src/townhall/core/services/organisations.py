"""Organisations own a section of the site; these functions set up and look up that ownership."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q, QuerySet
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from townhall.core.models import Borough, Organisation

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
EDITOR_DOCUMENT_PERMISSIONS = ["add_document", "change_document", "choose_document"]
# Editors upload and choose images in their own collection only, from the chooser too.
EDITOR_IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image"]
# Model permissions by role; other apps add theirs through ROLE_MODEL_PERMISSIONS below.
ROLE_MODEL_PERMISSIONS: dict[str, list[str]] = {
    "editors": [
        "wagtailadmin.access_admin",
        "core.view_pagefeedback",
        "people.view_supporter",
        "people.delete_supporter",  # erasure on request
        "people.view_person",
        "people.change_person",  # the organisers' own note
        "people.delete_person",  # erasure on request
        "people.view_tag",
        "people.add_tag",
        "people.change_tag",
        "people.delete_tag",
        "people.view_segment",
        "people.add_segment",
        "people.change_segment",
        "people.delete_segment",
        "people.view_mailing",
        "people.add_mailing",
        "people.change_mailing",
        "people.delete_mailing",
        "people.send_mailing",
    ],
    "moderators": [
        "wagtailadmin.access_admin",
        "core.view_pagefeedback",
        "people.view_supporter",
        "people.view_person",
        "people.view_tag",
        "people.view_segment",
        "people.view_mailing",
    ],
}


def _permissions(names: list[str]) -> list[Permission]:
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


@transaction.atomic
def set_up_organisation(
    *, name: str, slug: str, kind: str, borough: Borough, home_page: Page
) -> Organisation:
    """Create (or bring up to date) an organisation, its collection and its two groups.

    Idempotent: running it again for the same slug changes nothing that is already right.
    """
    collection = Collection.objects.filter(name=name).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=name)
    editors, _ = Group.objects.get_or_create(name=f"{name} editors")
    moderators, _ = Group.objects.get_or_create(name=f"{name} moderators")

    wagtail_page_permissions = {
        p.codename: p for p in Permission.objects.filter(content_type__app_label="wagtailcore")
    }
    for codename in EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=editors, page=home_page, permission=wagtail_page_permissions[codename]
        )
    for permission in _permissions(
        [f"wagtaildocs.{c}" for c in EDITOR_DOCUMENT_PERMISSIONS]
        + [f"wagtailimages.{c}" for c in EDITOR_IMAGE_PERMISSIONS]
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=editors, collection=collection, permission=permission
        )
    editors.permissions.add(*_permissions(ROLE_MODEL_PERMISSIONS["editors"]))
    moderators.permissions.add(*_permissions(ROLE_MODEL_PERMISSIONS["moderators"]))

    organisation, _ = Organisation.objects.update_or_create(
        slug=slug,
        defaults={
            "name": name,
            "kind": kind,
            "borough": borough,
            "home_page": home_page,
            "collection": collection,
            "editors": editors,
            "moderators": moderators,
        },
    )
    return organisation


def organisation_for_page(page: Page) -> Organisation | None:
    """The organisation whose section holds this page, if any."""
    return (
        Organisation.objects.filter(home_page__in=Page.objects.ancestor_of(page, inclusive=True))
        .select_related("home_page", "collection")
        .order_by("-home_page__depth")
        .first()
    )


def owners_of(pages, organisations) -> dict[int, Organisation | None]:
    """Each page's organisation (the deepest home above it), from a list of organisations
    loaded once with their home pages: no query per page, unlike organisation_for_page."""
    homes = sorted(organisations, key=lambda o: -o.home_page.depth)
    return {
        page.pk: next((o for o in homes if page.path.startswith(o.home_page.path)), None)
        for page in pages
    }


def organisations_for_user(user) -> QuerySet[Organisation]:
    """The organisations a user edits or moderates (all of them for a superuser)."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    groups = user.groups.all()
    return Organisation.objects.filter(Q(editors__in=groups) | Q(moderators__in=groups)).distinct()


def pages_of(organisations: QuerySet[Organisation]) -> Q:
    """A filter matching pages that lie within any of these organisations' sections."""
    paths = organisations.values_list("home_page__path", flat=True)
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition
