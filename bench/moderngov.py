"""A council's year from ModernGov (generated, illustrative: 1,000 meetings of 25 committees,
10,000 agenda items, 5,000 PDF papers, 72 councillors with photos, in the web service's shapes
with its habits: padded numbers, empty elements of whitespace, Word's HTML escaped, restricted
items and papers, cancelled meetings) served by a local HTTP server and brought in with
`townhall sync-moderngov`'s own code: the first sync and the same year again (nothing to
change), each in time and peak memory (tracemalloc, in runs of their own so the tracing does
not slow the timed ones). Baselines in the same run: parsing the same XML alone (every answer
read into records from memory), and fetching it with the papers over HTTP and parsing it,
storing nothing.

    python bench/moderngov.py [--meetings 1000] [--database-url postgres://...]
    python bench/moderngov.py --smoke   # a dozen meetings, for the tests

It runs on a fresh database (SQLite in a temporary folder, or a new PostgreSQL database beside
the one named, dropped afterwards) with the borough's wards; papers' text is queued for the
worker, whose reading is timed last (bench/council_search.py measures it at scale).
"""

import argparse
import html
import io
import os
import random
import sys
import threading
import time
import tracemalloc
import urllib.parse
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

YEAR_STARTS = date(2025, 4, 1)
WARDS = 24
PER_WARD = 3
WORD = (
    '<div class="WordSection1"><p class="MsoNormal"><span style="font-size:12.0pt;'
    'font-family:&quot;Arial&quot;">{words}<o:p></o:p></span></p>'
    '<p class="MsoNormal"><o:p>&nbsp;</o:p></p></div>'
)


def _empty(name: str, indent: str = "      ") -> str:
    return f"{indent}<{name}>\n{indent}</{name}>"


class Year:
    """The generated council: every answer built on request, the same each time."""

    def __init__(self, meetings: int, committees: int, items: int, papers: int) -> None:
        self.committees = committees
        self.items = items
        self.papers_per_meeting = max(1, papers // meetings)
        chance = random.Random(28)
        self.meetings: dict[int, list[tuple[int, date, bool]]] = {c: [] for c in range(committees)}
        for number in range(meetings):
            committee = number % committees
            day = YEAR_STARTS + timedelta(days=chance.randrange(365))
            self.meetings[committee].append((10_000 + number, day, chance.random() < 0.03))
        self.by_id = {m[0]: (c, m) for c, listed in self.meetings.items() for m in listed}

    def committees_xml(self) -> bytes:
        rows = "".join(
            f"  <committee>\n    <committeeid> {100 + c}</committeeid>\n"
            f"    <committeetitle>Committee {c} (illustrative)</committeetitle>\n"
            "    <committeedeleted>False</committeedeleted>\n"
            "    <committeeexpired>False</committeeexpired>\n"
            f"{_empty('committeecategory', '    ')}\n  </committee>\n"
            for c in range(self.committees)
        )
        return (
            f'<?xml version="1.0" encoding="utf-8"?>\n<committees>\n'
            f"  <committeescount> {self.committees}</committeescount>\n{rows}</committees>"
        ).encode()

    def meetings_xml(self, committee_id: int) -> bytes:
        committee = committee_id - 100
        stubs = "".join(
            f"      <meeting>\n        <meetingid> {mid}</meetingid>\n"
            f"        <meetingdate>{day:%d/%m/%Y}</meetingdate>\n"
            f"        <meetingstatus>{'Cancelled' if cancelled else 'Confirmed'}</meetingstatus>\n"
            "        <meetingtime>7.00 pm</meetingtime>\n        <iswebcast>False</iswebcast>\n"
            "      </meeting>\n"
            for mid, day, cancelled in self.meetings.get(committee, [])
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<getmeetings>\n'
            f"  <meetingscount> {len(self.meetings.get(committee, []))}</meetingscount>\n"
            f"  <committeescount> 1</committeescount>\n  <committee>\n"
            f"    <committeeid> {committee_id}</committeeid>\n"
            f"    <committeetitle>Committee {committee} (illustrative)</committeetitle>\n"
            f"    <committeemeetings>\n{stubs}    </committeemeetings>\n  </committee>\n"
            "</getmeetings>"
        ).encode()

    def _doc(self, attachment: int, title: str, restricted: bool) -> str:
        return (
            f"        <linkeddoc>\n          <attachmentid> {attachment}</attachmentid>\n"
            f"          <title>{title}</title>\n          <isurl>False</isurl>\n"
            f"          <url>mgConvert2PDF.aspx?ID={attachment}</url>\n"
            f"          <isrestricted>{restricted}</isrestricted>\n"
            "          <publicationdate>01/04/2025</publicationdate>\n"
            "          <isdecisionattachment>False</isdecisionattachment>\n"
            "        </linkeddoc>\n"
        )

    def meeting_xml(self, meeting_id: int) -> bytes:
        committee, (mid, day, cancelled) = self.by_id[meeting_id]
        items = []
        for number in range(1, self.items + 1):
            item_id = mid * 100 + number
            docs = ""
            if number <= self.papers_per_meeting:
                docs += self._doc(item_id, f"Report on item {number} (illustrative)", False)
            if number == self.items:  # an exempt appendix, never to be fetched
                docs += self._doc(item_id + 50, "Exempt appendix", True)
            restricted = number == self.items - 1  # one exempt item a meeting
            words = html.escape(WORD.format(words=f"Item {number} of meeting {mid}: to agree."))
            minutes = html.escape(WORD.format(words=f"RESOLVED on item {number}."))
            items.append(
                f"    <agendaitem>\n      <agendaitemid> {item_id}</agendaitemid>\n"
                f"      <agendaitemtitle>Item {number} of meeting {mid}</agendaitemtitle>\n"
                f"      <agendatext>{words}</agendatext>\n"
                f"      <agendaitemnumber> {number}</agendaitemnumber>\n"
                f"      <fulldisplaynumberformat>{number}.</fulldisplaynumberformat>\n"
                f"      <minutesnonemptyhtmlbody>{minutes}</minutesnonemptyhtmlbody>\n"
                f"      <isdecision>{number % 3 == 0}</isdecision>\n"
                f"      <isdecisionpublished>{number % 3 == 0}</isdecisionpublished>\n"
                "      <isminutepublished>True</isminutepublished>\n"
                f"      <isrestricted>{restricted}</isrestricted>\n"
                "      <isdisplayallowed>True</isdisplayallowed>\n"
                f"{_empty('refertocommittee')}\n"
                f"      <linkeddocuments>\n{docs}      </linkeddocuments>\n    </agendaitem>\n"
            )
        seats = WARDS * PER_WARD
        attendees = "".join(
            f'    <attendee membertype="Committee Member" '
            f'memberid=" {500 + (committee * 5 + n) % seats}" '
            f'name="Councillor {n}" roledescription="{"Chair" if n == 0 else "Committee Member"}" '
            f'attendance="{"Apologies" if n == 4 else "Present"}" politicalparty="" ward="">\n'
            f"{_empty('url', '      ')}\n    </attendee>\n"
            for n in range(8)
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<meeting>\n'
            f"  <meetingid> {mid}</meetingid>\n  <meetingdate>{day:%d/%m/%Y}</meetingdate>\n"
            f"  <meetingstatus>{'Cancelled' if cancelled else 'Confirmed'}</meetingstatus>\n"
            "  <isdisplayallowed>True</isdisplayallowed>\n  <meetingtime>7.00 pm</meetingtime>\n"
            f"{_empty('plannedstarttime', '  ')}\n"
            "  <meetinglocation>Town Hall (illustrative)</meetinglocation>\n"
            "  <meetingroom>Committee Room 1</meetingroom>\n  <iswebcast>False</iswebcast>\n"
            "  <agendapublished>True</agendapublished>\n"
            "  <decisionpublished>True</decisionpublished>\n"
            "  <minutepublished>True</minutepublished>\n"
            f"  <agendaitems>\n{''.join(items)}  </agendaitems>\n"
            f"  <attendees>\n{attendees}  </attendees>\n</meeting>"
        ).encode()

    def councillors_xml(self, ward_names: list[str]) -> bytes:
        wards = []
        for w in range(WARDS):
            people = "".join(
                "        <councillor>\n"
                f"          <councillorid> {500 + w * PER_WARD + n}</councillorid>\n"
                f"          <fullusername>Councillor Person {w}-{n} (illustrative)</fullusername>\n"
                f"          <photobigurl>UserData/{w}/{n}/bigpic.png</photobigurl>\n"
                "          <politicalpartytitle>Example Party</politicalpartytitle>\n"
                f"          <email>person{w}{n}@example.gov.uk</email>\n"
                "        </councillor>\n"
                for n in range(PER_WARD)
            )
            name = ward_names[w % len(ward_names)] if ward_names else f"Ward {w}"
            wards.append(
                f"    <ward>\n      <wardtitle>{html.escape(name)}</wardtitle>\n"
                f"      <councillors>\n{people}      </councillors>\n    </ward>\n"
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<councillorsbyward>\n'
            f"  <wards>\n{''.join(wards)}  </wards>\n</councillorsbyward>"
        ).encode()

    def every_answer(self, ward_names: list[str]):
        """(operation, XML) for every answer a sync reads, the papers aside."""
        yield "GetCouncillorsByWard", self.councillors_xml(ward_names)
        yield "GetCommittees", self.committees_xml()
        for committee in range(self.committees):
            yield "GetMeetings", self.meetings_xml(100 + committee)
            for mid, _day, _cancelled in self.meetings[committee]:
                yield "GetMeeting", self.meeting_xml(mid)


def _png() -> bytes:
    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", (60, 80), (90, 110, 160)).save(output, "PNG")
    return output.getvalue()


def serve(year: Year, ward_names: list[str]) -> tuple[str, ThreadingHTTPServer]:
    from townhall.demo.pdf import pdf_document

    photo = _png()
    councillors = year.councillors_xml(ward_names)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(parts.query))
            name = parts.path.rsplit("/", 1)[-1]
            kind, body = "text/xml; charset=utf-8", b""
            if name == "GetCouncillorsByWard":
                body = councillors
            elif name == "GetCommittees":
                body = year.committees_xml()
            elif name == "GetMeetings":
                body = year.meetings_xml(int(query["lCommitteeId"]))
            elif name == "GetMeeting":
                body = year.meeting_xml(int(query["lMeetingId"]))
            elif name == "mgConvert2PDF.aspx":
                attachment = query["ID"]
                kind = "application/pdf"
                body = pdf_document(f"Paper {attachment}", [[f"Words of paper {attachment}"]])
            elif name.endswith(".png"):
                kind, body = "image/png", photo
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def timed(action):
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def peak(action) -> float:
    tracemalloc.start()
    action()
    found = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return found / 1e6


def workload() -> None:
    """Run in Django's shell on the fresh database (see main)."""
    from defusedxml.ElementTree import fromstring
    from django.db import transaction

    from townhall.core.models import Ward
    from townhall.council.models import AgendaItem, Decision, Meeting, MeetingPaper, PaperText
    from townhall.council.moderngov import answers
    from townhall.council.moderngov.meetings import fetch_new_papers
    from townhall.council.moderngov.site import ModernGovSite
    from townhall.council.moderngov.sync import Window, sync_site
    from townhall.council.services.papers import read_text

    sizes = [
        int(os.environ[f"BENCH_{name}"]) for name in ("MEETINGS", "COMMITTEES", "ITEMS", "PAPERS")
    ]
    year = Year(*sizes)
    ward_names = list(Ward.objects.order_by("name").values_list("name", flat=True))
    url, server = serve(year, ward_names)
    window = Window(YEAR_STARTS, YEAR_STARTS + timedelta(days=365))
    readers = {
        "GetCouncillorsByWard": answers.councillors,
        "GetCommittees": answers.committees,
        "GetMeetings": answers.meeting_stubs,
        "GetMeeting": answers.meeting,
    }
    xml = list(year.every_answer(ward_names))
    size = sum(len(body) for _name, body in xml)
    print(
        f"year: {sizes[0]:,} meetings of {sizes[1]} committees, {sizes[0] * sizes[2]:,} agenda "
        f"items, {sizes[0] * year.papers_per_meeting:,} papers, {WARDS * PER_WARD} councillors; "
        f"{len(xml):,} answers, {size / 1e6:.1f} MB of XML"
    )

    def parse_alone() -> int:
        return sum(1 for name, body in xml if readers[name](fromstring(body)) is not None)

    def fetch_and_parse() -> int:
        """What a sync asks, in its order, read into records; the papers downloaded."""
        site = ModernGovSite(url, timeout=60)
        answers.councillors(site.ask("GetCouncillorsByWard", "councillorsbyward"))
        fetched = 0
        for committee in answers.committees(site.ask("GetCommittees", "committees")):
            query = {"lCommitteeId": committee.id, **window.query()}
            for stub in answers.meeting_stubs(site.ask("GetMeetings", "getmeetings", **query)):
                meeting = answers.meeting(site.ask("GetMeeting", "meeting", lMeetingId=stub.id))
                for file in fetch_new_papers(site, meeting).values():
                    file.close()
                    fetched += 1
        return fetched

    def sync():
        return sync_site(url, window, timeout=60)

    def rolled_back_sync():
        with transaction.atomic():
            sync()
            transaction.set_rollback(True)

    def line(name: str, seconds: float, memory: float | None, extra: str = "") -> None:
        shown = f"peak {memory:7.1f} MB" if memory is not None else " " * 15
        print(f"{name:46} {seconds:8.2f} s   {shown}   {extra}")

    base_seconds, _ = timed(parse_alone)
    line("baseline: parsing the same XML alone", base_seconds, peak(parse_alone))
    seconds, fetched = timed(fetch_and_parse)
    line(
        "baseline: fetch over HTTP and parse, no storing",
        seconds,
        None,
        f"{fetched:,} papers fetched",
    )
    memory = peak(rolled_back_sync)
    seconds, report = timed(sync)
    assert not report.refused, report.refused[:3]
    line(
        "sync: the first time (everything added)",
        seconds,
        memory,
        f"x{seconds / base_seconds:5.1f} the parse  {sizes[0] / seconds:6.1f} meetings/s",
    )
    print(f"{'':46} {' / '.join(report.summary()[:1])}")
    counts = (
        Meeting.objects.count(),
        AgendaItem.objects.count(),
        MeetingPaper.objects.count(),
        Decision.objects.count(),
    )
    print(
        f"{'':46} stored: {counts[0]:,} meetings, {counts[1]:,} items, {counts[2]:,} papers, "
        f"{counts[3]:,} decisions"
    )
    seconds, again = timed(sync)
    memory = peak(sync)
    assert not again.added and not again.changed and not again.refused, again.summary()
    line(
        "sync: the same year again (nothing changes)",
        seconds,
        memory,
        f"x{seconds / base_seconds:5.1f} the parse",
    )
    waiting = PaperText.objects.filter(state=PaperText.State.WAITING).select_related("document")
    papers = list(waiting)
    seconds, _ = timed(lambda: [read_text(paper.document) for paper in papers])
    line("the worker reads the papers' text (after)", seconds, None, f"{len(papers):,} papers")
    server.shutdown()


def main() -> None:
    from server import run_workload

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--committees", type=int, default=25)
    parser.add_argument("--items", type=int, default=10, help="agenda items a meeting")
    parser.add_argument("--papers", type=int, default=5000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--smoke", action="store_true", help="a dozen meetings")
    arguments = parser.parse_args()
    sizes = (
        (12, 3, 4, 12)
        if arguments.smoke
        else (arguments.meetings, arguments.committees, arguments.items, arguments.papers)
    )
    env = {
        f"BENCH_{name}": str(value)
        for name, value in zip(("MEETINGS", "COMMITTEES", "ITEMS", "PAPERS"), sizes, strict=True)
    }
    # Papers' text is queued as it is in production, and read afterwards, timed apart.
    env["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
    here = Path(__file__).resolve()
    workload = (
        f"import sys; sys.path.insert(0, {str(here.parent)!r}); "
        f"import runpy; runpy.run_path({str(here)!r}, run_name='__workload__')"
    )
    run_workload(workload, env, arguments.database_url, load_demo=False)


if __name__ == "__main__":
    main()
elif __name__ == "__workload__":
    workload()
