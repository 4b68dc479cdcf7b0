"""Records that hold a person's name or address, and what erasing one also erases: the
admin's history of it (Wagtail keeps each record's label, the person's name, in its log,
shown in the site history report) and the queued emails to them. Apps register their
models; deleting a row by any route (the admin, the person's own link, an account being
closed) then leaves no copy behind."""

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.signals import post_delete
from wagtail.models import ModelLogEntry

_registered: set[type[models.Model]] = set()


def holds_personal_data(model: type[models.Model]) -> type[models.Model]:
    """Class decorator for a model whose rows are about one person."""
    _registered.add(model)
    post_delete.connect(_erase_history, sender=model, dispatch_uid=f"erase-{model._meta.label}")
    return model


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
