from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from townhall.comments import translation as translated_fields
from townhall.comments.models import Comment, CommentPolicy
from townhall.comments.services import invalidate
from townhall.core.models import Organisation
from townhall.core.services import machine_translation


@receiver(post_save, sender=Comment)
@receiver(post_delete, sender=Comment)
def comment_changed(sender, instance: Comment, **kwargs) -> None:
    """Any change to a comment, from a reader, the queue or an edit, shows to readers at once."""
    transaction.on_commit(lambda: invalidate(instance))


@receiver(post_save, sender=Organisation)
def organisation_created(sender, instance: Organisation, created: bool, **kwargs) -> None:
    if created:
        CommentPolicy.objects.get_or_create(organisation=instance)


# A comment's machine translations go when it is deleted (erased) or its text is edited.
machine_translation.translatable(Comment, *translated_fields.FIELDS)
