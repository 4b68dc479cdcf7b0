"""Reading ModernGov's answers as real sites write them, and asking a site that fails."""

import urllib.parse
from datetime import UTC, datetime

import pytest
from defusedxml.ElementTree import fromstring

from tests.council.moderngov_server import FIXTURES, Answer
from townhall.council.moderngov import answers
from townhall.council.moderngov.site import ModernGovError, ModernGovSite, service_base
from townhall.council.moderngov.text import clean_word_html, plain_text


def _root(name: str):
    return fromstring((FIXTURES / name).read_bytes())


def test_padded_numbers_empty_elements_and_booleans_are_read():
    listed = answers.committees(_root("GetCommittees.xml"))
    assert [(c.id, c.title, c.deleted, c.expired) for c in listed] == [
        (101, "Cabinet", False, False),
        (102, "Planning Committee (illustrative)", False, False),
        (103, "Full Council", False, False),
        (104, "Libraries Review Panel (illustrative)", False, True),
        (105, "Audit Sub-Committee (illustrative)", True, False),
    ]
    assert listed[2].category == ""  # a newline and spaces


def test_dates_and_times_are_read_in_the_boroughs_time_zone_summer_and_winter():
    stubs = answers.meeting_stubs(_root("GetMeetings-101.xml"))
    # 7.00 pm on 15 July is British Summer Time (UTC+1); 10.00 am on 20 January is GMT.
    assert stubs[0].starts_at == datetime(2025, 7, 15, 18, 0, tzinfo=UTC)
    assert stubs[1].starts_at == datetime(2026, 1, 20, 10, 0, tzinfo=UTC)
    assert stubs[1].status == "Cancelled"


def test_a_meeting_with_items_papers_flags_and_attendees():
    meeting = answers.meeting(_root("GetMeeting-2001.xml"))
    assert (meeting.id, meeting.room, meeting.minute_published) == (2001, "Committee Room 1", True)
    assert [(item.id, item.number, item.public) for item in meeting.items] == [
        (3001, 1, True),
        (3002, 2, True),
        (3003, 3, False),  # restricted
        (3004, 4, False),  # not for display
        (3005, 5, True),
    ]
    strategy = meeting.items[1]
    assert (strategy.is_decision, strategy.decision_published) == (True, True)
    assert [(doc.id, doc.restricted, doc.decision_attachment) for doc in strategy.docs] == [
        (4001, False, True),
        (4002, True, False),
    ]
    assert strategy.text_html.startswith('<div class="WordSection1"><p class="MsoNormal">')
    assert [(a.member_id, a.role, a.attendance) for a in meeting.attendees] == [
        (501, "Chair", "Present"),
        (502, "Vice-Chair", "Apologies"),
        (503, "Committee Member", "Present"),
        (900, "Chief Executive", "In attendance"),
    ]


def test_a_meeting_with_no_agenda_has_no_items():
    meeting = answers.meeting(_root("GetMeeting-2002.xml"))
    assert (meeting.items, meeting.attendees, meeting.room) == ([], [], "")


def test_councillors_by_ward():
    listed = answers.councillors(_root("GetCouncillorsByWard.xml"))
    assert [(c.id, c.name, c.ward, c.email) for c in listed] == [
        (501, "Councillor Ada Example", "Barnet Vale", "ada.example@example.gov.uk"),
        (502, "Councillor Bea Example", "Barnet Vale", "bea.example@example.gov.uk"),
        (503, "Councillor Cal Example", "Burnt Oak Ward", ""),
        (504, "Dee Example", "Nowhere Heath", ""),
    ]
    assert listed[0].photo_url == "UserData/1/0/5/Info00000501/bigpic.png"


@pytest.mark.parametrize(
    ("written", "hour", "minute"),
    [
        ("10.00 am", 10, 0),
        ("7.30 pm", 19, 30),
        ("12.00 pm", 12, 0),
        ("12.15 am", 0, 15),
        ("6pm", 18, 0),
        ("12 noon", 12, 0),
        ("18:45", 18, 45),
        (" 9.05  A.M. ", 9, 5),
    ],
)
def test_times_of_day_in_the_forms_sites_write(written, hour, minute):
    node = answers.Node(fromstring(f"<m><meetingtime>{written}</meetingtime></m>"), "<m>")
    at = node.time_of_day("meetingtime")
    assert (at.hour, at.minute) == (hour, minute)


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ("<m><meetingid>12a</meetingid></m>", "<m>/<meetingid> is not a number: '12a'"),
        ("<m><meetingdate>2025-07-15</meetingdate></m>", "<meetingdate> is not a date"),
        ("<m><meetingdate>31/02/2025</meetingdate></m>", "<meetingdate> is not a date"),
        ("<m><meetingtime>13.00 pm</meetingtime></m>", "<meetingtime> is not a time of day"),
        ("<m><isrestricted>Yes</isrestricted></m>", "<isrestricted> is not True or False"),
    ],
)
def test_an_unreadable_value_names_its_element(xml, message):
    node = answers.Node(fromstring(xml), "<m>")
    name = fromstring(xml)[0].tag
    reader = {
        "meetingid": node.number,
        "meetingdate": node.day,
        "meetingtime": node.time_of_day,
        "isrestricted": node.flag,
    }[name]
    with pytest.raises(ModernGovError) as raised:
        reader(name)
    assert str(raised.value).startswith("<m>/")
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_an_agenda_item_with_a_bad_id_names_the_item():
    body = (
        (FIXTURES / "GetMeeting-2001.xml")
        .read_text()
        .replace("<agendaitemid> 3003</agendaitemid>", "<agendaitemid>three</agendaitemid>")
    )
    with pytest.raises(ModernGovError) as raised:
        answers.meeting(fromstring(body))
    assert str(raised.value) == (
        "GetMeeting <meeting>/<agendaitem> 3/<agendaitemid> is not a number: 'three'"
    )


def test_word_html_becomes_plain_paragraphs():
    word = (
        '<div class="WordSection1"><p class="MsoNormal"><span style="font-size:12.0pt">'
        "To agree the <b>strategy</b> &amp; fees.<o:p></o:p></span></p>"
        '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
        '<p class="MsoListParagraph"><![if !supportLists]><span style="mso-list:Ignore">1.'
        "<span>&nbsp;&nbsp; </span></span><![endif]>Keep hours"
        '<script>alert(1)</script> <a href="javascript:alert(2)">here</a></p></div>'
    )
    assert clean_word_html(word) == (
        "<p>To agree the <b>strategy</b> &amp; fees.</p><p>1. Keep hours here</p>"
    )
    assert plain_text(word) == "To agree the strategy & fees.\n\n1. Keep hours here"
    assert clean_word_html("\n      ") == ""
    assert clean_word_html('<p class="MsoNormal">&nbsp;</p>') == ""
    assert clean_word_html("Just words") == "<p>Just words</p>"


@pytest.mark.parametrize(
    "pasted",
    [
        "https://democracy.example.gov.uk",
        "https://democracy.example.gov.uk/",
        "https://democracy.example.gov.uk/mgWebService.asmx",
        "https://democracy.example.gov.uk/mgWebService.asmx?WSDL",
    ],
)
def test_the_site_address_is_found_from_what_an_operator_pastes(pasted):
    assert service_base(pasted) == "https://democracy.example.gov.uk/"


def test_an_address_that_is_not_a_web_address_is_refused():
    with pytest.raises(ModernGovError, match="is not a web address"):
        service_base("democracy.example.gov.uk")


def test_a_good_answer_is_read_from_a_real_server(moderngov):
    site = ModernGovSite(moderngov.url, timeout=5)
    root = site.ask("GetMeetings", "getmeetings", lCommitteeId=101, sFromDate="01/01/2025")
    assert len(answers.meeting_stubs(root)) == 3
    assert moderngov.asked == [
        "/mgWebService.asmx/GetMeetings?lCommitteeId=101&sFromDate=01%2F01%2F2025"
    ]


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (
            Answer(b"<meeting><meetingid>1</meeting>"),
            "GetMeeting (lMeetingId=1): the answer is not well-formed XML (mismatched tag",
        ),
        (
            Answer(b"<html><body>Sorry</body></html>"),
            "GetMeeting (lMeetingId=1): the answer is <html>, not <meeting>",
        ),
        (Answer(b"oops", status=500), "GetMeeting (lMeetingId=1): HTTP 500 Internal Server Error"),
        (
            Answer(b'<!DOCTYPE m [<!ENTITY e "x">]><meeting>&e;</meeting>'),
            "GetMeeting (lMeetingId=1): refused: the answer declares",
        ),
        (Answer(b""), "GetMeeting (lMeetingId=1): the answer is not well-formed XML"),
    ],
)
def test_a_bad_answer_is_one_line_naming_the_operation(moderngov, answer, message):
    moderngov.answers["GetMeeting-1"] = answer
    with pytest.raises(ModernGovError) as raised:
        ModernGovSite(moderngov.url, timeout=5).ask("GetMeeting", "meeting", lMeetingId=1)
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


def test_a_site_that_does_not_answer_within_the_timeout_fails(moderngov):
    moderngov.answers["GetCommittees"] = Answer(hang=True)
    with pytest.raises(ModernGovError) as raised:
        ModernGovSite(moderngov.url, timeout=0.2).ask("GetCommittees", "committees")
    assert str(raised.value) == "GetCommittees: no answer within 0.2 s"


def test_a_redirect_to_another_site_is_refused(moderngov):
    moderngov.answers["GetCommittees"] = Answer(
        b"", status=302, location="http://metadata.example.internal/latest/"
    )
    with pytest.raises(ModernGovError) as raised:
        ModernGovSite(moderngov.url, timeout=5).ask("GetCommittees", "committees")
    assert str(raised.value) == "GetCommittees: HTTP 302 redirected to another site (Found)"


def test_a_redirect_within_the_site_is_followed(moderngov):
    moderngov.answers["GetCommittees"] = Answer(
        b"", status=301, location=f"{moderngov.url}mgWebService.asmx/GetCommittees?again=1"
    )
    moderngov.answers["GetCommittees-again"] = Answer((FIXTURES / "GetCommittees.xml").read_bytes())
    site = ModernGovSite(moderngov.url, timeout=5)
    assert len(answers.committees(site.ask("GetCommittees", "committees"))) == 5


def test_only_files_on_the_site_itself_are_its_own(moderngov):
    site = ModernGovSite(moderngov.url)
    assert site.is_own("mgConvert2PDF.aspx?ID=4001")
    assert site.is_own(f"{moderngov.url}documents/s1/report.pdf")
    assert not site.is_own("https://elsewhere.example.org/report.pdf")
    assert not site.is_own("file:///etc/passwd")


def test_a_file_on_another_port_or_scheme_is_not_the_sites(moderngov):
    site = ModernGovSite(moderngov.url)
    port = urllib.parse.urlsplit(moderngov.url).port
    assert not site.is_own("http://127.0.0.1:6379/x")
    assert not site.is_own(f"ftp://127.0.0.1:{port}/x")
    assert not site.is_own(f"https://127.0.0.1:{port}/x")  # https is not served on http's port
    assert site.is_own(f"http://127.0.0.1:{port}/x")


def test_the_default_port_is_the_same_as_none_and_https_may_replace_http():
    site = ModernGovSite("http://democracy.example.gov.uk/")
    assert site.is_own("http://democracy.example.gov.uk:80/documents/s1/report.pdf")
    assert site.is_own("https://democracy.example.gov.uk/documents/s1/report.pdf")
    assert not site.is_own("https://democracy.example.gov.uk:8443/documents/s1/report.pdf")
    secure = ModernGovSite("https://democracy.example.gov.uk/")
    assert secure.is_own("https://democracy.example.gov.uk:443/x")
    assert not secure.is_own("http://democracy.example.gov.uk/x")  # never down to plain http
    assert not secure.is_own("https://democracy.example.gov.uk:6379/x")


@pytest.mark.parametrize(
    "location",
    ["http://127.0.0.1:1/mgWebService.asmx/GetCommittees", "ftp://127.0.0.1:{port}/x"],
    ids=["another port", "ftp"],
)
def test_a_redirect_to_another_port_or_scheme_is_refused(moderngov, location):
    port = urllib.parse.urlsplit(moderngov.url).port
    moderngov.answers["GetCommittees"] = Answer(
        b"", status=302, location=location.format(port=port)
    )
    with pytest.raises(ModernGovError) as raised:
        ModernGovSite(moderngov.url, timeout=5).ask("GetCommittees", "committees")
    assert str(raised.value) == "GetCommittees: HTTP 302 redirected to another site (Found)"
