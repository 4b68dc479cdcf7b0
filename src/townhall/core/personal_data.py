"""Records that hold a person's name or address. Apps register their models, and then:

- the admin's log never keeps the person's name: Wagtail labels each log entry with the
  record's title, and its site history report shows entries to everyone holding any
  permission on the model, another organisation's editors included; entries about these
  records are labelled "Supporter 12" instead;
- deleting a row by any route (the admin, the person's own link, an account being closed)
  also deletes the log entries about it."""

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver
from django.utils.text import capfirst
from wagtail.models import ModelLogEntry

_registered: set[type[models.Model]] = set()


def holds_personal_data(model: type[models.Model]) -> type[models.Model]:
    """Class decorator for a model whose rows are about one person."""
    _registered.add(model)
    post_delete.connect(_erase_history, sender=model, dispatch_uid=f"erase-{model._meta.label}")
    return model


def anonymous_label(model: type[models.Model], pk: object) -> str:
    return f"{capfirst(model._meta.verbose_name)} {pk}"


@receiver(pre_save, sender=ModelLogEntry, dispatch_uid="log-entries-without-names")
def _label_without_name(sender, instance: ModelLogEntry, **kwargs) -> None:
    model = instance.content_type.model_class() if instance.content_type_id else None
    if model in _registered:
        instance.label = anonymous_label(model, instance.object_id)


def registered() -> set[type[models.Model]]:
    return set(_registered)


def erase_history(model: type[models.Model], pk: object) -> int:
    """Delete the admin's log entries about one record; how many were deleted."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    deleted, _ = ModelLogEntry.objects.filter(content_type=content_type, object_id=str(pk)).delete()
    return deleted


def _erase_history(sender, instance, **kwargs) -> None:
    pk = instance.pk
    erase_history(sender, pk)
    # Wagtail's delete view logs the deletion itself once the row is gone: that entry,
    # with the person's name as its label, goes too once the transaction commits.
    transaction.on_commit(lambda: erase_history(sender, pk))
