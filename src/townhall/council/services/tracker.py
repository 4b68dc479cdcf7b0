"""The promise tracker's rules: how figures are written, what the latest claim and outcome
are, and one chart per unit of measure, drawn from the same rows as the table beside it."""

from dataclasses import dataclass, field

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from wagtail.models import Page

from townhall.core.charts import Series, line_chart
from townhall.council.models.figures import Measure, MeasureValue, describe


@dataclass
class Chart:
    unit: str
    title: str
    svg: SafeString
    rows: list[MeasureValue]


@dataclass
class Tracker:
    measures: list[Measure] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    latest_claim: MeasureValue | None = None
    latest_outcome: MeasureValue | None = None

    def __bool__(self) -> bool:
        return bool(self.measures)


def _latest(values: list[MeasureValue], role: str) -> MeasureValue | None:
    of_role = [value for value in values if value.measure.role == role]
    return max(of_role, key=lambda value: value.on, default=None)


def tracker_for(page: Page, *, contract=None) -> Tracker:
    """The measures of a programme or project (or only those of one contract), charted."""
    measures = Measure.objects.filter(contract=contract) if contract else page.measures.all()
    measures = list(measures.prefetch_related("values__source", "values__measure"))
    values = [value for measure in measures for value in measure.values.all()]
    charts = []
    for unit, label in Measure.Unit.choices:
        of_unit = [measure for measure in measures if measure.unit == unit]
        rows = sorted(
            (value for value in values if value.measure.unit == unit),
            key=lambda value: (value.on, value.measure.name),
        )
        if not rows:
            continue
        title = _("%(name)s: figures in %(unit)s") % {
            "name": contract if contract else page.title,
            "unit": label.lower(),
        }
        svg = line_chart(
            [
                Series(measure.name, [(value.on, value.value) for value in measure.values.all()])
                for measure in of_unit
            ],
            title=title,
            chart_id=f"chart-{unit}",
            describe=lambda value, unit=unit: describe(value, unit),
        )
        charts.append(Chart(unit, title, svg, rows))
    return Tracker(
        measures,
        charts,
        _latest(values, Measure.Role.CLAIM),
        _latest(values, Measure.Role.OUTCOME),
    )
