"""Assessment: conflicts of interest hide an application for good, scores are checked and
put together, the round overview ranks with the budget left, and applicants see scores only
once staff release them."""

from decimal import Decimal
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from townhall.grants import assessing, workflow
from townhall.grants.models import Application, Assessment, ConflictDeclaration

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def second_assessor(open_round):
    user = User.objects.get(username="grant-assessor-2")
    open_round.assessors.create(user=user)
    return user


@pytest.fixture
def assessor_client(client, second_assessor):
    client.force_login(second_assessor)
    return client


def test_an_assessor_declares_before_seeing_anything(assessor_client, being_assessed):
    page = unescape(assessor_client.get(f"/grants/assess/{being_assessed.pk}/").content.decode())
    assert "Before you open this application" in page
    assert being_assessed.project_summary not in page  # nothing of the application yet


def test_a_declared_conflict_hides_the_application_and_is_recorded(
    assessor_client, being_assessed, second_assessor
):
    url = f"/grants/assess/{being_assessed.pk}/"
    answer = assessor_client.post(url, {"has_conflict": "yes", "details": "My sister runs it"})
    assert b"Conflict of interest recorded" in answer.content
    declared = ConflictDeclaration.objects.get(assessor=second_assessor, application=being_assessed)
    assert declared.has_conflict and declared.details == "My sister runs it"
    assert assessor_client.get(url).status_code == 403
    assert assessor_client.post(url, {"has_conflict": "no"}).status_code == 403  # no undoing
    assert being_assessed.pk not in [a.pk for a, _, _ in assessing.queue(second_assessor)]
    with pytest.raises(PermissionDenied):
        assessing.save_assessment(being_assessed, second_assessor, [(5, ""), (5, "")], "yes")


def test_a_conflict_needs_its_details(assessor_client, being_assessed):
    answer = assessor_client.post(f"/grants/assess/{being_assessed.pk}/", {"has_conflict": "yes"})
    assert answer.status_code == 400 and b"Say briefly what the conflict is" in answer.content
    assert not ConflictDeclaration.objects.filter(application=being_assessed).exclude(
        has_conflict=False
    )


def test_scores_are_saved_after_declaring_no_conflict(
    assessor_client, being_assessed, second_assessor
):
    url = f"/grants/assess/{being_assessed.pk}/"
    assessor_client.post(url, {"has_conflict": "no"})
    page = unescape(assessor_client.get(url).content.decode())
    assert being_assessed.project_summary in page and "Shifting power" in page
    scores = {"score_0": "3", "comment_0": "New here", "score_1": "2", "recommendation": "maybe"}
    assert assessor_client.post(url, scores).status_code == 302
    mine = Assessment.objects.get(application=being_assessed, assessor=second_assessor)
    assert (mine.total, mine.recommendation) == (5, "maybe")
    assert mine.scores[0] == {
        "criterion": "Innovating to help your local community",
        "score": 3,
        "comment": "New here",
    }


@pytest.mark.parametrize(
    "scores",
    [{"score_0": "6", "score_1": "2"}, {"score_0": "-1", "score_1": "2"}, {"score_0": "3"}],
)
def test_scores_outside_0_to_5_or_missing_are_refused(
    assessor_client, being_assessed, second_assessor, scores
):
    url = f"/grants/assess/{being_assessed.pk}/"
    assessor_client.post(url, {"has_conflict": "no"})
    answer = assessor_client.post(url, {**scores, "recommendation": "yes"})
    assert answer.status_code == 400
    assert not Assessment.objects.filter(
        assessor=second_assessor, application=being_assessed
    ).exists()


def test_only_the_rounds_assessors_may_assess(being_assessed, as_user):
    assert as_user("alliance-editor").get(f"/grants/assess/{being_assessed.pk}/").status_code == 403


def test_nobody_assesses_their_own_application(being_assessed, open_round, client):
    applicant = being_assessed.applicant
    open_round.assessors.create(user=applicant)  # a volunteer assessor who also applied
    assert being_assessed not in [row[0] for row in assessing.queue(applicant)]
    with pytest.raises(PermissionDenied):
        assessing.declare(being_assessed, applicant, has_conflict=False)
    client.force_login(applicant)
    assert client.get(f"/grants/assess/{being_assessed.pk}/").status_code == 403


def test_summaries_average_totals_and_criteria(being_assessed, second_assessor):
    assessing.declare(being_assessed, second_assessor, has_conflict=False)
    assessing.save_assessment(being_assessed, second_assessor, [(2, ""), (3, "")], "no")
    summary = assessing.summarise(
        list(being_assessed.assessments.all()), assessing.criteria(being_assessed)
    )
    assert summary.count == 2
    assert summary.mean_total == 7  # (4 + 5 and 2 + 3) / 2
    assert [score for _, score in summary.by_criterion] == [3, 4]
    assert summary.recommendations == {"yes": 1, "maybe": 0, "no": 1}


def test_the_round_overview_ranks_by_score_with_the_budget_left(closed_round, as_user):
    rows, committed, left = assessing.overview(closed_round)
    assert [row.application.project_title for row in rows[:4]] == [
        "Repair café",  # 8.5
        "Street library boxes",  # 7 (earlier application first on a tie)
        "Youth podcast",  # 7
        "Community fridge",  # 4.5
    ]
    assert rows[-1].summary.mean_total is None  # the ineligible one, never scored
    assert committed == Decimal(15_300) and left == closed_round.budget - Decimal(15_300)
    page = as_user("council-officer").get(f"/admin/grants/rounds/{closed_round.pk}/")
    assert "left £234,700.00" in page.content.decode()


def test_the_budget_column_says_what_would_still_fit(open_round, being_assessed):
    open_round.budget = Decimal(4_000)
    open_round.save()
    rows, _, left = assessing.overview(open_round)
    assert left == Decimal(4_000)
    assert [row.within_budget for row in rows] == [False]  # £4,200 asked


def test_scores_stay_private_until_staff_release_them(closed_round, as_user, client):
    fridge = Application.objects.get(project_title="Community fridge")
    Application.objects.filter(round=closed_round).update(scores_released=False)
    client.force_login(fridge.applicant)
    assert (
        "How the panel scored it"
        not in client.get(f"/grants/applications/{fridge.pk}/").content.decode()
    )
    as_user("council-officer").post(f"/admin/grants/rounds/{closed_round.pk}/release/")
    page = client.get(f"/grants/applications/{fridge.pk}/").content.decode()
    assert "How the panel scored it" in page
    assert "grant-assessor" not in page and "Alex" not in page  # assessors stay anonymous


def test_only_staff_release_scores_or_assign_assessors(closed_round, as_user):
    approver = as_user("grant-approver")
    approver.post(f"/admin/grants/rounds/{closed_round.pk}/release/")
    assert not Application.objects.filter(
        round=closed_round, scores_released=False, status="declined"
    ).exists()  # demo data was released already; the refusal changed nothing either way
    answer = approver.post(f"/admin/grants/rounds/{closed_round.pk}/", {"user": "admin"})
    assert (answer.status_code, answer["Location"]) == (302, "/admin/")
    assert not closed_round.assessors.filter(user__username="admin").exists()


def test_staff_assign_assessors_by_username_or_email(open_round, as_user):
    staff = as_user("council-officer")
    staff.post(f"/admin/grants/rounds/{open_round.pk}/", {"user": "grant-assessor-2@example.org"})
    assert open_round.assessors.filter(user__username="grant-assessor-2").exists()
    unknown = staff.post(f"/admin/grants/rounds/{open_round.pk}/", {"user": "nobody"})
    assert b"There is no account with that username or email" in unknown.content


def test_decided_applications_leave_the_assessors_queue(being_assessed):
    assessor = User.objects.get(username="grant-assessor")
    assert being_assessed.pk in [a.pk for a, _, _ in assessing.queue(assessor)]
    approver = User.objects.get(username="grant-approver")
    workflow.transition(being_assessed, "decline", approver, note="Over budget")
    assert being_assessed.pk not in [a.pk for a, _, _ in assessing.queue(assessor)]


@pytest.mark.parametrize("status", ["draft", "submitted", "withdrawn", "ineligible"])
def test_an_assessor_opens_only_what_is_being_assessed(being_assessed, status, client):
    Application.objects.filter(pk=being_assessed.pk).update(status=status)
    client.force_login(User.objects.get(username="grant-assessor"))
    answer = client.get(f"/grants/assess/{being_assessed.pk}/")
    assert answer.status_code == 404
    assert "Raised beds" not in answer.content.decode()
