"""Importing figures from a spreadsheet: every row is checked first, and either all rows are
imported or none, with a report naming each bad row and what is wrong with it."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Page

from townhall.council.models import Measure, MeasureValue

COLUMNS = ["measure", "date", "value", "unit", "source"]
MAX_ROWS = 5000
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
UNIT_WORDS = {
    Measure.Unit.POUNDS: {"£", "gbp", "pounds"},
    Measure.Unit.PERCENT: {"%", "percent", "per cent"},
    Measure.Unit.NUMBER: {"number", "count", ""},
}


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


@dataclass
class CheckedRow:
    measure: Measure
    on: date
    value: Decimal
    source_document: object | None
    source_url: str


def _date(text: str) -> date:
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f'"{text}" is not a date: write it as 2012-03-31 or 31/03/2012')


def _value(text: str) -> Decimal:
    cleaned = text.replace(",", "").replace("£", "").replace("%", "").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f'"{text}" is not a number') from None
    if not value.is_finite():
        raise ValueError(f'"{text}" is not a number')
    if value < 0:
        raise ValueError(f"{text} is negative: figures are amounts, counts or shares")
    if value.as_tuple().exponent < -2 or abs(value) >= Decimal(10) ** 14:
        raise ValueError(f"{text} has more digits than a figure can hold")
    return value


def _source(text: str) -> tuple[object | None, str]:
    if text.startswith(("https://", "http://")):
        return None, text
    if not text:
        raise ValueError("cite the source: a document's title or number, or a web address")
    documents = get_document_model().objects
    found = documents.filter(pk=int(text)).first() if text.isdigit() else None
    found = found or documents.filter(title__iexact=text).first()
    if found is None:
        raise ValueError(f'no document is called "{text}": upload it first, or give its address')
    return found, ""


def _check_row(cells: dict[str, str], measures: dict[str, Measure]) -> CheckedRow:
    name = cells["measure"]
    measure = measures.get(name.casefold())
    if measure is None:
        known = ", ".join(sorted(m.name for m in measures.values())) or "none yet"
        raise ValueError(f'no measure is called "{name}" here (its measures: {known})')
    unit = cells["unit"].casefold()
    if unit not in UNIT_WORDS[measure.unit]:
        raise ValueError(
            f'the unit "{cells["unit"]}" does not match "{measure.name}", which is in '
            f"{measure.get_unit_display().lower()}"
        )
    document, url = _source(cells["source"])
    return CheckedRow(measure, _date(cells["date"]), _value(cells["value"]), document, url)


def _rows(data: bytes) -> csv.DictReader:
    text = data.decode("utf-8-sig")  # spreadsheets often begin UTF-8 files with a BOM
    reader = csv.DictReader(io.StringIO(text, newline=""))
    headings = [heading.strip().casefold() for heading in reader.fieldnames or []]
    missing = [column for column in COLUMNS if column not in headings]
    if missing:
        raise ValueError(
            f"The first row must name the columns {', '.join(COLUMNS)}; "
            f"missing: {', '.join(missing)}."
        )
    reader.fieldnames = headings
    return reader


def check_figures(data: bytes, page: Page) -> tuple[list[CheckedRow], ImportReport]:
    report = ImportReport()
    try:
        reader = _rows(data)
    except UnicodeDecodeError:
        report.errors.append(RowError(1, "The file is not UTF-8 text: save it as CSV UTF-8."))
        return [], report
    except (ValueError, csv.Error) as error:
        report.errors.append(RowError(1, str(error)))
        return [], report
    measures = {measure.name.casefold(): measure for measure in page.measures.all()}
    checked, seen = [], {}
    try:
        for number, row in enumerate(reader, start=2):
            if number > MAX_ROWS + 1:
                report.errors.append(RowError(number, f"Import at most {MAX_ROWS} rows at once."))
                break
            cells = {key: (value or "").strip() for key, value in row.items() if key}
            if not any(cells.values()):
                continue  # blank lines at the end of a spreadsheet
            try:
                found = _check_row(cells, measures)
            except ValueError as error:
                report.errors.append(RowError(number, str(error)))
                continue
            key = (found.measure.pk, found.on)
            if key in seen:
                report.errors.append(
                    RowError(number, f"repeats row {seen[key]}: one value per measure and date")
                )
                continue
            seen[key] = number
            checked.append(found)
    except csv.Error as error:
        report.errors.append(RowError(reader.line_num, f"The file is not valid CSV: {error}"))
    if not checked and not report.errors:
        report.errors.append(RowError(2, "The file has no figures in it."))
    return checked, report


def import_figures(data: bytes, page: Page) -> ImportReport:
    """Check every row, then import all of them in one transaction, or none.

    Importing the same file again adds nothing twice: a value is keyed by measure and date.
    """
    checked, report = check_figures(data, page)
    if not report.ok:
        return report
    with transaction.atomic():
        for row in checked:
            _, created = MeasureValue.objects.update_or_create(
                measure=row.measure,
                on=row.on,
                defaults={
                    "value": row.value,
                    "source": row.source_document,
                    "source_url": row.source_url,
                },
            )
            if created:
                report.added += 1
            else:
                report.updated += 1
    return report
