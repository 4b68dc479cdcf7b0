"""Assessment: who may open which application, conflicts of interest, scores against the
scheme's criteria, and the round overview that ranks applications with the budget left."""

from dataclasses import dataclass, field
from decimal import Decimal
from statistics import mean

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext

from townhall.core import access
from townhall.core.errors import Refused
from townhall.grants.models import (
    Application,
    Assessment,
    Assessor,
    ConflictDeclaration,
    GrantRound,
)

Status = Application.Status
# What lists of applications never show: decoding it for thousands of rows was most of the
# time the round overview and the assessor's queue took (bench/grants.py).
UNLISTED = ("answers", "budget", "saved_sections", "project_summary", "decision_reason")


def criteria_of(scheme) -> list[str]:
    return [block.value["title"] for block in scheme.criteria]


def criteria(application: Application) -> list[str]:
    return criteria_of(application.round.scheme)


def queue(user) -> list[tuple[Application, ConflictDeclaration | None, Assessment | None]]:
    """The applications an assessor has to look at: those being assessed in their rounds,
    less their own and any they declared a conflict on."""
    rounds = Assessor.objects.filter(user=user).values("round")
    found = (
        Application.objects.filter(round__in=rounds, status=Status.IN_ASSESSMENT)
        .exclude(applicant=user)
        .exclude(conflict_declarations__assessor=user, conflict_declarations__has_conflict=True)
        .defer(*UNLISTED)
        .select_related("round__scheme")
        .order_by("round", "pk")
    )
    declared = {d.application_id: d for d in ConflictDeclaration.objects.filter(assessor=user)}
    done = {a.application_id: a for a in Assessment.objects.filter(assessor=user)}
    return [(a, declared.get(a.pk), done.get(a.pk)) for a in found]


def _check_assessor(application: Application, user) -> None:
    if not access.allows(user, "grants.assess_application", application):
        raise PermissionDenied("You are not an assessor for this round.")


@transaction.atomic
def declare(application: Application, user, has_conflict: bool, details: str = ""):
    """Record the assessor's declaration once; a second one (a replayed form) changes nothing,
    so a conflict cannot be undeclared to get at the application."""
    _check_assessor(application, user)
    if has_conflict and not details.strip():
        raise Refused(gettext("Say briefly what the conflict is: it is recorded for staff."))
    try:
        with transaction.atomic():
            return ConflictDeclaration.objects.create(
                application=application,
                assessor=user,
                has_conflict=has_conflict,
                details=details.strip(),
            )
    except IntegrityError:
        return ConflictDeclaration.objects.get(application=application, assessor=user)


def check_can_open(application: Application, user) -> None:
    """An assessor opens an application only after declaring no conflict of interest."""
    _check_assessor(application, user)
    declaration = ConflictDeclaration.objects.filter(application=application, assessor=user).first()
    if declaration is None:
        raise Refused(gettext("Declare any conflict of interest before you open this application."))
    if declaration.has_conflict:
        raise PermissionDenied(
            "You declared a conflict of interest on this application, so you cannot open it."
        )


def needs_declaration(application: Application, user) -> bool:
    return not ConflictDeclaration.objects.filter(application=application, assessor=user).exists()


@transaction.atomic
def save_assessment(
    application: Application,
    user,
    scores: list[tuple[int, str]],
    recommendation: str,
    comments: str = "",
) -> Assessment:
    """An assessor's scores (0-5 with a comment, one per criterion, in order) and overall
    recommendation; saving again replaces their earlier one."""
    check_can_open(application, user)
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.status != Status.IN_ASSESSMENT:
        raise Refused(gettext("This application is no longer being assessed."))
    names = criteria(locked)
    if len(scores) != len(names) or any(not 0 <= s <= 5 for s, _ in scores):
        raise Refused(gettext("Give every criterion a score from 0 to 5."))
    if recommendation not in Assessment.Recommendation.values:
        raise Refused(gettext("Choose a recommendation: yes, maybe or no."))
    assessment, _ = Assessment.objects.update_or_create(
        application=locked,
        assessor=user,
        defaults={
            "scores": [
                {"criterion": name, "score": score, "comment": comment.strip()}
                for name, (score, comment) in zip(names, scores, strict=True)
            ],
            "recommendation": recommendation,
            "comments": comments.strip(),
        },
    )
    return assessment


@dataclass
class Summary:
    """The scores of one application put together."""

    count: int = 0
    mean_total: float | None = None
    by_criterion: list[tuple[str, float]] = field(default_factory=list)
    recommendations: dict[str, int] = field(default_factory=dict)


def summarise(assessments: list[Assessment], names: list[str]) -> Summary:
    """Means of the totals and of each criterion; how many said yes, maybe and no."""
    if not assessments:
        return Summary(recommendations={value: 0 for value in Assessment.Recommendation.values})
    per_criterion = [
        (name, round(mean(int(a.scores[i]["score"]) for a in assessments), 2))
        for i, name in enumerate(names)
    ]
    counts = {value: 0 for value in Assessment.Recommendation.values}
    for assessment in assessments:
        counts[assessment.recommendation] += 1
    return Summary(
        count=len(assessments),
        mean_total=round(mean(a.total for a in assessments), 2),
        by_criterion=per_criterion,
        recommendations=counts,
    )


@dataclass
class Ranked:
    application: Application
    summary: Summary
    within_budget: bool  # would it still fit if every higher-ranked one were funded in full?


def overview(round_: GrantRound) -> tuple[list[Ranked], Decimal, Decimal]:
    """The round's submitted applications ranked by mean score (unscored last), with the
    budget left after approvals so far: (rows, committed, left)."""
    apps = list(
        round_.applications.exclude(status__in=[Status.DRAFT, Status.WITHDRAWN])
        .defer(*UNLISTED)
        .select_related("ward")
        .prefetch_related("assessments")
    )
    names = criteria_of(round_.scheme)
    summaries = {a.pk: summarise(list(a.assessments.all()), names) for a in apps}
    apps.sort(
        key=lambda a: (
            summaries[a.pk].mean_total is None,
            -(summaries[a.pk].mean_total or 0),
            a.pk,
        )
    )
    committed = round_.applications.filter(status=Status.APPROVED).aggregate(
        total=Sum("amount_approved")
    )["total"] or Decimal(0)
    left = round_.budget - committed
    running = committed
    rows = []
    for application in apps:
        fits = True
        if application.status in (Status.IN_ASSESSMENT, Status.SUBMITTED):
            running += application.amount_requested or 0
            fits = running <= round_.budget
        rows.append(Ranked(application, summaries[application.pk], fits))
    return rows, committed, left


@transaction.atomic
def release_scores(round_: GrantRound) -> int:
    """Let applicants whose applications are decided see their scores and comments."""
    return round_.applications.filter(
        status__in=[Status.APPROVED, Status.DECLINED], scores_released=False
    ).update(scores_released=True)
