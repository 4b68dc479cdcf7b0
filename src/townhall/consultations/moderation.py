"""Moderating free-text answers before publication: approve, redact a passage (with a
logged reason) or reject; each decision records who made it and when."""

from django.db import transaction
from django.utils.translation import gettext as _

from townhall.consultations.models import ConsultationPage, Moderation, Response
from townhall.consultations.results import text_questions_by_stage
from townhall.core.errors import Refused


def waiting(page: ConsultationPage) -> list[tuple[Response, str, str, str]]:
    """Free-text answers people let us publish that nobody has moderated yet:
    (response, question key, question label, text)."""
    decided = set(
        Moderation.objects.filter(response__consultation=page).values_list("response_id", "key")
    )
    queue = []
    questions = text_questions_by_stage(page)
    responses = Response.objects.filter(consultation=page, state=Response.State.SUBMITTED).exclude(
        publish=Response.Publish.PRIVATE
    )
    for response in responses.order_by("submitted_at"):
        for question in questions.get(response.stage_id, []):
            text = response.answers.get(question.key)
            if text and (response.pk, question.key) not in decided:
                queue.append((response, question.key, question.label, text))
    return queue


@transaction.atomic
def decide(response: Response, key: str, decision: str, user, *, text: str = "", reason: str = ""):
    original = response.answers.get(key)
    if not original:
        raise Refused(_("That answer does not exist."))
    if decision == Moderation.Decision.REDACTED:
        if not reason.strip():
            raise Refused(_("Say why a passage is removed: the reason is kept in the log."))
        if not text.strip() or text.strip() == original.strip():
            raise Refused(_("Edit the text to remove the passage, or approve it as written."))
    published = {
        Moderation.Decision.APPROVED: original,
        Moderation.Decision.REDACTED: text.strip(),
        Moderation.Decision.REJECTED: "",
    }[decision]
    Moderation.objects.update_or_create(
        response=response,
        key=key,
        defaults={"decision": decision, "text": published, "reason": reason, "moderated_by": user},
    )
