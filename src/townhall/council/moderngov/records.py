"""Small pieces every part of the sync uses: a unit of work stored whole or not at all (and
never in a dry run), fields set only where they differ, and slugs that do not collide."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import models, transaction
from django.utils.text import slugify


@contextmanager
def unit(dry_run: bool) -> Iterator[None]:
    """One transaction: all of it is stored, or (an error, or a dry run) none of it."""
    with transaction.atomic():
        yield
        if dry_run:
            transaction.set_rollback(True)


def differing(record: models.Model, values: dict) -> list[str]:
    """Set each value that differs from the record's; the names of those changed."""
    changed = []
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed.append(name)
    return changed


def unique_slug(model: type[models.Model], name: str, moderngov_id: int, length: int) -> str:
    slug = slugify(name)[:length].strip("-") or f"{model._meta.model_name}-{moderngov_id}"
    if model.objects.filter(slug=slug).exists():
        slug = f"{slug[: length - 12].strip('-')}-{moderngov_id}"
    return slug
