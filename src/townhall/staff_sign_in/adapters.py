"""allauth's adapters for staff: the second-factor stage of every sign-in, and which
accounts a sign-in with the council's identity provider may open. A social sign-in never
makes an account staff: it opens an existing account with admin access whose address the
provider vouches for, or (where STAFF_SSO_NEW_ACCOUNT_DOMAINS allows) a plain new account
that an administrator then gives its rights."""

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from townhall.core.accounts import AccountAdapter, on_base_url
from townhall.staff_sign_in import policy
from townhall.staff_sign_in.config import MULTI_TENANT


class StaffAwareAccountAdapter(AccountAdapter):
    def get_login_stages(self) -> list[str]:
        return [
            "townhall.staff_sign_in.stages.SecondFactorStage"
            if stage == "allauth.mfa.stages.AuthenticateStage"
            else stage
            for stage in super().get_login_stages()
        ]

    def send_password_reset_mail(self, user, email: str, context: dict) -> None:
        """With STAFF_SSO_REQUIRED, a staff account is sent no reset link (a password would
        open nothing): the email says where staff sign in instead."""
        if not policy.sso_required_for(user):
            return super().send_password_reset_mail(user, email, context)
        login_url = on_base_url(reverse("wagtailadmin_login"))
        context = {"login_url": login_url}
        return self.send_mail("staff_sign_in/email/sso_password_reset", email, context)


def vouched_emails(sociallogin) -> list[str]:
    """The addresses the provider says belong to this person: those it marks verified, and
    for Entra ID signed in through the council's own tenant, the directory's address."""
    emails = [address.email for address in sociallogin.email_addresses if address.verified]
    if sociallogin.account.provider == "microsoft":
        app = sociallogin.account.get_provider().app
        if (app.settings or {}).get("tenant", "common").lower() not in MULTI_TENANT:
            emails += [address.email for address in sociallogin.email_addresses]
    return [email.strip().lower() for email in emails if email]


def _accounts_with(emails: list[str]) -> list:
    if not emails:
        return []
    query = Q()
    for email in emails:
        query |= Q(email__iexact=email)
    return list(get_user_model().objects.filter(query, is_active=True))


def _may_open_new_account(emails: list[str]) -> bool:
    domains = {domain.lower() for domain in settings.TOWNHALL_STAFF_SSO_NEW_ACCOUNT_DOMAINS}
    return any(email.rpartition("@")[2] in domains for email in emails)


class StaffSocialAccountAdapter(DefaultSocialAccountAdapter):
    def get_app(self, request, provider, client_id=None) -> SocialApp:
        """Every provider's addresses exist, configured or not: one the settings do not
        configure is not found (404), not a server error."""
        try:
            return super().get_app(request, provider, client_id=client_id)
        except SocialApp.DoesNotExist:
            raise Http404 from None

    def pre_social_login(self, request, sociallogin) -> None:
        if sociallogin.is_existing:
            return  # signed in this way before: the account was allowed then
        emails = vouched_emails(sociallogin)
        matches = _accounts_with(emails)
        staff = [user for user in matches if policy.has_admin_access(user)]
        if len(staff) == 1:
            sociallogin.connect(request, staff[0])
            return
        if len(matches) == 1 and _may_open_new_account(emails):
            sociallogin.connect(request, matches[0])
            return
        if not matches and _may_open_new_account(emails):
            return  # allauth opens a new account, with no rights (is_open_for_signup)
        raise ImmediateHttpResponse(
            render(request, "staff_sign_in/refused.html", {"emails": emails}, status=403)
        )

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return _may_open_new_account(vouched_emails(sociallogin))
