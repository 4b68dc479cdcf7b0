"""Counting, moderating, publishing and exporting responses."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from townhall.consultations import moderation, results
from townhall.consultations.models import Moderation, Response

pytestmark = pytest.mark.django_db


@pytest.fixture
def stage(libraries):
    return libraries.stages.get(title__startswith="Stage 2")


@pytest.fixture
def answered(libraries, stage):
    """Three submitted responses and one draft, which must never count."""

    def make(answers, publish="anonymous", state="submitted", name=""):
        return Response.objects.create(
            consultation=libraries,
            stage=stage,
            answers=answers,
            state=state,
            publish=publish,
            name=name,
            submitted_at=timezone.now(),
        )

    return [
        make(
            {
                "uses-library": "Yes",
                "library": "Hendon",
                "unstaffed-hours": "Agree",
                "comments": "Please keep Hendon open. My phone is 07700 900123.",
            }
        ),
        make(
            {
                "uses-library": "Yes",
                "library": "Hendon",
                "unstaffed-hours": "Disagree",
                "comments": '=HYPERLINK("http://evil")',
            },
            publish="named",
            name="Ada",
        ),
        make({"uses-library": "No", "comments": "I never go."}, publish="private"),
        make({"uses-library": "Yes", "library": "Edgware"}, state="draft"),
    ]


def _counts(stage, key):
    found = next(
        r
        for r in results.count(stage, results.submitted(stage.consultation, stage))
        if r.question.key == key
    )
    return found


def test_only_submitted_responses_are_counted(stage, answered):
    uses = _counts(stage, "uses-library")
    assert uses.counts == [("Yes", 2), ("No", 1)] and uses.answered == 3
    library = dict(_counts(stage, "library").counts)
    assert library["Hendon"] == 2 and library["Edgware"] == 0


def test_the_chart_and_the_table_hold_the_same_numbers(client, libraries, stage, answered):
    stage.closes_at = timezone.now() - timedelta(days=1)
    stage.save()
    html = client.get(f"/consultations/{libraries.pk}/results/").content.decode()
    bars = re.findall(r'class="th-chart__bar" data-label="([^"]+)" data-value="(\d+)"', html)
    rows = re.findall(r'<tr data-label="([^"]+)" data-value="(\d+)"', html)
    assert bars and sorted(bars) == sorted(rows)
    assert ("Yes", "2") in bars


def test_results_are_not_public_while_open(client, libraries, answered):
    html = client.get(f"/consultations/{libraries.pk}/results/").content.decode()
    assert "Results are published once the consultation closes" in html
    assert "Hendon" not in html


def test_free_text_is_published_only_after_moderation_and_consent(
    client, libraries, stage, answered, admin_user
):
    first, second, _private, _draft = answered
    assert [item[0] for item in moderation.waiting(libraries)] == [first, second]  # not private
    moderation.decide(
        first,
        "comments",
        Moderation.Decision.REDACTED,
        admin_user,
        text="Please keep Hendon open. [phone number removed]",
        reason="Personal details",
    )
    moderation.decide(second, "comments", Moderation.Decision.REJECTED, admin_user)
    assert moderation.waiting(libraries) == []
    texts = results.published_texts(libraries, stage)["comments"]
    assert texts == [(first.public_id, "", "Please keep Hendon open. [phone number removed]")]
    logged = Moderation.objects.get(response=first)
    assert (logged.reason, logged.moderated_by) == ("Personal details", admin_user)
    first.refresh_from_db()
    assert "07700" in first.answers["comments"]  # the respondent's words are kept


@pytest.mark.parametrize(
    ("decision", "text", "reason", "problem"),
    [
        ("redacted", "Please keep Hendon open.", "", "Say why"),
        ("redacted", "Please keep Hendon open. My phone is 07700 900123.", "x", "Edit the text"),
    ],
)
def test_a_redaction_needs_an_edit_and_a_reason(
    answered, admin_user, decision, text, reason, problem
):
    with pytest.raises(moderation.Refused, match=problem):
        moderation.decide(answered[0], "comments", decision, admin_user, text=text, reason=reason)


def test_staff_export_every_response_without_emails_and_formulas_defused(
    as_user, libraries, stage, answered
):
    answered[0].email = "secret@example.org"
    answered[0].save()
    client = as_user("council-officer")
    response = client.get(f"/admin/consultations/{libraries.pk}/export.csv")
    body = b"".join(response.streaming_content).decode()
    table = list(csv.reader(io.StringIO(body)))
    assert table[0][:6] == [
        "response id",
        "public id",
        "submitted at",
        "ward",
        "publishing",
        "name",
    ]
    assert len(table) == 4  # a header and three submitted responses, no draft
    assert "secret@example.org" not in body
    assert "'=HYPERLINK" in body
    xlsx = client.get(f"/admin/consultations/{libraries.pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert sheet.max_row == 4 and sheet.cell(1, 2).value == "public id"


def test_staff_see_counts_filtered_by_date(as_user, libraries, answered):
    client = as_user("council-officer")
    html = client.get(f"/admin/consultations/{libraries.pk}/").content.decode()
    assert "3 submitted responses" in html and "1 draft" in html
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    later = client.get(f"/admin/consultations/{libraries.pk}/", {"since": tomorrow})
    assert "0 submitted responses" in later.content.decode()
    bad = client.get(
        f"/admin/consultations/{libraries.pk}/", {"since": tomorrow, "until": "2020-01-01"}
    )
    assert bad.status_code == 400


@pytest.mark.parametrize("role", ["alliance-editor", "alliance-moderator"])
def test_other_organisations_cannot_see_the_councils_responses(as_user, libraries, answered, role):
    client = as_user(role)
    for path in ("", "moderate/", "export.csv"):
        assert client.get(f"/admin/consultations/{libraries.pk}/{path}").status_code in (302, 403)


def test_the_api_gives_status_questions_and_results_after_closing(
    client, libraries, stage, answered
):
    listed = client.get("/api/consultations").json()["items"]
    assert (libraries.title, "open") in [(c["title"], c["status"]) for c in listed]
    detail = client.get(f"/api/consultations/{libraries.pk}").json()
    library = next(q for q in detail["stages"][1]["questions"] if q["key"] == "library")
    assert library["shown_if"] is None and "Hendon" in library["options"]
    assert client.get(f"/api/consultations/{libraries.pk}/results").status_code == 409
    stage.closes_at = timezone.now() - timedelta(days=1)
    stage.save()
    closed = client.get(f"/api/consultations/{libraries.pk}/results").json()
    uses = next(q for q in closed[1]["questions"] if q["key"] == "uses-library")
    assert uses["counts"] == [{"answer": "Yes", "count": 2}, {"answer": "No", "count": 1}]
    body = str(closed)
    assert "Ada" not in body and "07700" not in body  # no names, no free text
    assert client.get("/api/consultations/999999").status_code == 404


def test_staff_tag_free_text_with_themes_and_filter_by_them(as_user, libraries, answered):
    client = as_user("council-officer")
    url = f"/admin/consultations/{libraries.pk}/answers/"
    first = answered[0]
    client.post(
        url,
        {
            "response": first.pk,
            "key": "comments",
            "tags": "Hendon, Hours, hendon",
            "note": "Asks for later opening",
        },
    )
    html = client.get(url, {"tag": "hendon"}).content.decode()
    assert first.public_id in html and answered[1].public_id not in html
    assert "hendon (1)" in client.get(url).content.decode()
    assert first.notes.get().tags == "hendon, hours"  # tidied, no repeats


def test_staff_erase_a_response_and_its_file_on_request(as_user, libraries, answered):
    from django.core.files.base import ContentFile

    from townhall.consultations.models import AnswerFile

    first = answered[0]
    upload = AnswerFile(response=first, key="evidence", original_name="letter.pdf", size=4)
    upload.file.save("letter.pdf", ContentFile(b"%PDF"), save=True)
    client = as_user("council-officer")
    download = client.get(f"/admin/consultations/{libraries.pk}/files/{upload.pk}/")
    assert b"".join(download.streaming_content) == b"%PDF"
    stored = upload.file.path
    client.post(
        f"/admin/consultations/{libraries.pk}/erase/", {"reference": first.public_id.lower()}
    )
    assert not Response.objects.filter(pk=first.pk).exists()
    import os

    assert not os.path.exists(stored)


def test_respondents_files_are_not_public_media(libraries, answered, settings):
    from django.core.files.base import ContentFile

    from townhall.consultations.models import AnswerFile

    upload = AnswerFile(response=answered[0], key="evidence", original_name="a.pdf", size=4)
    upload.file.save("a.pdf", ContentFile(b"%PDF"), save=True)
    assert str(settings.TOWNHALL_PRIVATE_MEDIA_ROOT) in upload.file.path
    assert str(settings.MEDIA_ROOT) not in upload.file.path


def test_a_moderation_shows_at_once_on_the_cached_results(
    client, libraries, stage, answered, admin_user, settings
):
    settings.TOWNHALL_PAGE_CACHE_SECONDS = 300
    stage.closes_at = timezone.now() - timedelta(days=1)
    stage.save()
    url = f"/consultations/{libraries.pk}/results/"
    client.get(url)
    assert client.get(url)["X-Townhall-Cache"] == "hit"
    moderation.decide(answered[0], "comments", Moderation.Decision.APPROVED, admin_user)
    assert "Please keep Hendon open" in client.get(url).content.decode()
