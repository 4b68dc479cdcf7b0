"""Loading the ONS postcode directory: which ward each of a borough's postcodes is in.

The national file (ONS Postcode Directory or National Statistics Postcode Lookup, about
2.7 million rows) can be given whole, as its CSV, gzipped, or as the zip the ONS publishes:
it is read a line at a time and only the borough's rows are kept, so memory grows with the
borough, not the country.
"""

import csv
import gzip
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _

from townhall.core import pagecache
from townhall.core.models import Borough, Postcode, Ward
from townhall.core.services.postcodes import forget_has_postcodes, normalise_postcode

# Column names in the ONS Postcode Directory and the National Statistics Postcode Lookup.
POSTCODE_COLUMNS = ("pcds", "pcd", "pcd7", "pcd8", "postcode")
WARD_COLUMNS = ("osward", "wd25cd", "wd24cd", "wd23cd", "wd22cd", "ward_code")
TERMINATED_COLUMN = "doterm"  # yyyymm, empty while the postcode is in use


class PostcodeFileError(Exception):
    """The file cannot be loaded; the message says what is wrong and where."""


@dataclass
class DirectoryReport:
    rows: int = 0  # data rows read, every borough's
    live: int = 0
    terminated: int = 0
    outside: int = 0  # other authorities' postcodes in the borough's districts
    stored: bool = False

    @property
    def kept(self) -> int:
        return self.live + self.terminated


def _column(header: list[str], names: Iterable[str], what: str, given: str | None) -> int:
    lowered = [name.strip().lower() for name in header]
    for name in [given] if given else names:
        if name and name.lower() in lowered:
            return lowered.index(name.lower())
    wanted = f'"{given}"' if given else " or ".join(f'"{name}"' for name in names)
    raise PostcodeFileError(
        _("the first line has no %(what)s column (%(wanted)s)") % {"what": what, "wanted": wanted}
    )


def _month(text: str, line_number: int) -> date | None:
    text = text.strip()
    if not text:
        return None
    if len(text) != 6 or not text.isdigit() or not 1 <= int(text[4:]) <= 12:
        raise PostcodeFileError(
            _("line %(line)s: %(text)r is not a month written yyyymm")
            % {"line": line_number, "text": text}
        )
    return date(int(text[:4]), int(text[4:]), 1)


def _decoded(binary: IO[bytes]) -> Iterator[str]:
    for number, line in enumerate(binary, start=1):
        try:
            yield line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise PostcodeFileError(
                _("line %(line)s is not UTF-8 text") % {"line": number}
            ) from None


@contextmanager
def open_directory(path: str | Path) -> Iterator[Iterator[str]]:
    """The directory's lines, from a CSV, a gzipped CSV, or the ONS's zip (its data CSV)."""
    path = Path(path)
    with open(path, "rb") as raw:
        if zipfile.is_zipfile(raw):
            raw.seek(0)
            with zipfile.ZipFile(raw) as archive:
                members = [m for m in archive.infolist() if m.filename.lower().endswith(".csv")]
                if not members:
                    raise PostcodeFileError(_("the zip holds no CSV file"))
                # The ONS's zip holds the directory and small lookup tables: take the largest.
                member = max(members, key=lambda m: m.file_size)
                with archive.open(member) as data:
                    yield _decoded(data)
            return
        raw.seek(0)
        if raw.read(2) == b"\x1f\x8b":
            raw.seek(0)
            with gzip.open(raw) as data:
                yield _decoded(data)
            return
        raw.seek(0)
        yield _decoded(raw)


@dataclass(frozen=True)
class _Row:
    line: int
    postcode: str  # as written
    ward: str  # its ward's code
    terminated: str  # yyyymm or ""


def _rows(
    lines: Iterable[str], postcode_column: str | None, ward_column: str | None
) -> Iterator[_Row]:
    """Each data row's postcode, ward code and termination month, as written."""
    reader = csv.reader(lines)
    try:
        header = next(reader, None)
        if not header:
            raise PostcodeFileError(_("the file is empty"))
        postcode_at = _column(header, POSTCODE_COLUMNS, _("postcode"), postcode_column)
        ward_at = _column(header, WARD_COLUMNS, _("ward code"), ward_column)
        lowered = [name.strip().lower() for name in header]
        terminated_at = lowered.index(TERMINATED_COLUMN) if TERMINATED_COLUMN in lowered else None
        for line_number, row in enumerate(reader, start=2):
            if not row:
                continue
            if len(row) <= max(postcode_at, ward_at):
                raise PostcodeFileError(
                    _("line %(line)s has too few columns") % {"line": line_number}
                )
            ended = ""
            if terminated_at is not None and terminated_at < len(row):
                ended = row[terminated_at]
            yield _Row(line_number, row[postcode_at], row[ward_at].strip(), ended.strip())
    except (csv.Error, EOFError, zipfile.BadZipFile, OSError) as error:
        # A truncated gzip or zip, or a broken quote: named, not a traceback.
        raise PostcodeFileError(
            _("the file cannot be read to its end (%(error)s)") % {"error": error}
        ) from error


def _postcode(row: _Row) -> str:
    postcode = normalise_postcode(row.postcode)
    if postcode is None:
        raise PostcodeFileError(
            _("line %(line)s: %(text)r is not a postcode")
            % {"line": row.line, "text": row.postcode}
        )
    return postcode


def _district(written: str) -> str:
    """ "NW4 4BG" or "NW4  4BG" → "NW4" (the inward code is always three characters)."""
    return "".join(written.split())[:-3].upper()


def _directory_changed(borough: Borough) -> None:
    forget_has_postcodes(borough)
    # Every cached form that asks for a postcode (or offers the ward list) is now wrong.
    pagecache.invalidate(pagecache.SITE_TAG)


def _directory_changing(borough: Borough) -> None:
    # Forgotten now for this process, and again once committed, for every other (one that
    # asked in between would otherwise keep the old answer for an hour).
    forget_has_postcodes(borough)
    transaction.on_commit(lambda: _directory_changed(borough))


def remove_postcodes(borough: Borough) -> int:
    """Forget the borough's directory: forms ask for the ward again. How many were removed."""
    with transaction.atomic():
        removed, _ = Postcode.objects.filter(borough=borough).delete()
        _directory_changing(borough)
    return removed


def load_postcodes(
    borough: Borough,
    lines: Iterable[str],
    *,
    postcode_column: str | None = None,
    ward_column: str | None = None,
    dry_run: bool = False,
    neighbour_lines: Iterable[str] | None = None,
) -> DirectoryReport:
    """Replace the borough's postcodes with those in a CSV whose ward is one of its wards.

    The national directory can be given whole: rows in other boroughs are skipped. A
    terminated postcode (a "doterm" month) is kept with its ward and that month, so a form
    can say it is no longer in use. Given the same file again as `neighbour_lines` (a second
    reading: the borough's districts are known only after the first), other authorities'
    postcodes in those districts are kept too, without a ward, so that a form can say such a
    postcode is outside the borough. All or nothing: on any error nothing changes.
    """
    wards = {ward.code: ward for ward in Ward.objects.filter(borough=borough).defer("boundary")}
    if not wards:
        raise PostcodeFileError(
            _("%(borough)s has no wards yet: load them first (load_wards)") % {"borough": borough}
        )
    report = DirectoryReport()
    found: dict[str, tuple[Ward, date | None]] = {}
    for row in _rows(lines, postcode_column, ward_column):
        report.rows += 1
        if (ward := wards.get(row.ward)) is not None:
            found[_postcode(row)] = (ward, _month(row.terminated, row.line))
    if not found:
        raise PostcodeFileError(
            _("no postcode in the file is in one of %(borough)s's wards") % {"borough": borough}
        )
    report.terminated = sum(1 for _, ended in found.values() if ended)
    report.live = len(found) - report.terminated
    # Other authorities' live postcodes in the borough's districts: known to be outside it.
    districts = {code.split()[0] for code in found}
    outside: set[str] = set()
    if neighbour_lines is not None:
        for row in _rows(neighbour_lines, postcode_column, ward_column):
            theirs = row.ward not in wards and not row.terminated
            if theirs and _district(row.postcode) in districts:
                outside.add(_postcode(row))
    report.outside = len(outside - found.keys())
    if dry_run:
        return report
    with transaction.atomic():
        Postcode.objects.filter(borough=borough).delete()
        rows = [
            Postcode(borough=borough, postcode=code, ward=ward, terminated_on=ended)
            for code, (ward, ended) in found.items()
        ]
        rows += [Postcode(borough=borough, postcode=code) for code in outside - found.keys()]
        Postcode.objects.bulk_create(rows, batch_size=2000)
        _directory_changing(borough)
    report.stored = True
    return report


def load_postcode_file(borough: Borough, path: str | Path, **options) -> DirectoryReport:
    """`load_postcodes` from a file on disk (CSV, .gz or the ONS's .zip), read twice."""
    with open_directory(path) as lines, open_directory(path) as again:
        return load_postcodes(borough, lines, neighbour_lines=again, **options)
