"""What people said, counted: per question, from submitted responses only (drafts never
count), reading the answers as a stream so 10,000 responses cost little memory."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.utils.safestring import SafeString

from townhall.consultations.models import ConsultationPage, Response, Stage
from townhall.core.charts import bar_chart
from townhall.core.questions import Question

CHOICE_KINDS = {"single_choice", "multiple_choice", "dropdown", "scale", "consent", "ward"}
TEXT_KINDS = {"short_text", "long_text"}


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    counts: list[tuple[str, int]] = field(default_factory=list)
    rows: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # matrix
    average_positions: list[tuple[str, float]] = field(default_factory=list)  # ranking
    chart: SafeString | str = ""

    def share(self, count: int) -> str:
        return f"{round(100 * count / self.answered)}%" if self.answered else "0%"


def all_questions(stage: Stage) -> list[Question]:
    return [
        Question(child.block_type, child.value)
        for page_block in stage.pages
        for child in page_block.value["questions"]
    ]


def text_questions_by_stage(page: ConsultationPage) -> dict[int, list[Question]]:
    """Each stage's free-text questions, read from its StreamField once, not once per
    response."""
    return {
        stage.pk: [q for q in all_questions(stage) if q.kind in TEXT_KINDS]
        for stage in page.stages.all()
    }


def submitted(
    page: ConsultationPage,
    stage: Stage,
    *,
    ward_code: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet:
    responses = Response.objects.filter(
        consultation=page, stage=stage, state=Response.State.SUBMITTED
    )
    if ward_code:
        responses = responses.filter(ward__code=ward_code)
    if since:
        responses = responses.filter(submitted_at__date__gte=since)
    if until:
        responses = responses.filter(submitted_at__date__lte=until)
    return responses


def _options(question: Question) -> list[str]:
    value = question.value
    if question.kind in ("single_choice", "multiple_choice", "dropdown"):
        return [str(option) for option in value["choices"]]
    if question.kind in ("scale", "matrix"):
        return [str(point) for point in value["points"]]
    return []


def _label(question: Question, option: str, ward_names: dict[str, str]) -> str:
    if question.kind == "consent":
        return "Agreed" if option == "True" else option
    if question.kind == "ward":
        return ward_names.get(option) or option
    return option


def published_texts(page: ConsultationPage, stage: Stage) -> dict[str, list[tuple[str, str, str]]]:
    """Free-text answers people let us publish and staff approved (or redacted), by question:
    (public id, name when published with it, text as published)."""
    from townhall.consultations.models import Moderation

    texts: dict[str, list[tuple[str, str, str]]] = {}
    moderations = (
        Moderation.objects.filter(
            response__consultation=page,
            response__stage=stage,
            response__state=Response.State.SUBMITTED,
            decision__in=[Moderation.Decision.APPROVED, Moderation.Decision.REDACTED],
        )
        .exclude(response__publish=Response.Publish.PRIVATE)
        .select_related("response")
        .order_by("response__submitted_at")
    )
    for moderation in moderations:
        response = moderation.response
        name = response.name if response.publish == Response.Publish.NAMED else ""
        texts.setdefault(moderation.key, []).append((response.public_id, name, moderation.text))
    return texts


def count(stage: Stage, responses: QuerySet, *, charts: bool = True) -> list[QuestionResult]:
    from townhall.core.models import Ward

    ward_names = dict(Ward.objects.values_list("code", "name"))
    questions = [q for q in all_questions(stage) if q.kind not in TEXT_KINDS | {"file", "date"}]
    tallies = {q.key: Counter() for q in questions}
    answered = Counter()
    rank_sums = {q.key: Counter() for q in questions if q.kind == "ranking"}
    for answers in responses.values_list("answers", flat=True).iterator(chunk_size=2000):
        for question in questions:
            answer = answers.get(question.key)
            if answer in (None, "", [], {}):
                continue
            answered[question.key] += 1
            tally = tallies[question.key]
            if question.kind == "multiple_choice":
                tally.update(answer)
            elif question.kind == "matrix":
                tally.update((row, point) for row, point in answer.items())
            elif question.kind == "ranking":
                for position, item in enumerate(answer, 1):
                    rank_sums[question.key][item] += position
            else:
                tally[str(answer)] += 1
    results = []
    for question in questions:
        result = QuestionResult(question, answered[question.key])
        tally = tallies[question.key]
        if question.kind == "matrix":
            result.rows = {
                str(row): [(point, tally[(str(row), point)]) for point in _options(question)]
                for row in question.value["rows"]
            }
        elif question.kind == "ranking":
            result.average_positions = sorted(
                (
                    (str(item), rank_sums[question.key][str(item)] / result.answered)
                    for item in question.value["items"]
                    if result.answered
                ),
                key=lambda pair: pair[1],
            )
        else:
            options = _options(question) or sorted(tally)
            result.counts = [
                (_label(question, option, ward_names), tally[option]) for option in options
            ]
            if charts:
                result.chart = bar_chart(
                    result.counts,
                    title=question.label,
                    chart_id=f"chart-{question.key}",
                    describe=lambda n, result=result: f"{n} ({result.share(n)})",
                )
        results.append(result)
    return results
