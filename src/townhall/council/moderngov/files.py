"""Papers and photos from ModernGov, fetched before a meeting's or a councillor's changes are
stored (so that a file that cannot be had changes nothing) and kept as Wagtail documents and
images. A paper is read for search like any uploaded PDF (services.papers, after commit)."""

import mimetypes
import os
import warnings
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.files import File
from django.core.files.images import ImageFile
from django.utils.translation import gettext as _
from PIL import Image as PillowImage
from PIL import UnidentifiedImageError
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from townhall.council.moderngov.answers import LinkedDoc
from townhall.council.moderngov.site import ModernGovError, ModernGovSite

PDF_MAGIC = b"%PDF-"
WAGTAIL_MAX_PIXELS = 128 * 1000000  # Wagtail's own default for WAGTAILIMAGES_MAX_IMAGE_PIXELS


@dataclass
class Fetched:
    """A downloaded file waiting to be stored."""

    content: IO[bytes]
    extension: str
    size: tuple[int, int] = (0, 0)  # an image's width and height

    def close(self) -> None:
        self.content.close()


def fetch_paper(site: ModernGovSite, doc: LinkedDoc) -> Fetched:
    what = _("paper %(title)r (attachment %(id)s)") % {"title": doc.title, "id": doc.id}
    content, kind = site.download(doc.url, what)
    start = content.read(len(PDF_MAGIC))
    content.seek(0)
    if start == PDF_MAGIC:
        return Fetched(content, ".pdf")
    if kind in ("text/html", "application/xhtml+xml"):
        content.close()  # a sign-in or error page, not the paper
        raise ModernGovError(
            _("%(what)s: the site answered a web page, not the paper") % {"what": what}
        )
    return Fetched(content, mimetypes.guess_extension(kind) or ".bin")


def fetch_photo(site: ModernGovSite, url: str, name: str) -> Fetched:
    what = _("photo of %(name)s") % {"name": name}
    content, _kind = site.download(url, what)
    try:
        size_limit(content, what)
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it: that is refused too, below.
            warnings.simplefilter("error", PillowImage.DecompressionBombWarning)
            with PillowImage.open(content) as image:
                pixel_limit(image.size, what)
                image.verify()
                extension, size = f".{(image.format or 'jpeg').lower()}", image.size
    except (
        UnidentifiedImageError,
        PillowImage.DecompressionBombError,
        PillowImage.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ) as error:
        content.close()
        raise ModernGovError(
            _("%(what)s: not an image (%(error)s)") % {"what": what, "error": error}
        ) from error
    except ModernGovError:
        content.close()
        raise
    content.seek(0)
    return Fetched(content, extension, size)


def size_limit(content: IO[bytes], what: str) -> None:
    """The site's limit on uploaded images (WAGTAILIMAGES_MAX_UPLOAD_SIZE) holds for photos."""
    limit = getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", None)
    size = content.seek(0, os.SEEK_END)
    content.seek(0)
    if limit and size > limit:
        raise ModernGovError(
            _("%(what)s: larger than %(limit)d bytes, the most an image may be")
            % {"what": what, "limit": limit}
        )


def pixel_limit(size: tuple[int, int], what: str) -> None:
    """Wagtail's limit on an image's pixels, and never past Pillow's own warning: checked
    from the header, before anything is decoded."""
    limit = min(
        getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", WAGTAIL_MAX_PIXELS),
        PillowImage.MAX_IMAGE_PIXELS or WAGTAIL_MAX_PIXELS,
    )
    if size[0] * size[1] > limit:
        raise ModernGovError(
            _("%(what)s: %(width)d x %(height)d is more than %(limit)d pixels")
            % {"what": what, "width": size[0], "height": size[1], "limit": limit}
        )


def store_paper(fetched: Fetched, doc: LinkedDoc):
    document = get_document_model()(
        title=doc.title[:255] or _("Attachment %(id)s") % {"id": doc.id}
    )
    document.file.save(f"moderngov-{doc.id}{fetched.extension}", File(fetched.content), save=False)
    document._set_document_file_metadata()  # its hash: which upload of the file was read
    document.save()  # services.papers reads its text after commit
    return document


def store_photo(fetched: Fetched, councillor_id: int, name: str):
    image = get_image_model()(title=name[:255])
    image.file.save(
        f"moderngov-councillor-{councillor_id}{fetched.extension}",
        ImageFile(fetched.content),
        save=False,
    )
    image.width, image.height = fetched.size  # as Pillow read them when checking the file
    image._set_image_file_metadata()
    image.save()
    return image
