"""A dataset's figures as a page shows them: the latest value and its change, a chart, and
the table of exactly the numbers the chart draws, with the limit in force.

Cost grows with the places and periods shown, never with all the observations: a dataset
with one period is drawn as bars by place (at most MAX_PLACES); a few places over time as a
line each; many places over time as the average per period, worked out by the database.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Avg, Count, Q
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from townhall.core.charts import Line, Series, bar_chart, line_chart
from townhall.core.figure_map import MapFigure, figure_map
from townhall.datasets.models import Dataset, Limit, Observation

MAX_PLACES = 50
MAX_LINES = 5
MAX_PERIODS = 400
MAX_MAPPED = 500
SHAPE_COUNTS = {"places", "periods", "total"}


@dataclass
class Row:
    label: str  # the place, or "All places"
    period: str
    on: object  # the period's first day
    value: Decimal
    over_limit: bool = False
    shown: str = ""  # the value with its unit, as the chart's labels give it
    number: str = ""  # the value as the table gives it
    ward: str = ""  # the ward it is in, where known


@dataclass
class Figures:
    chart: SafeString
    kind: str  # "bars", "lines" or "average"
    rows: list[Row] = field(default_factory=list)
    latest: Row | None = None
    change: Decimal | None = None
    limit: Limit | None = None
    over_limit: int = 0
    observations: int = 0
    change_words: str = ""  # "Down 10%", "Up 2.5 µg/m³", "No change"
    map: str = ""  # SVG: the latest period by ward or point, when there is one
    map_rows: list[Row] = field(default_factory=list)  # exactly the numbers the map draws

    @property
    def wards_shown(self) -> bool:
        """Whether the tables give each place's ward (its places are points in wards)."""
        return any(row.ward for row in [*self.rows, *self.map_rows])


def number(value) -> str:
    """52.1, 40, 1,250.5: as many decimals as the value has, no trailing zeros."""
    found = Decimal(value).normalize()
    return f"{found:,f}" if found == found.to_integral() else f"{found:,}"


def describe(dataset: Dataset):
    def shown(value) -> str:
        return f"{number(value)}{'' if dataset.unit.startswith('%') else ' '}{dataset.unit}"

    return shown


def current_limit(dataset: Dataset) -> Limit | None:
    return dataset.limits.order_by("-applies_from").first()


def _place(observation: Observation) -> str:
    if observation.place:
        return observation.place
    return observation.ward.name if observation.ward_id else _("The borough")


def _ward(observation: Observation) -> str:
    """The ward of a named place (a school in it); "" where the place is the ward itself."""
    return observation.ward.name if observation.ward_id and observation.place else ""


def _period(observation: Observation) -> str:
    return observation.period_label or date_format(observation.period_start, "j E Y")


def figures(dataset: Dataset, chart_id: str = "dataset-chart", *, with_map: bool = True) -> Figures:
    observations = dataset.observations.select_related("ward")
    limit = current_limit(dataset)
    line = Line(f"{limit.label}: {describe(dataset)(limit.value)}", limit.value) if limit else None
    shape = _shape(dataset, observations)
    total = shape["total"]
    if shape["periods"] == 1:
        result = _bars(dataset, observations, line, chart_id)
    elif shape["places"] <= MAX_LINES:
        result = _lines(dataset, observations, line, chart_id)
    else:
        result = _average(dataset, observations, line, chart_id, shape["places"])
    result.limit, result.observations = limit, total
    for row in result.rows:
        row.shown, row.number = describe(dataset)(row.value), number(row.value)
    if result.change is not None:
        amount = describe(dataset)(abs(result.change))
        if dataset.unit == "%":  # a change in a share is in points, not per cent
            amount = _percentage_points(abs(result.change))
        if not result.change:
            result.change_words = _("No change")
        elif result.change > 0:
            result.change_words = _("Up %(amount)s") % {"amount": amount}
        else:
            result.change_words = _("Down %(amount)s") % {"amount": amount}
    if limit:
        for row in result.rows:
            row.over_limit = _breaks(limit, row.value)
        latest_period = result.rows[-1].on if result.rows else None
        result.over_limit = sum(row.over_limit for row in result.rows if row.on == latest_period)
    if with_map and result.rows:
        _map(dataset, observations, result, chart_id)
    return result


def _percentage_points(change: Decimal) -> str:
    """A change in a share, in points: a whole number takes its plural form, a fraction
    (2.5) its own."""
    points = number(change)
    if change == change.to_integral():
        return ngettext(
            "%(count)s percentage point", "%(count)s percentage points", int(change)
        ) % {"count": points}
    return pgettext("a fraction, as 2.5", "%(count)s percentage points") % {"count": points}


def _map(dataset: Dataset, observations, result: Figures, chart_id: str) -> None:
    """The latest period's places on the borough's map, with their own table (the chart's
    when it is of that period alone). At most MAX_MAPPED, the highest first."""
    latest = max(row.on for row in result.rows)
    mapped = list(
        observations.filter(period_start=latest)
        .filter(Q(ward__isnull=False) | Q(latitude__isnull=False))
        .order_by("-value")[:MAX_MAPPED]
    )
    if not mapped:
        return
    shown, limit = describe(dataset), result.limit
    rows = [
        Row(
            _place(o),
            _period(o),
            o.period_start,
            o.value,
            over_limit=bool(limit and _breaks(limit, o.value)),
            shown=shown(o.value),
            number=number(o.value),
            ward=_ward(o),
        )
        for o in mapped
    ]
    limit_words = ""
    if limit:
        words = {"label": limit.label.lower(), "value": shown(limit.value)}
        if limit.kind == Limit.Kind.LIMIT:
            # Translators: follows "Hatched: " or "Triangle: " in a map's key
            limit_words = _("at or over the %(label)s of %(value)s") % words
        else:
            # Translators: follows "Hatched: " or "Triangle: " in a map's key
            limit_words = _("short of the %(label)s of %(value)s") % words
    result.map = figure_map(
        dataset.organisation.borough_id,
        [
            MapFigure(
                row.label,
                row.value,
                ward_code=o.ward.code if o.ward_id else "",
                longitude=o.longitude,
                latitude=o.latitude,
                over_limit=row.over_limit,
            )
            for row, o in zip(rows, mapped, strict=True)
        ],
        title=_("%(title)s, %(period)s, on the map")
        % {"title": dataset.title, "period": rows[0].period},
        describe=shown,
        limit_words=limit_words,
        map_id=f"{chart_id}-map",
    )
    result.map_rows = rows


def _shape(dataset: Dataset, observations) -> dict[str, int]:
    """How many observations, places and periods it has, which decide its chart: counts
    over every observation, most of the page's time at a million, so kept until it changes
    (its updated_at is in the key; saving or deleting an observation, or an import, moves
    it). A kept value without every count (from an earlier version, in Redis across an
    upgrade) is counted again rather than trusted."""
    key = f"dataset-shape:v2:{dataset.pk}:{dataset.updated_at.timestamp()}"
    kept = cache.get(key)
    if isinstance(kept, dict) and kept.keys() >= SHAPE_COUNTS:
        return kept
    counted = observations.aggregate(
        places=Count("place_key", distinct=True),
        periods=Count("period_start", distinct=True),
        total=Count("pk"),
    )
    cache.set(key, counted, timeout=24 * 3600)
    return counted


def observation_count(dataset: Dataset) -> int:
    """How many observations it has, kept with its shape (for the API's pages)."""
    return _shape(dataset, dataset.observations.all())["total"]


def _breaks(limit: Limit, value: Decimal) -> bool:
    """A limit is broken at or above it (40 µg/m³ or more); a target is missed below it."""
    return value >= limit.value if limit.kind == Limit.Kind.LIMIT else value < limit.value


def _bars(dataset, observations, line, chart_id) -> Figures:
    chosen = list(observations.order_by("-value")[:MAX_PLACES])
    rows = [Row(_place(o), _period(o), o.period_start, o.value, ward=_ward(o)) for o in chosen]
    chart = bar_chart(
        [(row.label, row.value) for row in rows],
        title=f"{dataset.title}, {rows[0].period if rows else ''}",
        chart_id=chart_id,
        describe=describe(dataset),
        limit=line,
    )
    return Figures(chart, "bars", rows, latest=rows[0] if rows else None)


def _lines(dataset, observations, line, chart_id) -> Figures:
    chosen = list(observations.order_by("period_start")[: MAX_PERIODS * MAX_LINES])
    series: dict[str, Series] = {}
    rows = []
    for observation in chosen:
        label = _place(observation)
        series.setdefault(label, Series(label)).points.append(
            (observation.period_start, observation.value)
        )
        rows.append(Row(label, _period(observation), observation.period_start, observation.value))
    chart = line_chart(
        list(series.values()),
        title=dataset.title,
        chart_id=chart_id,
        describe=describe(dataset),
        limit=line,
    )
    latest = rows[-1] if rows else None
    previous = next((r for r in reversed(rows[:-1]) if latest and r.label == latest.label), None)
    change = latest.value - previous.value if latest and previous else None
    return Figures(chart, "lines", rows, latest=latest, change=change)


def _average(dataset, observations, line, chart_id, places: int) -> Figures:
    per_period = list(
        observations.values("period_start")
        .annotate(mean=Avg("value"))
        .order_by("-period_start")[:MAX_PERIODS]
    )[::-1]
    label = ngettext("Average of %(count)s place", "Average of %(count)s places", places) % {
        "count": f"{places:,}"
    }
    rows = [
        Row(
            label,
            date_format(p["period_start"], "j E Y"),
            p["period_start"],
            Decimal(p["mean"]).quantize(Decimal("0.01")),
        )
        for p in per_period
    ]
    chart = line_chart(
        [Series(label, [(row.on, row.value) for row in rows])],
        title=_("%(title)s: the average of its places") % {"title": dataset.title},
        chart_id=chart_id,
        describe=describe(dataset),
        limit=line,
    )
    latest = rows[-1] if rows else None
    change = latest.value - rows[-2].value if len(rows) > 1 else None
    return Figures(chart, "average", rows, latest=latest, change=change)


def render_indicator(slug: str, heading: str, show: str = "chart") -> SafeString:
    """An indicator block on a page: the dataset's figure, chart and table, and a link."""
    dataset = Dataset.objects.public().filter(slug=slug).first()
    if dataset is None:
        return SafeString("")
    return SafeString(
        render_to_string(
            "datasets/indicator.html",
            {
                "dataset": dataset,
                "heading": heading or dataset.title,
                "figures": figures(dataset, chart_id=f"indicator-{slug}", with_map=show != "chart"),
                "show": show,
            },
        )
    )


def dataset_choices() -> list[tuple[str, str]]:
    return list(Dataset.objects.public().values_list("slug", "title"))
