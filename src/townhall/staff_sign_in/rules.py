"""The guards of the sign-in views Townhall takes from allauth's social accounts and MFA
(core.access), and of the admin's own sign-in page."""

from townhall.core import access

access.declare(
    {
        "staff_login": access.public("signing in to the admin; allauth's rate limits"),
        "mfa_*": access.signed_in("a person's own second factors"),
        "socialaccount_*": access.public("signing in with the council's provider"),
        "/accounts/social/*": access.public("allauth's old addresses, redirected to the above"),
        "openid_connect_*": access.public("signing in with the council's provider"),
        "microsoft_*": access.public("signing in with Microsoft Entra ID"),
        "google_*": access.public("signing in with Google Workspace"),
    }
)
