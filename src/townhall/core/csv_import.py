"""Importing rows from a spreadsheet saved as CSV: every row is checked before any is kept,
and the report names each bad row (as the spreadsheet numbers it) and what is wrong.

An importer gives the columns it needs and a function that turns one row's cells into a
checked record (raising ValueError with a message a person can act on), and a key, so that
a row repeated in the same file is refused too.
"""

import csv
import io
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

Checked = TypeVar("Checked")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


@dataclass
class RowError:
    row: int  # as a spreadsheet numbers it: the header is row 1
    message: str


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    rows: int = 0  # rows checked and good

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_date(text: str) -> date:
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(
        _('"%(text)s" is not a date: write it as 2012-03-31 or 31/03/2012') % {"text": text}
    )


def parse_decimal(text: str, *, negative: str = "", places: int = 2, digits: int = 14) -> Decimal:
    """A number as spreadsheets write them ("£1,250.00"); NaN and infinities are refused, and
    so is a negative one, with `negative` as the reason (unless that is empty)."""
    cleaned = text.replace(",", "").replace("£", "").replace("%", "").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(_('"%(text)s" is not a number') % {"text": text}) from None
    if not value.is_finite():
        raise ValueError(_('"%(text)s" is not a number') % {"text": text})
    if value < 0 and negative:
        raise ValueError(_("%(text)s is negative: %(reason)s") % {"text": text, "reason": negative})
    if value.as_tuple().exponent < -places or abs(value) >= Decimal(10) ** digits:
        raise ValueError(_("%(text)s has more digits than can be kept") % {"text": text})
    return value


def _lines(data: bytes) -> Iterator[str]:
    for number, line in enumerate(io.BytesIO(data)):
        # Spreadsheets often begin a UTF-8 file with a byte order mark.
        yield line.decode("utf-8-sig" if number == 0 else "utf-8")


def _reader(data: bytes, columns: list[str]) -> csv.DictReader:
    # Decoded a line at a time as it is read, not all at once: the file is held once, as
    # its bytes (not also as a decoded copy and a StringIO's copy of that), and a byte that
    # is not UTF-8 is reported on its own line.
    reader = csv.DictReader(_lines(data))
    headings = [heading.strip().casefold() for heading in reader.fieldnames or []]
    missing = [column for column in columns if column not in headings]
    if missing:
        raise ValueError(
            _("The first row must name the columns %(columns)s; missing: %(missing)s.")
            % {"columns": ", ".join(columns), "missing": ", ".join(missing)}
        )
    reader.fieldnames = headings
    return reader


NOT_UTF8 = gettext_lazy("The file is not UTF-8 text: save it as CSV UTF-8.")


def _cells(reader: csv.DictReader, max_rows: int, report: ImportReport):
    """(row number, cells) of each row that is not blank, reporting a file too long, not
    UTF-8 or not CSV where it is found."""
    try:
        for number, row in enumerate(reader, start=2):
            if number > max_rows + 1:
                too_many = ngettext(
                    "Import at most %(count)s row at once.",
                    "Import at most %(count)s rows at once.",
                    max_rows,
                ) % {"count": f"{max_rows:,}"}
                report.errors.append(RowError(number, too_many))
                return
            cells = {name: (value or "").strip() for name, value in row.items() if name}
            if any(cells.values()):  # blank lines at the end of a spreadsheet are skipped
                yield number, cells
    except UnicodeDecodeError:
        report.errors.append(RowError(reader.line_num + 1, str(NOT_UTF8)))
    except csv.Error as error:
        report.errors.append(
            RowError(reader.line_num, _("The file is not valid CSV: %(error)s") % {"error": error})
        )


def _open(data: bytes, columns: list[str], report: ImportReport) -> csv.DictReader | None:
    try:
        return _reader(data, columns)
    except UnicodeDecodeError:
        report.errors.append(RowError(1, str(NOT_UTF8)))
    except (ValueError, csv.Error) as error:
        report.errors.append(RowError(1, str(error)))
    return None


def _check_each(
    data: bytes,
    columns: list[str],
    max_rows: int,
    check: Callable[[dict[str, str]], Checked],
    key: Callable[[Checked], Hashable],
    repeated: str,
    keep: Callable[[Checked], None],
    report: ImportReport | None = None,
) -> ImportReport:
    report = report if report is not None else ImportReport()
    reader = _open(data, columns, report)
    if reader is None:
        return report
    seen: dict[Hashable, int] = {}
    for number, cells in _cells(reader, max_rows, report):
        try:
            found = check(cells)
        except ValueError as error:
            report.errors.append(RowError(number, str(error)))
            continue
        if (found_key := key(found)) in seen:
            repeats = _("repeats row %(row)s: %(reason)s") % {
                "row": seen[found_key],
                "reason": repeated,
            }
            report.errors.append(RowError(number, repeats))
            continue
        seen[found_key] = number
        report.rows += 1
        keep(found)
    return report


def check_rows(
    data: bytes,
    columns: list[str],
    max_rows: int,
    check: Callable[[dict[str, str]], Checked],
    key: Callable[[Checked], Hashable],
    repeated: str,
    empty: str = gettext_lazy("The file has no rows in it."),
) -> tuple[list[Checked], ImportReport]:
    """Every row checked; the records, and a report whose errors say why none may be kept.
    `repeated` says why a second row with the same key is refused."""
    checked: list[Checked] = []
    report = _check_each(data, columns, max_rows, check, key, repeated, checked.append)
    if not report.rows and not report.errors:
        report.errors.append(RowError(2, str(empty)))
    return checked, report


def check_and_store(
    data: bytes,
    columns: list[str],
    max_rows: int,
    check: Callable[[dict[str, str]], Checked],
    key: Callable[[Checked], Hashable],
    repeated: str,
    store: Callable[[list[Checked]], None],
    *,
    batch: int = 5000,
    empty: str = gettext_lazy("The file has no rows in it."),
) -> ImportReport:
    """As check_rows, for a large file: good rows are stored `batch` at a time as they are
    checked, inside one transaction that is rolled back if any row is wrong, so nothing is
    kept unless all are good, and memory holds each row's key and one batch rather than a
    million records. Once a row is wrong the rest are checked but not stored."""
    waiting: list[Checked] = []

    def keep(found: Checked) -> None:
        waiting.append(found)
        if len(waiting) >= batch:
            flush()

    def flush() -> None:
        if not report_so_far.errors:
            store(list(waiting))
        waiting.clear()

    report_so_far = ImportReport()
    with transaction.atomic():
        report = _check_each(data, columns, max_rows, check, key, repeated, keep, report_so_far)
        if report.ok and waiting:
            flush()
        if not report.rows and not report.errors:
            report.errors.append(RowError(2, str(empty)))
        if not report.ok:
            transaction.set_rollback(True)
    return report
