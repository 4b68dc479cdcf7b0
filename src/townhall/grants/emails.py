"""The emails an applicant gets when their application changes, sent after the commit."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from townhall.core.mail import send_email_after_commit
from townhall.grants.models import Application

SUBJECTS = {
    "submit": _("We have your grant application %(ref)s"),
    "withdraw": _("You withdrew grant application %(ref)s"),
    "request_info": _("We need more information about grant application %(ref)s"),
    "screen_in": _("Grant application %(ref)s: eligible, now being assessed"),
    "screen_out": _("Grant application %(ref)s: not eligible"),
    "approve": _("Grant application %(ref)s: approved"),
    "decline": _("Grant application %(ref)s: not funded this time"),
}


def application_url(application: Application) -> str:
    return settings.TOWNHALL_BASE_URL + reverse("grant-application", args=[application.pk])


def emails_applicant(action: str) -> bool:
    """Whether the applicant is emailed when this action is taken."""
    return action in SUBJECTS


def after_transition(application: Application, action: str, note: str) -> None:
    subject = SUBJECTS.get(action)
    to = application.applicant.email
    if subject is None or not to:
        return
    body = render_to_string(
        f"grants/emails/{action}.txt",
        {"application": application, "note": note, "url": application_url(application)},
    )
    send_email_after_commit(to, subject % {"ref": application.reference}, body)
