"""Asking a ModernGov site: each operation of its web service is a plain GET answering XML,
and its papers and photos are files below the same address. Every failure (no answer within
the timeout, an HTTP error, an answer that is not the XML asked for) is a `ModernGovError`
saying which operation and why, in one line."""

import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import IO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext as _

DEFAULT_TIMEOUT = 60.0  # self-hosted sites are slow: allow a minute
MAX_ANSWER_BYTES = 50 * 1024 * 1024
MAX_FILE_BYTES = 200 * 1024 * 1024  # a long report pack
CHUNK = 64 * 1024
SERVICE = "mgWebService.asmx"
USER_AGENT = "Townhall (ModernGov sync)"


class ModernGovError(Exception):
    """One line naming what was asked and what went wrong."""


def service_base(url: str) -> str:
    """The site's address from what an operator may paste: the site, the service or its WSDL."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ModernGovError(
            _("%(url)r is not a web address (https://democracy.example.gov.uk)") % {"url": url}
        )
    path = parts.path
    if SERVICE.lower() in path.lower():
        path = path[: path.lower().index(SERVICE.lower())]
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path.rstrip("/") + "/", "", ""))


DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of a web address, with the scheme's own port filled in."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:  # a port that is not a number
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return parts.scheme, parts.hostname, port or DEFAULT_PORTS[parts.scheme]


def same_site(base: str, url: str) -> bool:
    """Whether `url` is on the site at `base`: the same scheme, host and port, or the same
    host moved from plain http to https on the usual ports (never the other way)."""
    site, other = _origin(base), _origin(url)
    if site is None or other is None:
        return False
    return other == site or (site == ("http", site[1], 80) and other == ("https", site[1], 443))


class _SameSiteRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects within the site (http to https, a moved page) are followed; to another
    scheme, host or port, refused: an answer must not make Townhall fetch, and publish,
    someone else's address."""

    def __init__(self, base: str) -> None:
        self.base = base

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not same_site(self.base, newurl):
            raise urllib.error.HTTPError(
                newurl, code, _("redirected to another site (%(why)s)") % {"why": msg}, headers, fp
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class ModernGovSite:
    def __init__(self, url: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.base = service_base(url)
        self.timeout = timeout
        self.opener = urllib.request.build_opener(_SameSiteRedirects(self.base))

    def is_own(self, url: str) -> bool:
        """Whether a paper's or photo's address is on the site itself (only those are fetched)."""
        return same_site(self.base, self.file_url(url))

    def operation_url(self, operation: str, **query: str | int) -> str:
        address = urllib.parse.urljoin(self.base, f"{SERVICE}/{operation}")
        return f"{address}?{urllib.parse.urlencode(query)}" if query else address

    def ask(self, operation: str, root: str, **query: str | int) -> Element:
        """The answer's root element, which must be `root`."""
        what = _describe(operation, query)
        with self._open(self.operation_url(operation, **query), what) as answer:
            body = self._read(answer, what, MAX_ANSWER_BYTES)
        try:
            element = fromstring(body)
        except DefusedXmlException as error:
            raise ModernGovError(
                _("%(what)s: refused: the answer declares %(error)s")
                % {"what": what, "error": error}
            ) from error
        except ParseError as error:
            raise ModernGovError(
                _("%(what)s: the answer is not well-formed XML (%(error)s)")
                % {"what": what, "error": error}
            ) from error
        if element.tag != root:
            raise ModernGovError(
                _("%(what)s: the answer is <%(tag)s>, not <%(root)s>")
                % {"what": what, "tag": element.tag, "root": root}
            )
        return element

    def file_url(self, url: str) -> str:
        """A paper's or photo's address, which ModernGov often gives relative to the site."""
        return urllib.parse.urljoin(self.base, url.strip())

    def download(self, url: str, what: str) -> tuple[IO[bytes], str]:
        """The file at `url` in a temporary file (at its start), with its content type."""
        with self._open(self.file_url(url), what) as answer:
            kind = answer.headers.get_content_type()
            spool = tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024)  # noqa: SIM115
            deadline = time.monotonic() + self.timeout
            copied = 0
            while chunk := self._chunk(answer, what, deadline):
                copied += len(chunk)
                if copied > MAX_FILE_BYTES:
                    spool.close()
                    raise ModernGovError(
                        _("%(what)s: larger than %(megabytes)d MB")
                        % {"what": what, "megabytes": MAX_FILE_BYTES // 2**20}
                    )
                spool.write(chunk)
        spool.seek(0)
        return spool, kind

    def _open(self, url: str, what: str):
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
        try:
            return self.opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:
            error.close()
            raise ModernGovError(f"{what}: HTTP {error.code} {error.reason}") from error
        except TimeoutError as error:
            raise ModernGovError(self._too_slow(what)) from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise ModernGovError(self._too_slow(what)) from error
            raise ModernGovError(self._unreachable(what, url, error.reason)) from error
        except (OSError, ValueError) as error:
            raise ModernGovError(self._unreachable(what, url, error)) from error

    def _too_slow(self, what: str) -> str:
        return _("%(what)s: no answer within %(seconds)s s") % {
            "what": what,
            "seconds": f"{self.timeout:g}",
        }

    @staticmethod
    def _unreachable(what: str, url: str, why) -> str:
        return _("%(what)s: cannot reach %(url)s: %(why)s") % {"what": what, "url": url, "why": why}

    def _chunk(self, answer, what: str, deadline: float) -> bytes:
        """The next piece of the answer; a site that trickles past the timeout has failed."""
        try:
            chunk = answer.read(CHUNK)
        except TimeoutError as error:
            raise ModernGovError(self._too_slow(what)) from error
        except OSError as error:
            raise ModernGovError(
                _("%(what)s: the answer was cut off (%(error)s)") % {"what": what, "error": error}
            ) from error
        if chunk and time.monotonic() > deadline:
            raise ModernGovError(
                _("%(what)s: not finished within %(seconds)s s")
                % {"what": what, "seconds": f"{self.timeout:g}"}
            )
        return chunk

    def _read(self, answer, what: str, limit: int) -> bytes:
        deadline = time.monotonic() + self.timeout
        body = bytearray()
        while chunk := self._chunk(answer, what, deadline):
            body += chunk
            if len(body) > limit:
                raise ModernGovError(
                    _("%(what)s: the answer is larger than %(megabytes)d MB")
                    % {"what": what, "megabytes": limit // 2**20}
                )
        return bytes(body)


def _describe(operation: str, query: dict) -> str:
    details = " ".join(f"{name}={value}" for name, value in query.items())
    return f"{operation} ({details})" if details else operation
