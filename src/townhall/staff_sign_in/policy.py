"""Who counts as staff here, how this session was signed in, and what the admin asks of
them before it opens. Read by the sign-in views, the login stage and the admin's guard."""

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.http import HttpRequest

# The factors that open the admin; recovery codes only stand in for one of them.
SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def has_admin_access(user) -> bool:
    """Anyone who can open the admin, and with it residents' personal data."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin"))
    )


def sso_required_for(user) -> bool:
    return settings.TOWNHALL_STAFF_SSO_REQUIRED and has_admin_access(user)


def has_second_factor(user) -> bool:
    return is_mfa_enabled(user, SECOND_FACTORS)


def signed_in_by(request: HttpRequest) -> set[str]:
    """How this session's person proved who they are: "password", "code", "socialaccount",
    "mfa"... (allauth's record of the session)."""
    return {record["method"] for record in get_authentication_records(request, request.user)}


def sso_is_second_factor() -> bool:
    """The council's identity provider asks for its own second factor (docs/staff-sign-in.md)."""
    return settings.TOWNHALL_STAFF_SSO_IS_SECOND_FACTOR


def missing_step(request: HttpRequest) -> str | None:
    """What this session must still do before the admin opens: "sso" (sign in with the
    council's provider), "setup" (add a second factor), "verify" (enter one), or None."""
    user = request.user
    if not has_admin_access(user):
        return None
    methods = signed_in_by(request)
    if sso_required_for(user) and "socialaccount" not in methods:
        return "sso"
    if not settings.TOWNHALL_STAFF_MFA_REQUIRED or "mfa" in methods:
        return None
    if "socialaccount" in methods and sso_is_second_factor():
        return None
    return "verify" if has_second_factor(user) else "setup"
