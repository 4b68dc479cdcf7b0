"""PDF papers: their text read once, page by page, in the background; search by page."""

import io

import pytest
from pypdf import PdfReader, PdfWriter

from townhall.council.models import Decision, Meeting, MeetingPaper, PaperPage, PaperText
from townhall.council.services.papers import DAMAGED, ENCRYPTED
from townhall.council.services.search import search_council
from townhall.demo.pdf import pdf_document

pytestmark = pytest.mark.django_db

PHRASE = "zebra crossings outside every primary school"


def _pages(count: int, *, phrase_on: int) -> list[list[str]]:
    return [
        [f"Section {number} of the report."] + ([PHRASE] if number == phrase_on else [])
        for number in range(1, count + 1)
    ]


def _encrypted() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_document("Secret", [["text"]]))))
    writer.encrypt(user_password="letmein", algorithm="RC4-128")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def test_a_generated_multi_page_pdf_is_read_page_by_page(
    upload, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = upload(
            "Road safety report", pdf_document("Road safety", _pages(12, phrase_on=7))
        )
    text = PaperText.objects.get(document=document)
    assert (text.state, text.page_count, text.problem) == ("read", 12, "")
    pages = PaperPage.objects.filter(document=document)
    assert pages.count() == 12
    assert PHRASE in pages.get(number=7).text and PHRASE not in pages.get(number=6).text


def test_search_finds_the_page_and_the_decision_the_paper_belongs_to(
    upload, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = upload("Road safety report", pdf_document("Road safety", _pages(5, phrase_on=4)))
    decision = Decision.objects.get(title__startswith="Library strategy")
    decision.papers.add(document)
    results = search_council("Zebra crossings outside every primary school")
    assert [(hit.document, hit.pages) for hit in results.papers] == [(document, [4])]
    assert results.papers[0].decisions == [decision]
    assert results.papers[0].page_url(4) == f"{document.url}#page=4"
    assert not results.decisions  # the phrase is only inside the PDF


def test_the_search_page_links_to_the_page_and_the_decision(
    client, upload, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = upload("Road safety report", pdf_document("Road safety", _pages(5, phrase_on=2)))
    decision = Decision.objects.get(title__startswith="Library strategy")
    decision.papers.add(document)
    html = client.get("/democracy/search/", {"q": "zebra crossings"}).content.decode()
    assert f'href="{document.url}#page=2"' in html
    assert f'href="{decision.get_absolute_url()}?q=zebra%20crossings#matches"' in html
    on_decision = client.get(decision.get_absolute_url(), {"q": "zebra crossings"})
    assert (
        f'href="{document.url}#page=2">Road safety report, page 2' in on_decision.content.decode()
    )


def test_a_meeting_papers_page_count_is_filled_in_when_it_is_read(
    upload, django_capture_on_commit_callbacks
):
    meeting = Meeting.objects.get(committee__slug="cabinet", status="held")
    with django_capture_on_commit_callbacks(execute=True):
        document = upload("Order paper", pdf_document("Order paper", _pages(260, phrase_on=1)))
    paper = MeetingPaper.objects.create(meeting=meeting, document=document)
    assert paper.page_count == 260


def test_uploading_a_new_file_reads_it_again(upload, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = upload("Report", pdf_document("Report", _pages(3, phrase_on=1)))
    meeting = Meeting.objects.get(committee__slug="cabinet", status="held")
    paper = MeetingPaper.objects.create(meeting=meeting, document=document)
    from django.core.files.base import ContentFile

    with django_capture_on_commit_callbacks(execute=True):
        document.file.save(
            "report-v2.pdf", ContentFile(pdf_document("Report", _pages(2, phrase_on=2)))
        )
    paper.refresh_from_db()
    assert paper.page_count == 2
    assert PaperPage.objects.filter(document=document).count() == 2


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"%PDF-1.4\nthis is not really a PDF at all", DAMAGED.split("(")[0]),
        (b"", DAMAGED.split("(")[0]),
        (pdf_document("Cut short", [["words"]])[:200], DAMAGED.split("(")[0]),
        (_encrypted(), ENCRYPTED),
    ],
)
def test_a_pdf_that_cannot_be_read_is_kept_and_the_reason_recorded(
    upload, django_capture_on_commit_callbacks, client, data, problem
):
    with django_capture_on_commit_callbacks(execute=True):
        document = upload("Unreadable paper", data)
    text = PaperText.objects.get(document=document)
    assert text.state == "failed" and text.problem.startswith(problem)
    assert not PaperPage.objects.filter(document=document).exists()
    assert client.get(document.url).status_code == 200  # still downloadable


def test_officers_are_told_which_papers_could_not_be_read(
    as_user, upload, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload("Locked paper", _encrypted())
    client = as_user("council-officer")
    home = client.get("/admin/").content.decode()
    assert "Papers whose text could not be read" in home and "Locked paper" in home
    assert "protected by a password" in home
    listing = client.get("/admin/papertext/?state=failed").content.decode()
    assert "Locked paper" in listing
    assert client.get("/admin/papertext/new/").status_code in (302, 403)  # not editable


def test_campaign_editors_see_no_council_paper_panel(
    as_user, upload, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload("Locked paper", _encrypted())
    assert "Locked paper" not in as_user("alliance-editor").get("/admin/").content.decode()


def test_documents_that_are_not_pdfs_are_left_alone(upload, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = upload("Minutes", b"Plain text minutes", name="minutes.txt")
    assert not PaperText.objects.filter(document=document).exists()
