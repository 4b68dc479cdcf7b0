"""Bringing a ModernGov site in: recorded answers served by a real local server."""

import io
import re
import zlib
from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DataError
from django.utils import timezone
from PIL import Image
from wagtail.documents import get_document_model

from tests.council.moderngov_server import FIXTURES, Answer, paper_text
from townhall.council.models import (
    AgendaItem,
    Committee,
    Councillor,
    Decision,
    Meeting,
    MeetingPaper,
    Membership,
    PaperPage,
)
from townhall.council.moderngov.sync import Window, sync_site

pytestmark = pytest.mark.django_db

WINDOW = Window(date(2025, 1, 1), date(2031, 12, 31))
NEVER_SHOWN = ("exempt", "Held back", "Sold for the sum", "Objector", "Not yet for the public")


def sync(site, **options):
    return sync_site(site.url, WINDOW, timeout=options.pop("timeout", 5), **options)


def recorded(name: str) -> str:
    return (FIXTURES / f"{name}.xml").read_text()


def set_in(body: str, anchor: str, name: str, value: str) -> str:
    """The answer with the first <name> after `anchor` (in its element) set to `value`."""
    start = body.index(anchor) if anchor else 0
    before, after = body[:start], body[start:]
    return before + re.sub(f"<{name}>[^<]*</{name}>", f"<{name}>{value}</{name}>", after, count=1)


def meeting(moderngov_id: int) -> Meeting:
    return Meeting.objects.get(moderngov_id=moderngov_id)


def test_a_first_sync_brings_the_site_in(moderngov):
    cabinet_before = Committee.objects.get(name="Cabinet").pk
    report = sync(moderngov)
    assert report.refused == []
    # Committees: the officers' own "Cabinet" and "Full Council" are taken over, not doubled.
    cabinet = Committee.objects.get(moderngov_id=101)
    assert cabinet.pk == cabinet_before
    assert Committee.objects.filter(name="Cabinet").count() == 1
    assert Committee.objects.get(moderngov_id=102).name == "Planning Committee (illustrative)"
    assert Committee.objects.get(moderngov_id=104).ended_upstream == "expired"
    assert not Committee.objects.filter(moderngov_id=105).exists()  # deleted, never seen
    # Meetings: 2004 is not for display.
    assert set(
        Meeting.objects.exclude(moderngov_id=None).values_list("moderngov_id", "status")
    ) == {
        (2001, "held"),
        (2002, "cancelled"),
        (2003, "scheduled"),
        (2005, "held"),
    }
    held = meeting(2001)
    assert held.venue == "Committee Room 1, Hendon Town Hall, The Burroughs, London NW4 4BG"
    assert [(item.number, item.moderngov_id) for item in held.agenda.all()] == [
        (1, 3001),
        (2, 3002),
        (5, 3005),
    ]
    assert held.minutes == "draft"
    assert "Apologies were received from Councillor Bea Example." in held.minutes_text
    # Papers: the public ones only, each read for search like any upload.
    assert set(MeetingPaper.objects.values_list("moderngov_id", flat=True)) >= {4001, 4005, 4006}
    asked = " ".join(moderngov.asked)
    for hidden in (4002, 4003, 4004, 4008):
        assert f"ID={hidden}" not in asked
    # Decisions: published ones on public items.
    assert set(
        Decision.objects.exclude(moderngov_id=None).values_list("moderngov_id", flat=True)
    ) == {
        3002,
        3006,
    }
    strategy = Decision.objects.get(moderngov_id=3002)
    assert (
        strategy.summary
        == "RESOLVED that the library strategy be agreed.\n\n1. Branch hours to be kept."
    )
    assert strategy.decided_on == date(2025, 7, 15)
    assert [d.title for d in strategy.papers.all()] == ["Library strategy report (illustrative)"]
    # Councillors, by ward; attendance; members from the latest meeting listing them.
    ada = Councillor.objects.get(moderngov_id=501)
    assert (ada.name, ada.ward.name, ada.party) == ("Ada Example", "Barnet Vale", "Example Party")
    assert ada.photo is not None and ada.photo.width == 8
    assert Councillor.objects.get(moderngov_id=503).ward.name == "Burnt Oak"
    assert Councillor.objects.get(moderngov_id=504).ward is None
    assert any("Nowhere Heath" in note for note in report.notes)
    assert {c.moderngov_id for c in held.attended.all()} == {501, 503}
    assert set(
        Membership.objects.filter(committee=cabinet)
        .exclude(moderngov_id=None)
        .values_list("councillor__moderngov_id", "role", "starts_on", "ends_on")
    ) == {
        (501, "chair", date(2025, 7, 15), None),
        (502, "vice-chair", date(2025, 7, 15), None),
        (503, "member", date(2025, 7, 15), None),
    }


def test_times_are_the_boroughs_in_summer_and_in_winter(moderngov):
    sync(moderngov)
    assert meeting(2001).starts_at == datetime(2025, 7, 15, 18, 0, tzinfo=UTC)  # 7 pm BST
    assert meeting(2005).starts_at == datetime(2026, 2, 5, 19, 0, tzinfo=UTC)  # 7 pm GMT
    assert timezone.localtime(meeting(2001).starts_at).hour == 19


def test_restricted_and_not_for_display_things_never_appear(moderngov, client):
    sync(moderngov)
    stored = [
        *AgendaItem.objects.values_list("title", "text"),
        *Meeting.objects.values_list("minutes_text", "venue"),
        *Decision.objects.values_list("title", "summary"),
        *get_document_model().objects.values_list("title", "file"),
    ]
    text = " ".join(str(value) for row in stored for value in row)
    for words in NEVER_SHOWN:
        assert words not in text
    assert not Meeting.objects.filter(starts_at__date=date(2025, 11, 3)).exists()
    page = client.get(meeting(2001).get_absolute_url()).content.decode()
    assert "Library strategy 2025 to 2030" in page
    for words in NEVER_SHOWN:
        assert words not in page


def test_word_html_is_shown_as_plain_paragraphs(moderngov, client):
    sync(moderngov)
    item = AgendaItem.objects.get(moderngov_id=3002)
    assert item.text == (
        "<p>To agree the <b>library strategy</b> for the next five years.</p>"
        "<p>Report of the Director of Communities &amp; Leisure.</p>"
    )
    page = client.get(meeting(2001).get_absolute_url()).content.decode()
    assert "To agree the <b>library strategy</b>" in page
    assert "MsoNormal" not in page and "alert(1)" not in page
    # A paper that is a web address is a link in the item's text.
    planning = AgendaItem.objects.get(moderngov_id=3006)
    assert (
        '<a href="https://planning.example.gov.uk/applications/25-1234">'
        "The application on the planning portal</a>" in planning.text
    )


def test_a_paper_on_another_site_is_a_link_never_fetched(moderngov):
    moderngov.answers["GetMeeting-2005"] = Answer(
        recorded("GetMeeting-2005")
        .replace("mgConvert2PDF.aspx?ID=4006", "https://elsewhere.example.org/report.pdf")
        .encode()
    )
    assert sync(moderngov).refused == []
    assert not MeetingPaper.objects.filter(moderngov_id=4006).exists()
    assert '<a href="https://elsewhere.example.org/report.pdf">Officer' in (
        AgendaItem.objects.get(moderngov_id=3006).text
    )


def test_a_cancelled_meeting_shows_as_cancelled(moderngov, client):
    sync(moderngov)
    page = client.get(meeting(2002).get_absolute_url()).content.decode()
    assert "Cancelled" in page
    assert "The agenda has not been published yet." in page


def test_papers_are_read_for_search(moderngov, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sync(moderngov)
    paper = MeetingPaper.objects.get(moderngov_id=4001)
    assert paper.document.file.name.endswith(".pdf")
    pages = PaperPage.objects.filter(document=paper.document)
    assert [page.text for page in pages] == [f"Attachment 4001 {paper_text(4001)}"]


def test_a_second_run_updates_and_never_duplicates(moderngov):
    sync(moderngov)
    counts = [
        model.objects.count()
        for model in (
            Committee,
            Councillor,
            Meeting,
            AgendaItem,
            MeetingPaper,
            Decision,
            Membership,
        )
    ]
    documents = get_document_model().objects.count()
    again = sync(moderngov)
    assert (dict(again.added), dict(again.changed), dict(again.removed), again.refused) == (
        {},
        {},
        {},
        [],
    )
    assert counts == [
        model.objects.count()
        for model in (
            Committee,
            Councillor,
            Meeting,
            AgendaItem,
            MeetingPaper,
            Decision,
            Membership,
        )
    ]
    assert get_document_model().objects.count() == documents
    assert sum("mgConvert2PDF" in path for path in moderngov.asked) == 3  # each paper once
    moderngov.answers["GetMeeting-2001"] = Answer(
        recorded("GetMeeting-2001")
        .replace("Committee Room 1", "Council Chamber")
        .replace("Apologies for absence", "Apologies")
        .encode()
    )
    changed = sync(moderngov)
    assert dict(changed.changed) == {"meeting": 1, "agenda item": 1}
    assert meeting(2001).venue.startswith("Council Chamber")
    assert AgendaItem.objects.get(moderngov_id=3001).title == "Apologies"


def test_items_that_change_places_keep_their_records(moderngov):
    sync(moderngov)
    first, second = (AgendaItem.objects.get(moderngov_id=i).pk for i in (3001, 3002))
    swapped = (
        recorded("GetMeeting-2001")
        .replace(
            "<agendaitemnumber> 1</agendaitemnumber>", "<agendaitemnumber> 9</agendaitemnumber>"
        )
        .replace(
            "<agendaitemnumber> 2</agendaitemnumber>", "<agendaitemnumber> 1</agendaitemnumber>"
        )
        .replace(
            "<agendaitemnumber> 9</agendaitemnumber>", "<agendaitemnumber> 2</agendaitemnumber>"
        )
    )
    moderngov.answers["GetMeeting-2001"] = Answer(swapped.encode())
    assert sync(moderngov).refused == []
    assert AgendaItem.objects.get(pk=first).number == 2
    assert AgendaItem.objects.get(pk=second).number == 1


def test_upstream_deletions_show_as_such(moderngov, client):
    sync(moderngov)
    moderngov.answers["GetMeetings-101"] = Answer(
        recorded("GetMeetings-101")
        .replace("<meetingid> 2003</meetingid>", "<meetingid> 2099</meetingid>")
        .encode()
    )
    moderngov.answers["GetMeeting-2099"] = Answer(
        recorded("GetMeeting-2003")
        .replace("<meetingid> 2003</meetingid>", "<meetingid> 2099</meetingid>")
        .encode()
    )
    moderngov.answers["GetCommittees"] = Answer(
        set_in(recorded("GetCommittees"), "<committeeid> 102", "committeedeleted", "True").encode()
    )
    moderngov.answers["GetCouncillorsByWard"] = Answer(
        recorded("GetCouncillorsByWard")
        .replace("<councillorid> 504</councillorid>", "<councillorid> 505</councillorid>")
        .encode()
    )
    report = sync(moderngov)
    assert report.refused == []
    gone = meeting(2003)
    assert gone.removed_upstream_on == timezone.localdate()
    assert "removed from the council" in client.get(gone.get_absolute_url()).content.decode()
    planning = Committee.objects.get(moderngov_id=102)
    assert planning.ended_upstream == "deleted"
    assert "no longer meets" in client.get(planning.get_absolute_url()).content.decode()
    assert "no longer meets" in client.get("/democracy/committees/").content.decode()
    dee = Councillor.objects.get(moderngov_id=504)
    assert dee.removed_upstream_on == timezone.localdate()
    listing = client.get("/democracy/councillors/").content.decode()
    assert dee.get_absolute_url() not in listing
    assert "no longer" in client.get(dee.get_absolute_url()).content.decode()
    assert report.removed["meeting"] == 1 and report.removed["councillor"] == 1


def test_an_item_restricted_later_is_taken_down_with_its_papers_and_decision(moderngov, client):
    sync(moderngov)
    paper = MeetingPaper.objects.get(moderngov_id=4001)
    document_id = paper.document_id
    moderngov.answers["GetMeeting-2001"] = Answer(
        set_in(recorded("GetMeeting-2001"), "<agendaitemid> 3002", "isrestricted", "True").encode()
    )
    report = sync(moderngov)
    assert not AgendaItem.objects.filter(moderngov_id=3002).exists()
    assert not Decision.objects.filter(moderngov_id=3002).exists()
    assert not MeetingPaper.objects.filter(moderngov_id=4001).exists()
    assert not get_document_model().objects.filter(pk=document_id).exists()
    assert "library strategy be agreed" not in meeting(2001).minutes_text
    assert report.removed["agenda item"] == 1
    page = client.get(meeting(2001).get_absolute_url()).content.decode()
    assert "Library strategy" not in page


def test_a_meeting_no_longer_for_display_is_taken_down(moderngov):
    sync(moderngov)
    moderngov.answers["GetMeeting-2001"] = Answer(
        set_in(recorded("GetMeeting-2001"), "", "isdisplayallowed", "False").encode()
    )
    sync(moderngov)
    taken_down = meeting(2001)
    assert taken_down.removed_upstream_on is not None
    assert (taken_down.agenda.count(), taken_down.papers.count(), taken_down.minutes_text) == (
        0,
        0,
        "",
    )


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (Answer(b"<meeting><meetingid> 2001</meetingid>"), "not well-formed XML"),
        (Answer(b"Server Error", status=500), "HTTP 500 Internal Server Error"),
        (Answer(hang=True), "no answer within 0.3 s"),
    ],
    ids=["bad XML", "HTTP 500", "timeout"],
)
def test_a_bad_answer_changes_nothing_for_its_meeting(moderngov, answer, error):
    sync(moderngov)
    before = meeting(2001)
    moderngov.answers["GetMeeting-2001"] = answer
    moderngov.answers["GetMeeting-2005"] = Answer(
        recorded("GetMeeting-2005").replace("Council Chamber", "Room 3").encode()
    )
    report = sync(moderngov, timeout=0.3)
    assert len(report.refused) == 1
    assert report.refused[0].startswith("GetMeeting (lMeetingId=2001): ")
    assert error in report.refused[0]
    assert report.refused[0].endswith("nothing was changed for meeting 2001 of Cabinet")
    after = meeting(2001)
    assert (after.venue, after.agenda.count(), after.removed_upstream_on) == (before.venue, 3, None)
    assert meeting(2005).venue == "Room 3"  # the others went on


def test_a_paper_that_cannot_be_had_refuses_its_whole_meeting(moderngov):
    moderngov.answers["paper-4005"] = Answer(b"gone", status=404)
    report = sync(moderngov)
    assert report.refused == [
        "paper 'Budget monitoring report (illustrative)' (attachment 4005): HTTP 404 Not Found: "
        "nothing was changed for meeting 2001 of Cabinet"
    ]
    assert not Meeting.objects.filter(moderngov_id=2001).exists()
    assert not MeetingPaper.objects.filter(moderngov_id=4001).exists()
    assert Meeting.objects.filter(moderngov_id=2005).exists()


def test_a_sign_in_page_instead_of_a_paper_is_refused(moderngov):
    moderngov.answers["paper-4001"] = Answer(b"<html>Sign in</html>", content_type="text/html")
    report = sync(moderngov)
    assert "the site answered a web page, not the paper" in report.refused[0]
    assert not Meeting.objects.filter(moderngov_id=2001).exists()


def test_councillors_that_cannot_be_had_leave_them_be_and_the_rest_goes_on(moderngov):
    moderngov.answers["GetCouncillorsByWard"] = Answer(b"<councillorsbyward><wards>", status=200)
    report = sync(moderngov)
    assert report.refused == [
        "GetCouncillorsByWard: the answer is not well-formed XML (no element found: line 1, "
        "column 26): nothing was changed for the councillors"
    ]
    assert not Councillor.objects.exclude(moderngov_id=None).exists()
    assert Meeting.objects.filter(moderngov_id=2001).exists()


def test_an_empty_list_of_councillors_is_refused_not_taken_as_all_gone(moderngov):
    sync(moderngov)
    moderngov.answers["GetCouncillorsByWard"] = Answer(
        b"<councillorsbyward><wards>\n  </wards></councillorsbyward>"
    )
    report = sync(moderngov)
    assert "GetCouncillorsByWard lists no councillors" in report.refused[0]
    assert not Councillor.objects.exclude(removed_upstream_on=None).exists()


def test_a_dry_run_reports_and_stores_nothing(moderngov):
    models = (Committee, Councillor, Meeting, AgendaItem, MeetingPaper, Decision, Membership)
    before = [model.objects.count() for model in models]
    report = sync(moderngov, dry_run=True)
    assert report.added["meeting"] == 4 and report.added["paper"] == 3
    assert report.added["councillor"] == 4
    assert [model.objects.count() for model in models] == before
    assert not Committee.objects.exclude(moderngov_id=None).exists()
    assert not any("mgConvert2PDF" in path or ".png" in path for path in moderngov.asked)


def test_officers_own_records_survive_a_sync(moderngov):
    sync(moderngov)
    held = meeting(2001)
    petition = AgendaItem.objects.create(meeting=held, number=6, title="Petition: save the library")
    cabinet = Committee.objects.get(moderngov_id=101)
    cabinet.remit = "The leader and cabinet members."
    cabinet.save()
    ada = Councillor.objects.get(moderngov_id=501)
    ada.phone, ada.surgeries = "020 8359 0000", "Saturdays at the library"
    ada.save()
    decision = Decision.objects.get(moderngov_id=3002)
    decision.topic = "libraries"
    decision.save()
    later = meeting(2005)
    held.minutes, held.minutes_approved_on, held.minutes_approved_at = (
        "approved",
        date(2026, 2, 5),
        later,
    )
    held.webcast_url = "https://webcasts.example.gov.uk/2001"
    held.save()
    # ModernGov adds an item numbered 6: the officers' item makes room.
    body = recorded("GetMeeting-2001").replace(
        "<agendaitemnumber> 5</agendaitemnumber>", "<agendaitemnumber> 6</agendaitemnumber>"
    )
    moderngov.answers["GetMeeting-2001"] = Answer(body.encode())
    report = sync(moderngov)
    assert report.refused == []
    petition.refresh_from_db()
    assert (petition.number, petition.title) == (7, "Petition: save the library")
    assert AgendaItem.objects.get(moderngov_id=3005).number == 6
    assert any("Petition: save the library" in note for note in report.notes)
    cabinet.refresh_from_db()
    ada.refresh_from_db()
    decision.refresh_from_db()
    held.refresh_from_db()
    assert cabinet.remit == "The leader and cabinet members."
    assert (ada.phone, ada.surgeries) == ("020 8359 0000", "Saturdays at the library")
    assert decision.topic == "libraries"
    assert (held.minutes, held.minutes_approved_at, held.webcast_url) == (
        "approved",
        later,
        "https://webcasts.example.gov.uk/2001",
    )


def test_the_command_reports_and_exits_1_when_anything_was_refused(moderngov, capsys):
    moderngov.answers["GetMeeting-2005"] = Answer(b"down", status=503)
    with pytest.raises(CommandError, match="1 refused"):
        call_command(
            "sync_moderngov",
            moderngov.url,
            "--from",
            "2025-01-01",
            "--to",
            "2031-12-31",
            "--timeout",
            "5",
        )
    out, err = capsys.readouterr()
    assert (
        "Added: 2 committees, 4 councillors, 3 memberships, 3 meetings, 3 agenda items, "
        "2 papers, 1 decision\nChanged: 2 committees\n" in out
    )
    assert "Changed committee: Cabinet (linked to ModernGov)" in out
    assert "Refused: GetMeeting (lMeetingId=2005): HTTP 503 Service Unavailable" in err
    assert (
        "Left out, as ModernGov does not let the public see them: meetings not for display: 1, "
        "restricted or not-for-display agenda items: 2" in out
    )


def test_the_command_succeeds_quietly_on_a_clean_run(moderngov, capsys):
    call_command("sync_moderngov", moderngov.url, "--from", "2025-01-01", "--to", "2031-12-31")
    out, _err = capsys.readouterr()
    assert "Refused: 0" in out
    call_command("sync_moderngov", moderngov.url, "--from", "2025-01-01", "--to", "2031-12-31")
    out, _err = capsys.readouterr()
    assert "Added: nothing" in out and "Changed: nothing" in out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["not-a-url"], "'not-a-url' is not a web address (https://democracy.example.gov.uk)"),
        (["https://x.example", "--from", "15/07/2025"], "'15/07/2025' is not a date (YYYY-MM-DD)"),
        (
            ["https://x.example", "--from", "2025-02-01", "--to", "2025-01-01"],
            "--to is before --from",
        ),
        ([], "Give the ModernGov site's address, or set MODERNGOV_URL"),
    ],
)
def test_the_command_refuses_bad_arguments_in_one_line(arguments, message):
    with pytest.raises(CommandError) as raised:
        call_command("sync_moderngov", *arguments)
    assert str(raised.value) == message


ADA_PHOTO = "/UserData/1/0/5/Info00000501/bigpic.png"


def _png_claiming(width: int, height: int) -> bytes:
    """A few-byte PNG whose header claims `width` x `height` pixels (a decompression bomb)."""
    png = bytearray(_small_png())
    header = b"IHDR" + width.to_bytes(4, "big") + height.to_bytes(4, "big") + png[24:29]
    png[12:29] = header
    png[29:33] = zlib.crc32(header).to_bytes(4, "big")
    return bytes(png)


def _small_png() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (8, 10), (200, 120, 40)).save(output, "PNG")
    return output.getvalue()


def _photo_refused(report) -> None:
    assert len(report.refused) == 1
    assert report.refused[0].startswith("photo of Councillor Ada Example: ")
    assert report.refused[0].endswith("the councillor's other details were still brought in")
    ada = Councillor.objects.get(moderngov_id=501)
    assert (ada.name, ada.photo) == ("Ada Example", None)
    assert Councillor.objects.filter(moderngov_id=503).exists()
    assert Meeting.objects.filter(moderngov_id=2001).exists()  # the rest went on


def test_a_photo_that_is_a_decompression_bomb_is_refused_for_that_councillor_only(moderngov):
    moderngov.answers[ADA_PHOTO] = Answer(_png_claiming(20000, 20000), content_type="image/png")
    report = sync(moderngov)
    _photo_refused(report)
    assert "not an image" in report.refused[0]


@pytest.mark.parametrize(
    ("setting", "value", "why"),
    [
        ("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 79, "more than 79 pixels"),
        ("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 20, "larger than 20 bytes"),
    ],
    ids=["pixels", "bytes"],
)
def test_a_photo_over_the_sites_image_limits_is_refused(moderngov, settings, setting, value, why):
    setattr(settings, setting, value)
    report = sync(moderngov)
    _photo_refused(report)
    assert why in report.refused[0]


def test_a_photo_between_pillows_warning_and_its_limit_is_refused(moderngov):
    # 100 million pixels: Pillow only warns, Wagtail's default limit (128 million) would take
    # it, but nothing this size is a councillor's portrait and it must not be decoded.
    moderngov.answers[ADA_PHOTO] = Answer(_png_claiming(10000, 10000), content_type="image/png")
    report = sync(moderngov)
    _photo_refused(report)


@pytest.mark.parametrize(
    ("step", "operation", "what"),
    [
        ("sync_councillors", "GetCouncillorsByWard", "the councillors"),
        ("sync_committees", "GetCommittees", "the committees and their meetings"),
    ],
)
def test_a_database_error_refuses_its_step_in_one_line(
    moderngov, monkeypatch, step, operation, what
):
    from townhall.council.moderngov import sync as sync_module

    real = getattr(sync_module, step)

    def refused_by_the_database(*args, **kwargs):
        real(*args, **kwargs)  # everything written, then the database refuses the last of it
        raise DataError('value too long for type character varying(500)\nCONTEXT: "x"')

    monkeypatch.setattr(sync_module, step, refused_by_the_database)
    report = sync(moderngov)
    assert report.refused == [
        f"{operation}: the database refused it (value too long for type character varying(500) "
        f'CONTEXT: "x"): nothing was changed for {what}'
    ]
    if step == "sync_councillors":
        assert not Councillor.objects.exclude(moderngov_id=None).exists()
        assert Meeting.objects.filter(moderngov_id=2001).exists()  # the rest went on
    else:
        assert not Committee.objects.exclude(moderngov_id=None).exists()
        assert not Meeting.objects.exclude(moderngov_id=None).exists()
        assert Councillor.objects.filter(moderngov_id=501).exists()  # done before, and kept


def test_a_photo_address_too_long_to_keep_is_not_fetched(moderngov):
    long_path = "UserData/" + "a" * 500 + "/bigpic.png"
    moderngov.answers["GetCouncillorsByWard"] = Answer(
        recorded("GetCouncillorsByWard")
        .replace("UserData/1/0/5/Info00000501/bigpic.png", long_path)
        .encode()
    )
    report = sync(moderngov)
    assert report.refused == []
    assert any("The photo of Councillor Ada Example" in note for note in report.notes)
    ada = Councillor.objects.get(moderngov_id=501)
    assert (ada.photo, ada.moderngov_photo_url) == (None, "")
    assert not any(long_path in path for path in moderngov.asked)


def test_a_relative_web_address_paper_links_to_the_site_itself(moderngov):
    moderngov.answers["GetMeeting-2005"] = Answer(
        recorded("GetMeeting-2005")
        .replace(
            "https://planning.example.gov.uk/applications/25-1234", "ieListDocuments.aspx?MId=7"
        )
        .encode()
    )
    assert sync(moderngov).refused == []
    assert (
        f'<a href="{moderngov.url}ieListDocuments.aspx?MId=7">The application on the planning '
        "portal</a>" in AgendaItem.objects.get(moderngov_id=3006).text
    )


@pytest.mark.parametrize(
    ("step", "store"),
    [("MeetingSync.decisions", "store_paper"), ("sync_councillors", "store_photo")],
    ids=["papers", "photos"],
)
def test_files_written_in_a_transaction_that_rolls_back_are_deleted(
    moderngov, monkeypatch, step, store
):
    from townhall.council.moderngov import councillors, meetings
    from townhall.council.moderngov import sync as sync_module

    written = []
    module = meetings if store == "store_paper" else councillors
    real_store = getattr(module, store)

    def store_and_note(*args, **kwargs):
        stored = real_store(*args, **kwargs)
        written.append((stored.file.storage, stored.file.name))
        return stored

    monkeypatch.setattr(module, store, store_and_note)
    owner, _dot, name = step.rpartition(".")
    target = getattr(sync_module, owner) if owner else sync_module
    real_step = getattr(target, name)

    def then_refused(*args, **kwargs):
        real_step(*args, **kwargs)
        raise DataError("value too long")

    monkeypatch.setattr(target, name, then_refused)
    report = sync(moderngov)
    assert report.refused and written
    for storage, name in written:
        assert not storage.exists(name)


def test_a_paper_republished_upstream_is_fetched_again(
    moderngov, django_capture_on_commit_callbacks
):
    from townhall.demo.pdf import pdf_document

    with django_capture_on_commit_callbacks(execute=True):
        sync(moderngov)
    old = MeetingPaper.objects.get(moderngov_id=4001).document
    assert sync(moderngov).changed == {}  # the same date: not fetched again
    moderngov.answers["GetMeeting-2001"] = Answer(
        set_in(
            recorded("GetMeeting-2001"), "<attachmentid> 4001", "publicationdate", "10/07/2025"
        ).encode()
    )
    moderngov.answers["paper-4001"] = Answer(
        pdf_document("Attachment 4001", [["The corrected strategy"]]),
        content_type="application/pdf",
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = sync(moderngov)
    assert report.refused == []
    assert report.changed["paper"] == 1
    assert sum("ID=4001" in path for path in moderngov.asked) == 2
    paper = MeetingPaper.objects.get(moderngov_id=4001)
    assert paper.document_id != old.pk
    assert not get_document_model().objects.filter(pk=old.pk).exists()
    assert [page.text for page in PaperPage.objects.filter(document=paper.document)] == [
        "Attachment 4001 The corrected strategy"
    ]
    again = sync(moderngov)
    assert (again.changed, sum("ID=4001" in path for path in moderngov.asked)) == ({}, 2)
