"""Consultation rules as plain functions: status from dates, skip logic, saving pages of
answers, submitting once, and the respondent's receipt."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from townhall.consultations.models import AnswerFile, ConsultationPage, Response, Stage
from townhall.consultations.status import (  # noqa: F401 - named here for the views and API
    CLOSED,
    CONCLUDED,
    FORTHCOMING,
    OPEN,
    Status,
    status,
)
from townhall.core.errors import Refused
from townhall.core.mail import send_email_after_commit
from townhall.core.questions import Question, condition_met, shown


def questions_of(page_block) -> list[Question]:
    return [Question(child.block_type, child.value) for child in page_block["questions"]]


def visible_pages(stage: Stage, answers: dict) -> list:
    """The stage's pages that show, given the answers so far (skip logic)."""
    return [block.value for block in stage.pages if condition_met(block.value, answers)]


def visible_questions(stage: Stage, answers: dict) -> list[Question]:
    return [
        question
        for page_block in visible_pages(stage, answers)
        for question in questions_of(page_block)
        if question.shown_when(answers)
    ]


def start(page: ConsultationPage) -> Response:
    current = status(page)
    if current.state != OPEN:
        raise Refused(_("This consultation is not open for responses."))
    return Response.objects.create(consultation=page, stage=current.stage)


def check_open(response: Response) -> None:
    now = timezone.now()
    if not (response.stage.opens_at <= now < response.stage.closes_at):
        raise Refused(
            _(
                "This consultation closed on %(date)s: your answers were kept as a draft and "
                "not counted."
            )
            % {"date": dateformat.format(response.stage.closes_at, "j E Y")}
        )


@transaction.atomic
def save_answers(response: Response, answers: dict, files: dict | None = None) -> Response:
    """Merge one page's answers into the draft (a retry saves the same thing again)."""
    locked = Response.objects.select_for_update().get(pk=response.pk)
    if locked.state != Response.State.DRAFT:
        raise Refused(_("This response has already been submitted."))
    check_open(locked)
    merged = {**locked.answers}
    for key, value in answers.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    for key, upload in (files or {}).items():
        AnswerFile.objects.filter(response=locked, key=key).delete()
        AnswerFile.objects.create(
            response=locked, key=key, file=upload, original_name=upload.name[:200], size=upload.size
        )
        merged[key] = upload.name[:200]
    locked.answers = merged
    locked.save(update_fields=["answers", "updated_at"])
    return locked


def missing_answers(response: Response) -> list[Question]:
    answers = response.answers
    return [
        question
        for question in visible_questions(response.stage, answers)
        if question.value.get("required") and answers.get(question.key) in (None, "", [], {})
    ]


@transaction.atomic
def submit(response: Response, *, publish: str, name: str = "", email: str = "") -> bool:
    """Submit a draft once. Returns False (and changes nothing) when it was already submitted,
    so a double click or a replayed form is harmless. Answers to questions that skip logic
    now hides are dropped: they were given on a path the respondent left."""
    locked = Response.objects.select_for_update().get(pk=response.pk)
    if locked.state == Response.State.SUBMITTED:
        return False
    check_open(locked)
    if missing := missing_answers(locked):
        raise Refused(
            _("Answer “%(question)s” before you submit.") % {"question": missing[0].label}
        )
    shown_keys = {question.key for question in visible_questions(locked.stage, locked.answers)}
    locked.answers = {key: value for key, value in locked.answers.items() if key in shown_keys}
    ward_keys = [q.key for q in visible_questions(locked.stage, locked.answers) if q.kind == "ward"]
    if ward_keys and locked.answers.get(ward_keys[0]):
        from townhall.core.models import Ward

        locked.ward = Ward.objects.filter(code=locked.answers[ward_keys[0]]).first()
    page = locked.consultation
    if page.who_can_respond == "wards":
        allowed = set(page.wards.values_list("pk", flat=True))
        if locked.ward_id not in allowed:
            names = ", ".join(page.wards.order_by("name").values_list("name", flat=True))
            raise Refused(
                _("This consultation is for people who live or work in %(wards)s.")
                % {"wards": names}
            )
    locked.state, locked.publish, locked.submitted_at = (
        Response.State.SUBMITTED,
        publish,
        timezone.now(),
    )
    locked.name, locked.email = name, email or locked.email
    locked.save()
    if locked.email:
        send_receipt(locked)
    return True


def receipt(response: Response) -> list[tuple[str, str]]:
    answers = response.answers
    return [
        (question.label, shown(question, answers.get(question.key)))
        for question in visible_questions(response.stage, answers)
    ]


def answer_link(response: Response) -> str:
    return settings.TOWNHALL_BASE_URL + reverse("consultation-answer", args=[response.token, 1])


def send_resume_link(response: Response, email: str) -> None:
    Response.objects.filter(pk=response.pk).update(email=email)
    send_email_after_commit(
        email,
        _("Finish your response: %(title)s") % {"title": response.consultation.title},
        render_to_string(
            "consultations/emails/resume.txt",
            {"response": response, "link": answer_link(response)},
        ),
    )


def send_receipt(response: Response) -> None:
    send_email_after_commit(
        response.email,
        _("Your response %(reference)s: %(title)s")
        % {"reference": response.public_id, "title": response.consultation.title},
        render_to_string(
            "consultations/emails/receipt.txt",
            {"response": response, "answers": receipt(response)},
        ),
    )
