"""All submitted responses as CSV (streamed row by row) or XLSX (openpyxl's write-only
mode, spooled to a temporary file), so 10,000 responses never sit in memory at once.

Emails are never exported. Text a spreadsheet would run as a formula gets a leading quote.
"""

import csv
import tempfile
from collections.abc import Iterator

from django.http import FileResponse, StreamingHttpResponse

from townhall.consultations.models import ConsultationPage, Response, Stage
from townhall.consultations.results import all_questions
from townhall.core.admin_views import spreadsheet_safe
from townhall.core.questions import Question

FIXED = ["response id", "public id", "submitted at", "ward", "publishing", "name"]


def _columns(question: Question) -> list[str]:
    if question.kind == "matrix":
        return [f"{question.key}: {row}" for row in question.value["rows"]]
    return [question.key]


def _cells(question: Question, answer) -> list[str]:
    if question.kind == "matrix":
        answer = answer or {}
        return [answer.get(str(row), "") for row in question.value["rows"]]
    if isinstance(answer, list):
        return ["; ".join(str(item) for item in answer)]
    return ["" if answer is None else str(answer)]


def rows(page: ConsultationPage, stage: Stage) -> Iterator[list[str]]:
    questions = all_questions(stage)
    yield FIXED + [column for question in questions for column in _columns(question)]
    responses = (
        Response.objects.filter(consultation=page, stage=stage, state=Response.State.SUBMITTED)
        .order_by("submitted_at", "pk")
        .values_list("pk", "public_id", "submitted_at", "ward__name", "publish", "name", "answers")
    )
    for pk, public_id, submitted_at, ward, publish, name, answers in responses.iterator(
        chunk_size=2000
    ):
        fixed = [str(pk), public_id, submitted_at.isoformat(), ward or "", publish, name]
        yield [
            spreadsheet_safe(cell)
            for cell in fixed + [c for q in questions for c in _cells(q, answers.get(q.key))]
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(page: ConsultationPage, stage: Stage) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in rows(page, stage)), content_type="text/csv"
    )
    response["Content-Disposition"] = f'attachment; filename="{page.slug}-responses.csv"'
    return response


def xlsx_response(page: ConsultationPage, stage: Stage) -> FileResponse:
    from openpyxl import Workbook  # here: 18 MB for every web process if imported at start

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Responses")
    for row in rows(page, stage):
        sheet.append(row)
    spooled = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - FileResponse closes it
    workbook.save(spooled)
    spooled.seek(0)
    return FileResponse(
        spooled,
        as_attachment=True,
        filename=f"{page.slug}-responses.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
