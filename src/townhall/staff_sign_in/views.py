"""The admin's sign-in page, in place of Wagtail's own: the same form, but the password is
checked under allauth's rate limits, the sign-in goes through allauth's stages (so a
second factor is asked for), and staff are sent to the council's provider where
STAFF_SSO_REQUIRED says so. The page offers "Sign in with <the council's provider>"."""

from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.login import record_authentication
from allauth.account.utils import perform_login
from django.core.exceptions import ValidationError
from django.shortcuts import resolve_url
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm
from wagtail.admin.views.account import LoginView

from townhall.staff_sign_in import policy


class StaffLoginForm(LoginForm):
    error_messages = {
        **LoginForm.error_messages,
        "sso_required": _(
            "Staff sign in with the council's account: use the button below, not a password."
        ),
    }

    def clean(self) -> dict:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            # allauth's authenticate counts failures per address and per account.
            self.user_cache = get_adapter(self.request).authenticate(
                self.request, username=username, password=password
            )
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
            if policy.sso_required_for(self.user_cache):
                raise ValidationError(self.error_messages["sso_required"], code="sso_required")
        return self.cleaned_data


class StaffLoginView(LoginView):
    template_name = "staff_sign_in/login.html"

    def get_form_class(self):
        return StaffLoginForm

    def get(self, *args, **kwargs):
        # Wagtail sends a signed-in editor straight to the admin; one the admin's guard
        # would turn back (no second factor yet) sees the form instead of a loop.
        if policy.missing_step(self.request) is None:
            return super().get(*args, **kwargs)
        return super(LoginView, self).get(*args, **kwargs)

    def form_valid(self, form):
        user = form.get_user()
        remember = form.cleaned_data.get("remember")
        record_authentication(self.request, user, "password", username=user.get_username())
        # Staff accounts are made by an administrator, not confirmed by email: no
        # verification step here.
        response = perform_login(
            self.request,
            user,
            email_verification="none",
            redirect_url=self.get_success_url() or resolve_url("wagtailadmin_home"),
        )
        self.request.session.set_expiry(None if remember else 0)
        return response
