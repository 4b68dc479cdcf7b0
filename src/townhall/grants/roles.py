"""Who may do what with an application: its applicant, the scheme's staff (those who may
edit its page), approvers (the "decide" permission) and the round's assessors."""

from townhall.grants.models import Application, Assessor, GrantSchemePage

APPLICANT, STAFF, APPROVER, ASSESSOR = "applicant", "staff", "approver", "assessor"


def is_staff_for(user, scheme: GrantSchemePage) -> bool:
    return bool(user.is_authenticated and scheme.permissions_for_user(user).can_edit())


def is_approver(user) -> bool:
    return bool(user.is_authenticated and user.has_perm("grants.decide_application"))


def is_assessor_for(user, application: Application) -> bool:
    """Assigned to the application's round, and not its applicant (nobody scores their own)."""
    return bool(
        user.is_authenticated
        and application.applicant_id != user.pk
        and Assessor.objects.filter(round_id=application.round_id, user=user).exists()
    )


def roles_of(user, application: Application) -> set[str]:
    roles = set()
    if user.is_authenticated and application.applicant_id == user.pk:
        roles.add(APPLICANT)
    if is_staff_for(user, application.round.scheme):
        roles.add(STAFF)
    if is_approver(user):
        roles.add(APPROVER)
    if is_assessor_for(user, application):
        roles.add(ASSESSOR)
    return roles
