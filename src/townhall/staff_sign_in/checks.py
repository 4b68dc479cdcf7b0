"""A warning at every start where staff open the admin, and residents' personal data, on a
password alone: a real site (DEBUG off, not the demo) with STAFF_MFA_REQUIRED turned off."""

from django.conf import settings
from django.core import checks
from django.utils.translation import gettext as _


@checks.register(checks.Tags.security)
def check_second_factor_required(app_configs, **kwargs) -> list:
    if settings.DEBUG or settings.DEMO or settings.TOWNHALL_STAFF_MFA_REQUIRED:
        return []
    return [
        checks.Warning(
            _("Staff open the admin, and residents' personal data, with a password alone."),
            hint=_(
                "Unset STAFF_MFA_REQUIRED (it is on by default) or set it to on "
                "(docs/staff-sign-in.md)."
            ),
            id="townhall.W050",
        )
    ]
