"""A meeting's whole agenda pack as one PDF: its general papers, then each item's, in the
agenda's order, as ModernGov's "agenda pack" download gives them."""

import io

from townhall.council.models import Meeting, MeetingPaper


def papers_in_order(meeting: Meeting) -> list[MeetingPaper]:
    general = list(meeting.papers.filter(agenda_item=None).select_related("document"))
    by_item = list(
        meeting.papers.exclude(agenda_item=None)
        .exclude(agenda_item__draft=True)
        .select_related("document", "agenda_item")
        .order_by("agenda_item__number", "kind", "pk")
    )
    return general + by_item


def agenda_pack(meeting: Meeting) -> tuple[bytes, list[str]]:
    """The PDF, and the titles of papers left out because they are not PDFs (or cannot be
    read), which the pack's page says."""
    # Imported here, only in a process asked for a pack: pypdf adds 19 MB to a process
    # (council.services.papers); the page cache and the proxy keep the pack itself.
    from pypdf import PdfWriter
    from pypdf.errors import PdfReadError, PdfStreamError

    writer = PdfWriter()
    left_out = []
    for paper in papers_in_order(meeting):
        name = paper.document.file.name.lower()
        if not name.endswith(".pdf"):
            left_out.append(paper.document.title)
            continue
        try:
            with paper.document.open_file() as handle:
                writer.append(io.BytesIO(handle.read()), outline_item=paper.document.title)
        except (PdfReadError, PdfStreamError, OSError, ValueError):
            left_out.append(paper.document.title)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), left_out
