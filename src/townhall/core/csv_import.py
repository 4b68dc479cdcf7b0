"""Importing rows from a spreadsheet saved as CSV: every row is checked before any is kept,
and the report names each bad row (as the spreadsheet numbers it) and what is wrong.

An importer gives the columns it needs and a function that turns one row's cells into a
checked record (raising ValueError with a message a person can act on), and a key, so that
a row repeated in the same file is refused too.
"""

import csv
import io
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TypeVar

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

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_date(text: str) -> date:
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f'"{text}" is not a date: write it as 2012-03-31 or 31/03/2012')


def parse_decimal(text: str, *, negative: str = "", places: int = 2, digits: int = 14) -> Decimal:
    """A number as spreadsheets write them ("£1,250.00"); NaN and infinities are refused, and
    so is a negative one, with `negative` as the reason (unless that is empty)."""
    cleaned = text.replace(",", "").replace("£", "").replace("%", "").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f'"{text}" is not a number') from None
    if not value.is_finite():
        raise ValueError(f'"{text}" is not a number')
    if value < 0 and negative:
        raise ValueError(f"{text} is negative: {negative}")
    if value.as_tuple().exponent < -places or abs(value) >= Decimal(10) ** digits:
        raise ValueError(f"{text} has more digits than can be kept")
    return value


def _reader(data: bytes, columns: list[str]) -> csv.DictReader:
    text = data.decode("utf-8-sig")  # spreadsheets often begin UTF-8 files with a BOM
    reader = csv.DictReader(io.StringIO(text, newline=""))
    headings = [heading.strip().casefold() for heading in reader.fieldnames or []]
    missing = [column for column in columns if column not in headings]
    if missing:
        raise ValueError(
            f"The first row must name the columns {', '.join(columns)}; "
            f"missing: {', '.join(missing)}."
        )
    reader.fieldnames = headings
    return reader


def check_rows(
    data: bytes,
    columns: list[str],
    max_rows: int,
    check: Callable[[dict[str, str]], Checked],
    key: Callable[[Checked], Hashable],
    repeated: str,
    empty: str = "The file has no rows in it.",
) -> tuple[list[Checked], ImportReport]:
    """Every row checked; the records, and a report whose errors say why none may be kept.
    `repeated` says why a second row with the same key is refused."""
    report = ImportReport()
    try:
        reader = _reader(data, columns)
    except UnicodeDecodeError:
        report.errors.append(RowError(1, "The file is not UTF-8 text: save it as CSV UTF-8."))
        return [], report
    except (ValueError, csv.Error) as error:
        report.errors.append(RowError(1, str(error)))
        return [], report
    checked: list[Checked] = []
    seen: dict[Hashable, int] = {}
    try:
        for number, row in enumerate(reader, start=2):
            if number > max_rows + 1:
                report.errors.append(RowError(number, f"Import at most {max_rows:,} rows at once."))
                break
            cells = {name: (value or "").strip() for name, value in row.items() if name}
            if not any(cells.values()):
                continue  # blank lines at the end of a spreadsheet
            try:
                found = check(cells)
            except ValueError as error:
                report.errors.append(RowError(number, str(error)))
                continue
            if (found_key := key(found)) in seen:
                report.errors.append(RowError(number, f"repeats row {seen[found_key]}: {repeated}"))
                continue
            seen[found_key] = number
            checked.append(found)
    except csv.Error as error:
        report.errors.append(RowError(reader.line_num, f"The file is not valid CSV: {error}"))
    if not checked and not report.errors:
        report.errors.append(RowError(2, empty))
    return checked, report
