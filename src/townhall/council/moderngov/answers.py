"""Reading ModernGov's answers into plain records, as real sites write them: numbers padded
with spaces, empty elements holding a newline and spaces, booleans as True/False, dates as
dd/mm/yyyy and times as "10.00 am" in the borough's time zone, HTML escaped inside the XML.
A value that cannot be read is a `ModernGovError` naming the element."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from xml.etree.ElementTree import Element
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _

from townhall.council.moderngov.site import ModernGovError

_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})\b")
_TIME = re.compile(r"^(\d{1,2})(?:[.:](\d{2}))?\s*([ap])\.?\s*m\.?$", re.IGNORECASE)
_TIME_24 = re.compile(r"^(\d{1,2})[.:](\d{2})(?::\d{2})?$")
_NOON = re.compile(r"^(12(?:[.:]00)?\s*)?noon$", re.IGNORECASE)


class Node:
    """An element with the path to it, so that an unreadable value says where it was."""

    def __init__(self, element: Element, where: str) -> None:
        self.element, self.where = element, where

    def text(self, name: str) -> str:
        found = self.element.find(name)
        return (found.text or "").strip() if found is not None else ""

    def number(self, name: str) -> int:
        value = self.text(name)
        if not value.isdigit():
            raise ModernGovError(self._unreadable(name, value, _("is not a number")))
        return int(value)

    def optional_number(self, name: str) -> int | None:
        return self.number(name) if self.text(name) else None

    def flag(self, name: str) -> bool:
        value = self.text(name).lower()
        if value in ("", "false", "0"):
            return False
        if value in ("true", "1"):
            return True
        raise ModernGovError(self._unreadable(name, value, _("is not True or False")))

    def day(self, name: str) -> date:
        value = self.text(name)
        found = _DATE.match(value)
        try:
            if found:
                day, month, year = (int(part) for part in found.groups())
                return date(year, month, day)
        except ValueError:
            pass
        raise ModernGovError(self._unreadable(name, value, _("is not a date (dd/mm/yyyy)")))

    def optional_day(self, name: str) -> date | None:
        return self.day(name) if self.text(name) else None

    def time_of_day(self, name: str) -> time | None:
        value = " ".join(self.text(name).split())
        if not value:
            return None
        if _NOON.match(value):
            return time(12, 0)
        if found := _TIME.match(value):
            hour, minute = int(found.group(1)), int(found.group(2) or 0)
            if 1 <= hour <= 12 and minute < 60:
                return time(hour % 12 + (12 if found.group(3).lower() == "p" else 0), minute)
        elif found := _TIME_24.match(value):
            hour, minute = int(found.group(1)), int(found.group(2))
            if hour < 24 and minute < 60:
                return time(hour, minute)
        raise ModernGovError(self._unreadable(name, value, _("is not a time of day")))

    def _unreadable(self, name: str, value: str, problem: str) -> str:
        # Translators: where in ModernGov's answer, what is wrong, then the value found
        return _("%(where)s %(problem)s: %(value)r") % {
            "where": f"{self.where}/<{name}>",
            "problem": problem,
            "value": value,
        }

    def children(self, container: str, name: str) -> list["Node"]:
        """`<container><name>…</name>…</container>`, each with its place for errors."""
        holder = self.element.find(container) if container else self.element
        if holder is None:
            return []
        return [
            Node(child, f"{self.where}/<{name}> {index}")
            for index, child in enumerate(holder.findall(name), start=1)
        ]


def local_datetime(day: date, at: time | None) -> datetime:
    """The moment in the borough's time zone (British Summer Time or not, as that day was)."""
    return datetime.combine(day, at or time(0, 0), tzinfo=ZoneInfo(settings.TIME_ZONE))


@dataclass(frozen=True)
class CommitteeAnswer:
    id: int
    title: str
    deleted: bool
    expired: bool
    category: str


@dataclass(frozen=True)
class MeetingStub:
    id: int
    starts_at: datetime
    status: str


@dataclass(frozen=True)
class LinkedDoc:
    id: int
    title: str
    is_url: bool
    url: str
    restricted: bool
    decision_attachment: bool
    published_on: date | None = None  # a paper republished under its id has a later one


@dataclass(frozen=True)
class ItemAnswer:
    id: int
    number: int | None
    display_number: str
    title: str
    text_html: str
    minutes_html: str
    is_decision: bool
    decision_published: bool
    minute_published: bool
    restricted: bool
    display_allowed: bool
    docs: list[LinkedDoc] = field(default_factory=list)

    @property
    def public(self) -> bool:
        return self.display_allowed and not self.restricted


@dataclass(frozen=True)
class Attendee:
    member_id: int | None
    name: str
    member_type: str
    role: str
    attendance: str


@dataclass(frozen=True)
class MeetingAnswer:
    id: int
    starts_at: datetime
    status: str
    display_allowed: bool
    location: str
    room: str
    agenda_published: bool
    decision_published: bool
    minute_published: bool
    items: list[ItemAnswer]
    attendees: list[Attendee]


@dataclass(frozen=True)
class CouncillorAnswer:
    id: int
    name: str
    party: str
    email: str
    photo_url: str
    ward: str


def committees(root: Element) -> list[CommitteeAnswer]:
    return [
        CommitteeAnswer(
            id=node.number("committeeid"),
            title=node.text("committeetitle"),
            deleted=node.flag("committeedeleted"),
            expired=node.flag("committeeexpired"),
            category=node.text("committeecategory"),
        )
        for node in Node(root, "GetCommittees <committees>").children("", "committee")
    ]


def meeting_stubs(root: Element) -> list[MeetingStub]:
    stubs = []
    for committee in Node(root, "GetMeetings <getmeetings>").children("", "committee"):
        for node in committee.children("committeemeetings", "meeting"):
            stubs.append(
                MeetingStub(
                    id=node.number("meetingid"),
                    starts_at=local_datetime(
                        node.day("meetingdate"), node.time_of_day("meetingtime")
                    ),
                    status=node.text("meetingstatus"),
                )
            )
    return stubs


def _display_allowed(node: Node) -> bool:
    """Absent means allowed (older sites); False, or empty, means never shown."""
    return node.element.find("isdisplayallowed") is None or node.flag("isdisplayallowed")


def _doc(node: Node) -> LinkedDoc:
    return LinkedDoc(
        id=node.number("attachmentid"),
        title=node.text("title") or node.text("ownertitle"),
        is_url=node.flag("isurl"),
        url=node.text("url"),
        restricted=node.flag("isrestricted"),
        decision_attachment=node.flag("isdecisionattachment"),
        published_on=node.optional_day("publicationdate"),
    )


def _item(node: Node) -> ItemAnswer:
    return ItemAnswer(
        id=node.number("agendaitemid"),
        number=node.optional_number("agendaitemnumber"),
        display_number=node.text("fulldisplaynumberformat"),
        title=" ".join(node.text("agendaitemtitle").split()),
        text_html=node.text("agendatext"),
        minutes_html=node.text("minutesnonemptyhtmlbody"),
        is_decision=node.flag("isdecision"),
        decision_published=node.flag("isdecisionpublished"),
        minute_published=node.flag("isminutepublished"),
        restricted=node.flag("isrestricted"),
        display_allowed=_display_allowed(node),
        docs=[_doc(doc) for doc in node.children("linkeddocuments", "linkeddoc")],
    )


def _attendee(node: Node) -> Attendee:
    attributes = node.element.attrib
    member_id = attributes.get("memberid", "").strip()
    if member_id and not member_id.isdigit():
        raise ModernGovError(
            _("%(where)s memberid is not a number: %(value)r")
            % {"where": node.where, "value": member_id}
        )
    return Attendee(
        member_id=int(member_id) if member_id else None,
        name=" ".join(attributes.get("name", "").split()),
        member_type=attributes.get("membertype", "").strip(),
        role=attributes.get("roledescription", "").strip(),
        attendance=attributes.get("attendance", "").strip(),
    )


def meeting(root: Element) -> MeetingAnswer:
    node = Node(root, "GetMeeting <meeting>")
    return MeetingAnswer(
        id=node.number("meetingid"),
        starts_at=local_datetime(node.day("meetingdate"), node.time_of_day("meetingtime")),
        status=node.text("meetingstatus"),
        display_allowed=_display_allowed(node),
        location=" ".join(node.text("meetinglocation").split()),
        room=" ".join(node.text("meetingroom").split()),
        agenda_published=node.flag("agendapublished"),
        decision_published=node.flag("decisionpublished"),
        minute_published=node.flag("minutepublished"),
        items=[_item(item) for item in node.children("agendaitems", "agendaitem")],
        attendees=[_attendee(person) for person in node.children("attendees", "attendee")],
    )


def councillors(root: Element) -> list[CouncillorAnswer]:
    found = []
    for ward in Node(root, "GetCouncillorsByWard <councillorsbyward>").children("wards", "ward"):
        title = " ".join(ward.text("wardtitle").split())
        for node in ward.children("councillors", "councillor"):
            found.append(
                CouncillorAnswer(
                    id=node.number("councillorid"),
                    name=" ".join(node.text("fullusername").split()),
                    party=node.text("politicalpartytitle"),
                    email=node.text("email"),
                    photo_url=node.text("photobigurl") or node.text("photosmallurl"),
                    ward=title,
                )
            )
    return found
