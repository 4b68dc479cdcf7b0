"""The named predicates every app's `rules.py` builds its rules from (django-rules).

Each answers one question about a user, and, for the object-level ones, a record: whether
they hold a model permission, edit or moderate the organisation a record belongs to, may
edit a page. Apps say how their records map to an organisation; nobody re-derives it."""

from collections.abc import Callable

import rules
from django.contrib.auth.backends import ModelBackend
from rules import Predicate, is_superuser
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from townhall.core.models import Organisation
from townhall.core.services.organisations import organisation_for_page, organisations_for_user

__all__ = [
    "add_record_rules",
    "can_edit_page",
    "editor_of",
    "edits_a_page_of_type",
    "has_model_permission",
    "is_admin_user",
    "is_grant_approver",
    "is_petition_officer",
    "is_superuser",
    "member_of",
    "moderator_of",
    "record_rule",
    "section_of",
]

_model_permissions = ModelBackend()

OrganisationOf = Callable[[object], Organisation | None]


def has_model_permission(name: str) -> Predicate:
    """Holds a model permission through their groups. Asked of Django's model backend
    itself, so a rule may carry the same name as the permission it narrows to records."""

    @rules.predicate(f"has {name}")
    def holds(user) -> bool:
        return _model_permissions.has_perm(user, name)

    return holds


def _organisations(user, *, role: str) -> set[int]:
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return set(Organisation.objects.values_list("pk", flat=True))
    if role == "member":
        return set(organisations_for_user(user).values_list("pk", flat=True))
    field = "editors__in" if role == "editor" else "moderators__in"
    return set(
        Organisation.objects.filter(**{field: user.groups.all()}).values_list("pk", flat=True)
    )


def _of(role: str, organisation_of: OrganisationOf, name: str) -> Predicate:
    @rules.predicate(name)
    def check(user, record) -> bool:
        if record is None:
            return False
        organisation = organisation_of(record)
        return organisation is not None and organisation.pk in _organisations(user, role=role)

    return check


def editor_of(organisation_of: OrganisationOf) -> Predicate:
    """An editor of the organisation the record belongs to (an admin edits every one)."""
    return _of("editor", organisation_of, "is organisation editor")


def moderator_of(organisation_of: OrganisationOf) -> Predicate:
    return _of("moderator", organisation_of, "is organisation moderator")


def member_of(organisation_of: OrganisationOf) -> Predicate:
    """An editor or a moderator of the record's organisation."""
    return _of("member", organisation_of, "is organisation editor or moderator")


def section_of(page_of: Callable[[object], object]) -> OrganisationOf:
    """For records attached to a page: the organisation whose section holds the page."""
    return lambda record: organisation_for_page(page_of(record))


def record_rule(permission: str | tuple[str, ...], organisation_of: OrganisationOf) -> Predicate:
    """A model permission (any one of several) that holds, record by record, only within
    the user's own organisations; asked without a record, it is the permission alone."""
    within = member_of(organisation_of)
    permissions = (permission,) if isinstance(permission, str) else permission

    @rules.predicate(f"{' or '.join(permissions)} within the organisation")
    def check(user, record=None) -> bool:
        if not any(_model_permissions.has_perm(user, name) for name in permissions):
            return False
        return record is None or within(user, record)

    return check


def add_record_rules(model: str, organisation_of: OrganisationOf) -> None:
    """The rules of an organisation's records in the admin ("people.supporter"): viewing,
    adding, changing and deleting one, and reading its history (as Wagtail allows it to
    whoever may add, change or delete), each only within the user's organisations."""
    app_label, model_name = model.split(".")
    for action in ("view", "add", "change", "delete"):
        name = f"{app_label}.{action}_{model_name}"
        rules.add_perm(name, record_rule(name, organisation_of))
    rules.add_perm(
        f"{app_label}.history_{model_name}",
        record_rule(
            tuple(f"{app_label}.{a}_{model_name}" for a in ("add", "change", "delete")),
            organisation_of,
        ),
    )


@rules.predicate("may edit the page")
def can_edit_page(user, page) -> bool:
    return page is not None and bool(page.permissions_for_user(user).can_edit())


def edits_a_page_of_type(user, page_type: type[Page]) -> bool:
    """Whether the user may edit at least one page of this type: one query, however many
    pages there are (Wagtail's own page permission policy)."""
    if not user.is_authenticated:
        return False
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return editable.type(page_type).exists()


is_admin_user = has_model_permission("wagtailadmin.access_admin")
is_petition_officer = has_model_permission("petitions.change_petition")
is_grant_approver = has_model_permission("grants.decide_application")
