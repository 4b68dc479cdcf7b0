"""A survey asked again and again: the share giving a chosen answer, wave by wave."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.safestring import SafeString

from townhall.consultations import services
from townhall.consultations.models import ConsultationPage, Response, SurveySeries
from townhall.core import translations
from townhall.core.charts import Series, line_chart
from townhall.council.models.figures import describe


@dataclass
class TrendPoint:
    wave: ConsultationPage
    series: str
    share: float  # percent, one decimal
    answered: int

    @property
    def shown(self) -> str:
        return f"{self.share:g}%"


def _label(waves: list[ConsultationPage], key: str) -> str:
    """The question's wording in the latest wave that asks it; its key otherwise."""
    from townhall.consultations.results import all_questions

    for wave in reversed(waves):
        for stage in wave.stages.all():
            for question in all_questions(stage):
                if question.key == key:
                    return question.label
    return key


def trend_of(series: SurveySeries) -> tuple[list[TrendPoint], SafeString]:
    waves = [
        wave
        # Each wave once: a translation copies its series (core.translations).
        for wave in translations.originals(ConsultationPage.objects.live().public()).filter(
            series=series
        )
        if services.status(wave).state in (services.CLOSED, services.CONCLUDED)
    ]
    points, lines = [], []
    for key, answer in series.trends:
        line = Series(f"{_label(waves, key)} ({answer})")
        for wave in waves:
            stage = max(wave.stages.all(), key=lambda stage: stage.closes_at)
            given = (
                Response.objects.filter(consultation=wave, stage=stage, state="submitted")
                .values_list("answers", flat=True)
                .iterator(chunk_size=2000)
            )
            answered = matching = 0
            for answers in given:
                value = answers.get(key)
                if value in (None, "", []):
                    continue
                answered += 1
                matching += answer in value if isinstance(value, list) else str(value) == answer
            if answered:
                share = round(100 * matching / answered, 1)
                points.append(TrendPoint(wave, line.name, share, answered))
                line.points.append((timezone.localdate(stage.closes_at), Decimal(str(share))))
        lines.append(line)
    chart = line_chart(
        lines,
        title=f"{series.name}: share of answers over time",
        chart_id="trend",
        describe=lambda value: describe(value, "percent"),
    )
    return points, chart
