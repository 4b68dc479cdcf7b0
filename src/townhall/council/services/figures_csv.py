"""Importing figures from a spreadsheet: every row is checked first, and either all rows are
imported or none, with a report naming each bad row and what is wrong with it."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Page

from townhall.core.csv_import import ImportReport, check_rows, parse_date, parse_decimal
from townhall.council.models import Measure, MeasureValue

COLUMNS = ["measure", "date", "value", "unit", "source"]
MAX_ROWS = 5000
UNIT_WORDS = {
    Measure.Unit.POUNDS: {"£", "gbp", "pounds"},
    Measure.Unit.PERCENT: {"%", "percent", "per cent"},
    Measure.Unit.NUMBER: {"number", "count", ""},
}


@dataclass
class CheckedRow:
    measure: Measure
    on: date
    value: Decimal
    source_document: object | None
    source_url: str


def _value(text: str) -> Decimal:
    return parse_decimal(text, negative=_("figures are amounts, counts or shares"))


def _source(text: str) -> tuple[object | None, str]:
    if text.startswith(("https://", "http://")):
        return None, text
    if not text:
        raise ValueError(_("cite the source: a document's title or number, or a web address"))
    documents = get_document_model().objects
    found = documents.filter(pk=int(text)).first() if text.isdigit() else None
    found = found or documents.filter(title__iexact=text).first()
    if found is None:
        raise ValueError(
            _('no document is called "%(title)s": upload it first, or give its address')
            % {"title": text}
        )
    return found, ""


def _check_row(cells: dict[str, str], measures: dict[str, Measure]) -> CheckedRow:
    name = cells["measure"]
    measure = measures.get(name.casefold())
    if measure is None:
        known = ", ".join(sorted(m.name for m in measures.values())) or _("none yet")
        raise ValueError(
            _('no measure is called "%(name)s" here (its measures: %(known)s)')
            % {"name": name, "known": known}
        )
    unit = cells["unit"].casefold()
    if unit not in UNIT_WORDS[measure.unit]:
        raise ValueError(
            _('the unit "%(unit)s" does not match "%(measure)s", which is in %(measure_unit)s')
            % {
                "unit": cells["unit"],
                "measure": measure.name,
                "measure_unit": measure.get_unit_display().lower(),
            }
        )
    document, url = _source(cells["source"])
    return CheckedRow(measure, parse_date(cells["date"]), _value(cells["value"]), document, url)


def check_figures(data: bytes, page: Page) -> tuple[list[CheckedRow], ImportReport]:
    measures = {measure.name.casefold(): measure for measure in page.measures.all()}
    return check_rows(
        data,
        COLUMNS,
        MAX_ROWS,
        lambda cells: _check_row(cells, measures),
        lambda row: (row.measure.pk, row.on),
        _("one value per measure and date"),
        empty=_("The file has no figures in it."),
    )


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
