"""allauth's password forms for a staff account while STAFF_SSO_REQUIRED is on: a password
no sign-in accepts is refused when it is set, so no one thinks it works (or keeps one)."""

from allauth.account.forms import ChangePasswordForm, ResetPasswordKeyForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from townhall.staff_sign_in import policy

SSO_ONLY = _(
    "Staff sign in with the council's account, not a password: there is no password to set here."
)


class RefusesStaffPasswords:
    def clean(self) -> dict:
        if policy.sso_required_for(self.user):
            raise ValidationError(SSO_ONLY, code="sso_required")
        return super().clean()


class StaffResetPasswordKeyForm(RefusesStaffPasswords, ResetPasswordKeyForm):
    pass


class StaffChangePasswordForm(RefusesStaffPasswords, ChangePasswordForm):
    pass


class StaffSetPasswordForm(RefusesStaffPasswords, SetPasswordForm):
    pass
