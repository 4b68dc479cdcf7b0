"""Staff's reading of free-text answers: themes (tags) and notes, counted per theme, and
erasing a response when its author asks."""

from collections import Counter
from dataclasses import dataclass

from django.db import transaction

from townhall.consultations.models import AnswerNote, ConsultationPage, Response
from townhall.consultations.results import text_questions_by_stage


@dataclass
class TextAnswer:
    response: Response
    key: str
    label: str
    text: str
    note: AnswerNote | None


def text_answers(page: ConsultationPage, tag: str = "") -> list[TextAnswer]:
    notes = {
        (note.response_id, note.key): note
        for note in AnswerNote.objects.filter(response__consultation=page)
    }
    found = []
    questions = text_questions_by_stage(page)
    responses = Response.objects.filter(consultation=page, state=Response.State.SUBMITTED)
    for response in responses.order_by("submitted_at"):
        for question in questions.get(response.stage_id, []):
            text = response.answers.get(question.key)
            if not text:
                continue
            note = notes.get((response.pk, question.key))
            if tag and (note is None or tag not in note.tag_list):
                continue
            found.append(TextAnswer(response, question.key, question.label, text, note))
    return found


def themes(page: ConsultationPage) -> list[tuple[str, int]]:
    counted = Counter(
        tag
        for note in AnswerNote.objects.filter(response__consultation=page)
        for tag in note.tag_list
    )
    return counted.most_common()


def annotate(response: Response, key: str, tags: str, note: str, user) -> AnswerNote:
    tidy = ", ".join(dict.fromkeys(t.strip().lower() for t in tags.split(",") if t.strip()))
    found, _ = AnswerNote.objects.update_or_create(
        response=response, key=key, defaults={"tags": tidy, "note": note, "written_by": user}
    )
    return found


@transaction.atomic
def erase(page: ConsultationPage, public_id: str) -> bool:
    """Delete a response, its uploaded files, moderation and notes, at its author's request."""
    response = Response.objects.filter(consultation=page, public_id=public_id.strip().upper())
    found = response.first()
    if found is None:
        return False
    for upload in found.files.all():
        upload.file.delete(save=False)
    found.delete()
    return True
