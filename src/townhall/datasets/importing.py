"""Observations from a spreadsheet: every row checked first (dates, numbers, the unit, the
ward or place), then all kept or none. Keyed by period and place, so importing a file again
changes the values it repeats and adds nothing twice."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from townhall.core.csv_import import ImportReport, check_and_store, parse_date, parse_decimal
from townhall.core.models import Ward
from townhall.datasets.models import Dataset, Observation, place_key

COLUMNS = ["date", "value"]
OPTIONAL = ["period end", "period label", "unit", "ward", "place", "latitude", "longitude"]
MAX_ROWS = 1_000_000
BATCH = 5000


@dataclass
class CheckedObservation:
    period_start: date
    period_end: date | None
    period_label: str
    value: Decimal
    ward_id: int | None
    place: str
    latitude: Decimal | None
    longitude: Decimal | None

    @property
    def key(self) -> tuple[date, str]:
        return self.period_start, place_key(self.ward_id, self.place)


def _coordinate(text: str, low: int, high: int, name: str) -> Decimal | None:
    if not text:
        return None
    value = parse_decimal(text, places=6, digits=4)
    if not low <= value <= high:
        if name == "latitude":
            raise ValueError(_("%(text)s is not a latitude") % {"text": text})
        raise ValueError(_("%(text)s is not a longitude") % {"text": text})
    return value


def _checker(dataset: Dataset):
    wards = {}
    for ward in Ward.objects.filter(borough=dataset.organisation.borough).only(
        "pk", "name", "code"
    ):
        wards[ward.name.casefold()] = wards[ward.code.casefold()] = ward.pk
    unit = dataset.unit.casefold()

    def check(cells: dict[str, str]) -> CheckedObservation:
        if cells.get("unit") and cells["unit"].casefold() != unit:
            raise ValueError(
                _('the unit "%(unit)s" is not the dataset\'s (%(dataset_unit)s)')
                % {"unit": cells["unit"], "dataset_unit": dataset.unit}
            )
        start = parse_date(cells["date"])
        end = parse_date(cells["period end"]) if cells.get("period end") else None
        if end and end < start:
            raise ValueError(_("the period ends before it starts"))
        ward_id = None
        if cells.get("ward"):
            ward_id = wards.get(cells["ward"].casefold())
            if ward_id is None:
                raise ValueError(
                    _('no ward in the borough is called "%(ward)s"') % {"ward": cells["ward"]}
                )
        latitude = _coordinate(cells.get("latitude", ""), -90, 90, "latitude")
        longitude = _coordinate(cells.get("longitude", ""), -180, 180, "longitude")
        if (latitude is None) != (longitude is None):
            raise ValueError(_("give both the latitude and the longitude, or neither"))
        if latitude is not None and not cells.get("place"):
            raise ValueError(_("name the place the latitude and longitude are of"))
        place = cells.get("place", "")
        if len(place) > 150:
            raise ValueError(_("the place's name is longer than 150 characters"))
        return CheckedObservation(
            period_start=start,
            period_end=end,
            period_label=cells.get("period label", "")[:60],
            value=parse_decimal(cells["value"], places=4, digits=14),
            ward_id=ward_id,
            place=place,
            latitude=latitude,
            longitude=longitude,
        )

    return check


def import_observations(data: bytes, dataset: Dataset) -> ImportReport:
    """Every row checked, and stored in batches as it is, in one transaction that keeps
    nothing if any row is wrong (core.csv_import.check_and_store)."""
    fields = ["period_end", "period_label", "value", "ward", "place", "latitude", "longitude"]

    def store(rows: list[CheckedObservation]) -> None:
        Observation.objects.bulk_create(
            [
                Observation(
                    dataset=dataset,
                    period_start=row.period_start,
                    period_end=row.period_end,
                    period_label=row.period_label,
                    value=row.value,
                    ward_id=row.ward_id,
                    place=row.place,
                    latitude=row.latitude,
                    longitude=row.longitude,
                    place_key=row.key[1],
                )
                for row in rows
            ],
            update_conflicts=True,
            unique_fields=["dataset", "period_start", "place_key"],
            update_fields=fields,
        )

    with transaction.atomic():
        before = Observation.objects.filter(dataset=dataset).count()
        report = check_and_store(
            data,
            COLUMNS,
            MAX_ROWS,
            _checker(dataset),
            lambda row: row.key,
            # Translators: why a repeated row is refused: "repeats row 3: one value per ..."
            _("one value per date and place"),
            store,
            batch=BATCH,
            empty=_("The file has no observations in it."),
        )
        if not report.ok:
            return report
        # What the upserts added, counted once rather than looked up row by row.
        report.added = Observation.objects.filter(dataset=dataset).count() - before
        report.updated = report.rows - report.added
        Dataset.objects.filter(pk=dataset.pk).update(updated_at=timezone.now())
    return report
