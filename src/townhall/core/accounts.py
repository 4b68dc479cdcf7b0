"""Residents' accounts (django-allauth): their emails (sign-in and confirmation codes) go
through the task queue like every other email here, so a slow mail server never holds up a
sign-in page, and the demo's outbox shows them."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from townhall.core.mail import send_email_after_commit


class QueuedMessage:
    """Stands in for the rendered message: sending it queues the text version."""

    def __init__(self, message) -> None:
        self.message = message

    def send(self) -> int:
        for to in self.message.to:
            send_email_after_commit(to, self.message.subject, self.message.body)
        return len(self.message.to)


class AccountAdapter(DefaultAccountAdapter):
    def render_mail(self, template_prefix, email, context, headers=None):
        context = {**context, "site_name": settings.WAGTAIL_SITE_NAME}
        return QueuedMessage(super().render_mail(template_prefix, email, context, headers))
