"""Bringing a WordPress site's images across from a copy of its uploads on this machine.

A WordPress export names its files by address (wp:attachment_url, <img src>) but does not hold
them. The importer reads them only from a folder given with --media-dir (a copy of the old
site's wp-content/uploads): never from the network, so an export cannot make the server fetch
an address of its choosing. An address is looked for in the folder by its path after
/wp-content/uploads/ (or /files/, as old WordPress networks wrote it), then by its whole path;
a file:// address must lie inside the folder.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files import File
from django.utils.translation import gettext as _
from PIL import Image as PillowImage
from PIL import UnidentifiedImageError
from wagtail.images import get_image_model

from townhall.core.models import Organisation
from townhall.wordpress.models import ImportedItem
from townhall.wordpress.wxr import WxrItem

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
_UPLOADS = re.compile(r"/(?:wp-content/uploads|files)/(.+)$")
_SIZED = re.compile(r"-\d+x\d+(\.\w+)$")  # WordPress's resized copies: photo-300x200.jpg


class MediaMissing(Exception):
    """A file the export names that the import cannot bring, and why not."""

    def __init__(self, address: str, reason: str) -> None:
        super().__init__(f"{address}: {reason}")
        self.address, self.reason = address, reason


@dataclass
class MediaLibrary:
    organisation: Organisation
    site: str
    attachments: dict[int, WxrItem]
    folder: Path | None = None
    created: list = field(default_factory=list)  # images made by this import, to undo
    _by_path: dict[Path, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.folder = self.folder.resolve() if self.folder else None
        self._by_address = {
            _address_key(a.attachment_url): a for a in self.attachments.values() if a.attachment_url
        }

    def attachment_for(self, address: str) -> WxrItem | None:
        key = _address_key(address)
        return self._by_address.get(key) or self._by_address.get(_SIZED.sub(r"\1", key))

    def image_for_attachment(self, number: int):
        """The Wagtail image for attachment `number`, made once however often it is used."""
        attachment = self.attachments.get(number)
        if attachment is None or not attachment.attachment_url:
            raise MediaMissing(
                _("attachment %(number)s") % {"number": number}, _("not in the export")
            )
        record = ImportedItem.objects.filter(
            organisation=self.organisation,
            site=self.site,
            kind="attachment",
            wordpress_id=number,
            image__isnull=False,
        ).first()
        if record is not None:
            return record.image
        image = self._image(attachment.attachment_url, attachment.title)
        ImportedItem.objects.get_or_create(
            organisation=self.organisation,
            site=self.site,
            kind="attachment",
            wordpress_id=number,
            defaults={"image": image},
        )
        return image

    def image_for_address(self, address: str, title: str = ""):
        attachment = self.attachment_for(address)
        if attachment is not None:
            try:
                return self.image_for_attachment(attachment.id)
            except MediaMissing:
                pass  # a resized copy may be there though the original is not
        return self._image(address, title)

    def _image(self, address: str, title: str):
        path = self.local_file(address)
        if path in self._by_path:
            return self._by_path[path]
        _check_image(path, address)
        Image = get_image_model()
        image = Image(title=(title or path.stem)[:255], collection=self.organisation.collection)
        with path.open("rb") as file:
            image.file.save(path.name, File(file), save=False)
            image.save()
        self.created.append(image)
        self._by_path[path] = image
        return image

    def local_file(self, address: str) -> Path:
        if self.folder is None:
            raise MediaMissing(address, _("no --media-dir given"))
        for candidate in self._candidates(address):
            path = (self.folder / candidate).resolve()
            if path.is_relative_to(self.folder) and path.is_file():
                return path
        raise MediaMissing(address, _("not found in %(folder)s") % {"folder": self.folder})

    def _candidates(self, address: str) -> list[str]:
        parts = urlsplit(address.strip())
        path = unquote(parts.path)
        if parts.scheme == "file":
            return [path]  # absolute: resolved, then refused unless inside the folder
        found = _UPLOADS.search(path)
        names = [found.group(1)] if found else []
        names.append(path.lstrip("/"))
        return names + [_SIZED.sub(r"\1", n) for n in names if _SIZED.search(n)]

    def mark(self) -> int:
        """Where the images made so far end, for `undo(since=...)`."""
        return len(self.created)

    def undo(self, since: int = 0) -> None:
        """Remove the files of images made by an import, or by one of its items, that was
        rolled back (a failure, or a dry run): the database forgets them, and the storage
        and this library must too, so a later item makes its image again."""
        undone = self.created[since:]
        for image in undone:
            image.file.storage.delete(image.file.name)
        del self.created[since:]
        self._by_path = {
            path: image
            for path, image in self._by_path.items()
            if not any(image is gone for gone in undone)
        }


def _address_key(address: str) -> str:
    parts = urlsplit(address.strip())
    return f"{parts.netloc.lower()}{unquote(parts.path)}"


def _check_image(path: Path, address: str) -> None:
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise MediaMissing(address, _("not an image file"))
    if path.stat().st_size > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE:
        raise MediaMissing(address, _("larger than images may be"))
    try:
        with PillowImage.open(path) as picture:
            picture.verify()
    except (
        UnidentifiedImageError,
        PillowImage.DecompressionBombError,
        OSError,
        SyntaxError,
    ) as error:
        raise MediaMissing(address, _("not a readable image")) from error
