"""Residents' accounts (django-allauth): their emails (sign-in and confirmation codes) go
through the task queue like every other email here, so a slow mail server never holds up a
sign-in page, and the demo's outbox shows them. A resident may delete their own account."""

from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.db import transaction

from townhall.core.mail import send_email_after_commit
from townhall.core.services import email_delivery


class QueuedMessage:
    """Stands in for the rendered message: sending it queues the text version."""

    def __init__(self, message) -> None:
        self.message = message

    def send(self) -> int:
        for to in self.message.to:
            send_email_after_commit(to, self.message.subject, self.message.body)
        return len(self.message.to)


def on_base_url(url: str) -> str:
    """The same address on the configured base URL. allauth builds its links from the
    request's Host header, which a client chooses: a password-reset link must never point
    at a host someone typed (issue 15)."""
    parts = urlsplit(url)
    return urlunsplit(urlsplit(settings.TOWNHALL_BASE_URL)[:2] + parts[2:])


class AccountAdapter(DefaultAccountAdapter):
    def render_mail(self, template_prefix, email, context, headers=None):
        links = {
            key: on_base_url(value)
            for key, value in context.items()
            if key.endswith("_url") and isinstance(value, str)
        }
        context = {
            **context,
            **links,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "base_url": settings.TOWNHALL_BASE_URL,
        }
        return QueuedMessage(super().render_mail(template_prefix, email, context, headers))


def may_delete_own_account(user) -> bool:
    """Residents may; accounts with admin access or in staff groups are closed by an
    administrator, who first hands their work to someone else."""
    return bool(
        user.is_authenticated
        and not (user.is_staff or user.is_superuser or user.groups.exists())
        and not user.user_permissions.exists()
    )


@transaction.atomic
def delete_account(user) -> None:
    """Delete the account and what hangs on it (each app's models say what goes with it and
    what is kept without the name: grant applications go, awards and assessments stay)."""
    if user.email:
        email_delivery.forget(user.email)
    user.delete()
