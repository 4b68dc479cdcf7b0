"""Reading the text of PDF papers once, page by page, in a background task.

A paper of hundreds of pages is read by a task worker, never in anyone's request. A damaged
or password-protected PDF is still a document people can download; its text record says why
it could not be read, and officers see that in the admin.
"""

import logging
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext, gettext_noop
from django_tasks import task
from wagtail.documents import get_document_model
from wagtail.search.backends import get_search_backend

from townhall.core import pagecache
from townhall.council.models import MeetingPaper, PaperPage, PaperText
from townhall.council.tags import COUNCIL_TAG

if TYPE_CHECKING:
    from pypdf import PdfReader

log = logging.getLogger(__name__)
MAX_PAGES = 3000  # longer files are read up to here; the page count is still exact
MAX_PAGE_TEXT = 50_000  # characters kept per page: a page of small print is about 10,000
BATCH = 200
# Kept with the paper's text and shown to officers: written in the language of the worker
# that reads the paper (the site's own), so marked here and translated when kept.
ENCRYPTED = gettext_noop(
    "The PDF is protected by a password, so its text cannot be read and it will not appear "
    "in search results. Upload a copy without a password to make it searchable."
)
DAMAGED = gettext_noop(
    "The file could not be read as a PDF (%(detail)s). It can still be downloaded, but its "
    "text will not appear in search results. Upload it again, or save it afresh as a PDF."
)


def file_key(document) -> str:
    """Which upload of a document's file this is: a new upload is read again."""
    return document.file_hash or f"{document.file.name}:{document.file_size}"


def is_pdf(document) -> bool:
    return document.file.name.lower().endswith(".pdf")


def queue_reading(document) -> None:
    """Mark a PDF's text as waiting and read it after the upload commits (once per upload)."""
    if not is_pdf(document):
        return
    key = file_key(document)
    record, created = PaperText.objects.get_or_create(document=document, defaults={"file_key": key})
    if not created and record.file_key == key and record.state != PaperText.State.WAITING:
        return
    if not created:
        PaperText.objects.filter(pk=record.pk).update(
            file_key=key, state=PaperText.State.WAITING, problem=""
        )
    document_id = document.pk
    transaction.on_commit(lambda: read_paper.enqueue(document_id))


def _page_texts(reader: "PdfReader"):
    for number, page in enumerate(reader.pages[:MAX_PAGES], start=1):
        try:
            text = page.extract_text() or ""
        except Exception:  # one unreadable page must not lose the others
            log.warning("Page %s of a paper could not be read", number, exc_info=True)
            text = ""
        yield number, " ".join(text.split())[:MAX_PAGE_TEXT]


def _fail(record: PaperText, problem: str) -> None:
    record.state, record.problem = PaperText.State.FAILED, problem[:300]
    record.save(update_fields=["state", "problem", "updated_at"])


def read_text(document) -> PaperText:
    """Read the document's PDF, replacing any earlier text of it; returns the outcome."""
    # Imported here, in the worker that reads papers: pypdf adds 19 MB to every process
    # that imports it, and the web processes never read a PDF.
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError, PdfStreamError

    record, _ = PaperText.objects.get_or_create(
        document=document, defaults={"file_key": file_key(document)}
    )
    try:
        with document.open_file() as handle:
            reader = PdfReader(handle, strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                _fail(record, gettext(ENCRYPTED))
                return record
            page_count = len(reader.pages)
            backend = get_search_backend()
            with transaction.atomic():
                PaperPage.objects.filter(document=document).delete()
                batch = []
                for number, text in _page_texts(reader):
                    batch.append(PaperPage(document=document, number=number, text=text))
                    if len(batch) == BATCH:
                        backend.add_bulk(PaperPage, PaperPage.objects.bulk_create(batch))
                        batch = []
                if batch:
                    backend.add_bulk(PaperPage, PaperPage.objects.bulk_create(batch))
                record.state, record.problem = PaperText.State.READ, ""
                record.page_count = page_count
                record.save(update_fields=["state", "problem", "page_count", "updated_at"])
                MeetingPaper.objects.filter(document=document).update(page_count=page_count)
            pagecache.invalidate(COUNCIL_TAG)  # meeting pages show the page counts
    except FileNotDecryptedError:
        _fail(record, gettext(ENCRYPTED))
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError) as error:
        _fail(record, gettext(DAMAGED) % {"detail": str(error)[:120] or type(error).__name__})
    except OSError as error:
        missing = gettext("the stored file is missing: %(reason)s") % {"reason": error.strerror}
        _fail(record, gettext(DAMAGED) % {"detail": missing})
    return record


@task()
def read_paper(document_id: int) -> str:
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return "gone"
    return read_text(document).state
