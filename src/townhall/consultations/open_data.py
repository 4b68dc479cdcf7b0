"""Consultation results in the open data catalogue (core.open_data): for each closed
consultation, the count of each answer to each choice question, as its results page and
the API give them. Never a response one by one, a name or what someone wrote."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from townhall.consultations import results, services
from townhall.consultations.models import ConsultationPage
from townhall.core import translations
from townhall.core.open_data import Entry

COLUMNS = ["consultation_id", "consultation", "stage", "question_key", "question", "answer"]
COLUMNS += ["count", "answered", "responses"]
FINISHED = (services.CLOSED, services.CONCLUDED)


def _finished() -> list[ConsultationPage]:
    # Stages read once for all pages: the status and the latest closing date use them.
    pages = translations.originals(ConsultationPage.objects.live().public())  # each once
    pages = pages.prefetch_related("stages").order_by("pk")
    return [page for page in pages if services.status(page).state in FINISHED]


def results_table():
    def rows():
        for page in _finished():
            for stage in page.stages.order_by("opens_at"):
                responses = results.submitted(page, stage)
                total = responses.count()
                for result in results.count(stage, responses, charts=False):
                    for answer, number in result.counts:
                        yield [
                            page.pk,
                            page.title,
                            stage.title,
                            result.question.key,
                            result.question.label,
                            answer,
                            number,
                            result.answered,
                            total,
                        ]

    return COLUMNS, rows()


def registers() -> list[Entry]:
    finished = _finished()
    if not finished:
        return []
    latest = max((s.closes_at for page in finished for s in page.stages.all()), default=None)
    return [
        Entry(
            title=_("Consultation results"),
            description=_(
                "For every consultation that has closed, how many gave each answer "
                "to each of its choice questions, as its results page shows them."
            ),
            publisher=_("Consultations on this site"),
            page=reverse("consultations"),
            licence=settings.TOWNHALL_OPEN_DATA_LICENCE,
            updated=latest,
            fields=[
                ("consultation_id, consultation, stage", _("Which consultation and stage")),
                ("question_key, question", _("The question, by its key and its words")),
                ("answer, count", _("An answer and how many gave it")),
                ("answered", _("How many answered the question")),
                ("responses", _("How many responded to the stage")),
            ],
            downloads=[("JSON", f"/api/consultations/{page.pk}/results") for page in finished[:1]],
            slug="consultation-results",
            table=results_table,
        )
    ]
