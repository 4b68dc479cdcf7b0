"""Small pieces every part of the sync uses: a unit of work stored whole or not at all (and
never in a dry run), fields set only where they differ, and slugs that do not collide."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils.text import slugify


@dataclass
class Written:
    """Files a unit stored (papers, photos): the storage must forget them when the database
    does, or a refused meeting leaves its papers on disk."""

    files: list[tuple] = field(default_factory=list)

    def keep(self, file: FieldFile) -> None:
        self.files.append((file.storage, file.name))

    def delete(self) -> None:
        for storage, name in self.files:
            storage.delete(name)
        self.files.clear()


@contextmanager
def unit(dry_run: bool) -> Iterator[Written]:
    """One transaction: all of it is stored, or (an error, or a dry run) none of it, files
    included."""
    written = Written()
    try:
        with transaction.atomic():
            yield written
            if dry_run:
                transaction.set_rollback(True)
    except BaseException:
        written.delete()
        raise
    if dry_run:
        written.delete()


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
