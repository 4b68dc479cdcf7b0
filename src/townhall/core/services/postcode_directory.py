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
    raise PostcodeFileError(f"the first line has no {what} column ({wanted})")


def _month(text: str, line_number: int) -> date | None:
    text = text.strip()
    if not text:
        return None
    if len(text) != 6 or not text.isdigit() or not 1 <= int(text[4:]) <= 12:
        raise PostcodeFileError(f"line {line_number}: {text!r} is not a month written yyyymm")
    return date(int(text[:4]), int(text[4:]), 1)


def _decoded(binary: IO[bytes]) -> Iterator[str]:
    for number, line in enumerate(binary, start=1):
        try:
            yield line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise PostcodeFileError(f"line {number} is not UTF-8 text") from None


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
                    raise PostcodeFileError("the zip holds no CSV file")
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


def _borough_rows(
    wards: dict[str, Ward],
    lines: Iterable[str],
    report: DirectoryReport,
    postcode_column: str | None,
    ward_column: str | None,
) -> dict[str, tuple[Ward, date | None]]:
    reader = csv.reader(lines)
    try:
        header = next(reader, None)
        if not header:
            raise PostcodeFileError("the file is empty")
        postcode_at = _column(header, POSTCODE_COLUMNS, "postcode", postcode_column)
        ward_at = _column(header, WARD_COLUMNS, "ward code", ward_column)
        lowered = [name.strip().lower() for name in header]
        terminated_at = lowered.index(TERMINATED_COLUMN) if TERMINATED_COLUMN in lowered else None
        found: dict[str, tuple[Ward, date | None]] = {}
        for line_number, row in enumerate(reader, start=2):
            if not row:
                continue
            report.rows += 1
            if len(row) <= max(postcode_at, ward_at):
                raise PostcodeFileError(f"line {line_number} has too few columns")
            ward = wards.get(row[ward_at].strip())
            if ward is None:
                continue  # another borough's
            postcode = normalise_postcode(row[postcode_at])
            if postcode is None:
                raise PostcodeFileError(
                    f"line {line_number}: {row[postcode_at]!r} is not a postcode"
                )
            ended = None
            if terminated_at is not None and terminated_at < len(row):
                ended = _month(row[terminated_at], line_number)
            found[postcode] = (ward, ended)
    except (csv.Error, EOFError, zipfile.BadZipFile, OSError) as error:
        # A truncated gzip or zip, or a broken quote: named, not a traceback.
        raise PostcodeFileError(f"the file cannot be read to its end ({error})") from error
    return found


def _directory_changed(borough: Borough) -> None:
    forget_has_postcodes(borough)
    # Every cached form that asks for a postcode (or offers the ward list) is now wrong.
    pagecache.invalidate(pagecache.SITE_TAG)


def load_postcodes(
    borough: Borough,
    lines: Iterable[str],
    *,
    postcode_column: str | None = None,
    ward_column: str | None = None,
    dry_run: bool = False,
) -> DirectoryReport:
    """Replace the borough's postcodes with those in a CSV whose ward is one of its wards.

    The national directory can be given whole: rows in other boroughs are skipped. A
    terminated postcode (a "doterm" month) is kept with its ward and that month, so a form
    can say it is no longer in use. All or nothing: on any error nothing changes.
    """
    wards = {ward.code: ward for ward in Ward.objects.filter(borough=borough).defer("boundary")}
    if not wards:
        raise PostcodeFileError(f"{borough} has no wards yet: load them first (load_wards)")
    report = DirectoryReport()
    found = _borough_rows(wards, lines, report, postcode_column, ward_column)
    if not found:
        raise PostcodeFileError(f"no postcode in the file is in one of {borough}'s wards")
    report.terminated = sum(1 for _, ended in found.values() if ended)
    report.live = len(found) - report.terminated
    if dry_run:
        return report
    with transaction.atomic():
        Postcode.objects.filter(ward__borough=borough).delete()
        codes = list(found)
        for start in range(0, len(codes), 5000):  # SQLite caps a query's parameters
            # Postcodes moved here from another borough of the same site.
            Postcode.objects.filter(postcode__in=codes[start : start + 5000]).delete()
        Postcode.objects.bulk_create(
            (
                Postcode(postcode=code, ward=ward, terminated_on=ended)
                for code, (ward, ended) in found.items()
            ),
            batch_size=2000,
        )
        # Forgotten now for this process, and again once committed, for every other (one
        # that asked in between would otherwise keep "not loaded" for an hour).
        forget_has_postcodes(borough)
        transaction.on_commit(lambda: _directory_changed(borough))
    report.stored = True
    return report


def load_postcode_file(borough: Borough, path: str | Path, **options) -> DirectoryReport:
    """`load_postcodes` from a file on disk (CSV, .gz or the ONS's .zip)."""
    with open_directory(path) as lines:
        return load_postcodes(borough, lines, **options)
