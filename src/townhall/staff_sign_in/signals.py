"""Setting up a factor proves it: the person typed a code from it (or touched the key), so
this session counts as signed in with it and the admin opens without asking again. On the
save itself, in the request that made it (allauth's own signal waits for the commit, after
the session may already be stored)."""

from allauth.account.internal.flows.login import record_authentication
from allauth.core import context
from allauth.mfa.models import Authenticator
from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender=Authenticator)
def count_new_factor(sender, instance: Authenticator, created: bool, **kwargs) -> None:
    request = context.request
    if not created or request is None or instance.type == Authenticator.Type.RECOVERY_CODES:
        return
    if getattr(request, "user", None) == instance.user:
        record_authentication(request, instance.user, "mfa", id=instance.pk, type=instance.type)
