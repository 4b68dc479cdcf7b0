"""Who may do what with an application: its applicant, the scheme's staff (those who may
edit its page), approvers (the "decide" permission) and the round's assessors. Each is a
named django-rules predicate; grants/rules.py builds the app's rules from them."""

import rules

from townhall.core.predicates import edits_a_page_of_type, is_grant_approver
from townhall.grants.models import Application, Assessor, GrantRound, GrantSchemePage

APPLICANT, STAFF, APPROVER, ASSESSOR = "applicant", "staff", "approver", "assessor"


@rules.predicate("is the scheme's staff")
def is_staff_for(user, scheme: GrantSchemePage) -> bool:
    if not user.is_authenticated or scheme is None:
        return False
    return bool(scheme.permissions_for_user(user).can_edit())


def is_approver(user) -> bool:
    return is_grant_approver.test(user)


@rules.predicate("is an assigned assessor")
def is_assessor_for(user, application: Application) -> bool:
    """Assigned to the application's round, and not its applicant (nobody scores their own)."""
    return bool(
        user.is_authenticated
        and application is not None
        and application.applicant_id != user.pk
        and Assessor.objects.filter(round_id=application.round_id, user=user).exists()
    )


@rules.predicate("is the applicant")
def is_applicant(user, application: Application) -> bool:
    return bool(
        user.is_authenticated and application is not None and application.applicant_id == user.pk
    )


@rules.predicate("is the round's staff")
def is_round_staff(user, round_: GrantRound) -> bool:
    return round_ is not None and is_staff_for(user, round_.scheme)


@rules.predicate("is the application's staff")
def is_application_staff(user, application: Application) -> bool:
    return application is not None and is_staff_for(user, application.round.scheme)


@rules.predicate("is staff for a scheme")
def is_staff_for_a_scheme(user) -> bool:
    return user.is_authenticated and edits_a_page_of_type(user, GrantSchemePage)


def roles_of(user, application: Application) -> set[str]:
    roles = set()
    if is_applicant(user, application):
        roles.add(APPLICANT)
    if is_staff_for(user, application.round.scheme):
        roles.add(STAFF)
    if is_approver(user):
        roles.add(APPROVER)
    if is_assessor_for(user, application):
        roles.add(ASSESSOR)
    return roles
