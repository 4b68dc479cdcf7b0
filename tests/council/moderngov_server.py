"""A pretend ModernGov site for the tests: a real HTTP server on 127.0.0.1 (a free port) that
answers the web service's operations from the recorded answers in fixtures/moderngov/, serves
generated PDFs as papers and a PNG as each photo, and can be told to answer an operation
otherwise (other XML, an HTTP error, or no answer at all)."""

import io
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from PIL import Image

from townhall.demo.pdf import pdf_document

FIXTURES = Path(__file__).parent / "fixtures" / "moderngov"
# The query naming which answer: GetMeetings-101.xml answers lCommitteeId=101.
KEYS = {"GetMeetings": "lCommitteeId", "GetMeeting": "lMeetingId"}


def paper_text(attachment: int) -> str:
    return f"Searchable words of attachment {attachment}"


def _png() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (8, 10), (200, 120, 40)).save(output, "PNG")
    return output.getvalue()


@dataclass
class Answer:
    body: bytes = b""
    status: int = 200
    hang: bool = False  # never answer (until the server stops)
    content_type: str = "text/xml; charset=utf-8"
    location: str = ""  # a redirect's


@dataclass
class PretendModernGov:
    """`answers["GetMeeting-2001"] = Answer(...)` overrides one answer; `asked` lists every
    path and query asked, in order."""

    answers: dict[str, Answer] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)
    released: threading.Event = field(default_factory=threading.Event)
    url: str = ""

    def recorded(self, key: str) -> bytes | None:
        path = FIXTURES / f"{key}.xml"
        return path.read_bytes() if path.exists() else None

    def answer_for(self, path: str, query: dict[str, str]) -> Answer:
        name = path.rsplit("/", 1)[-1]
        if "mgWebService.asmx/" in path:
            key = f"{name}-{query[KEYS[name]].strip()}" if name in KEYS else name
            key += "-again" if "again" in query else ""  # where a test redirects to
            if key in self.answers:
                return self.answers[key]
            body = self.recorded(key)
            return Answer(body) if body is not None else Answer(b"not found", status=404)
        if name == "mgConvert2PDF.aspx":
            key = f"paper-{query['ID']}"
            if key in self.answers:
                return self.answers[key]
            attachment = int(query["ID"])
            pdf = pdf_document(f"Attachment {attachment}", [[paper_text(attachment)]])
            return Answer(pdf, content_type="application/pdf")
        if path.endswith(".png"):
            return self.answers.get(path, Answer(_png(), content_type="image/png"))
        return Answer(b"not found", status=404)


def _handler(site: PretendModernGov):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(parts.query))
            site.asked.append(self.path)
            answer = site.answer_for(parts.path, query)
            if answer.hang:
                site.released.wait()
                return
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            if answer.location:
                self.send_header("Location", answer.location)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        def log_message(self, *args) -> None:
            pass

    return Handler


class Serving:
    """Starts the pretend site in a thread; `stop()` releases hung answers and stops it."""

    def __init__(self, site: PretendModernGov) -> None:
        self.site = site
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
        self.server.daemon_threads = True
        site.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.site.released.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
