"""The demo's grant applications: the closed round's, decided and scored, tied to its awards;
and the open round's, made through the same services the site uses (a draft, and one being
assessed). Applicants and assessors sign in with a code sent to their (demo) email."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from townhall.core.models import Ward
from townhall.demo.dates import days_from_today
from townhall.grants import applying, assessing, awarding, workflow
from townhall.grants.models import (
    Application,
    ApplicationEvent,
    Assessment,
    Assessor,
    Award,
    ConflictDeclaration,
    GrantRound,
    GrantSchemePage,
    MonitoringReport,
    Payment,
)

DEMO_PASSWORD = "townhall-demo"  # noqa: S105 - the demo's published password
APPROVER, ASSESSORS = "grant-approver", ["grant-assessor", "grant-assessor-2"]
DECLARED = {"true-and-complete": True, "open-data": True}


def _user(username: str, email: str, first: str = "", last: str = ""):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": email, "first_name": first, "last_name": last}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=10))


# The closed round: (award title or None, project, applicant type, name, ward, asked,
# outcome, reason, scores by assessor [(criterion 1, criterion 2, recommendation)]).
CLOSED = [
    ("Repair café", "group", "Edgware Menders (demo)", "Edgware", 2_500, "approved",
     "Strong on both criteria: volunteers keep things out of landfill and teach repairs.",
     [(4, 5, "yes"), (4, 4, "yes")]),
    ("Street library boxes", "organisation", "Burnt Oak Residents' Association (demo)",
     "Burnt Oak", 14_000, "approved",
     "Approved at £12,000: the panel funded the boxes, not the launch event.",
     [(4, 3, "yes"), (3, 4, "maybe")]),
    ("Youth podcast", "individual", "A resident", "Colindale South", 800, "approved",
     "A small, well-planned project led by young people themselves.",
     [(4, 4, "yes"), (3, 3, "maybe")]),
    ("Community fridge", "group", "Hendon Food Share (demo)", "Hendon", 4_000, "declined",
     "A good idea, but it ranked below the projects the round's budget could fund.",
     [(3, 2, "maybe"), (2, 2, "no")]),
    ("Tutoring for profit", "individual", "A resident", "Finchley Church End", 6_000,
     "ineligible", "The fund cannot pay for a business that makes a private profit.", []),
]  # fmt: skip


def load_applications(scheme: GrantSchemePage) -> None:
    if Application.objects.exists():
        return
    approver = _user(APPROVER, "grant-approver@example.org", "Priya", "Approver")
    approver.groups.add(Group.objects.get(name="Grant approvers"))
    assessors = [
        _user(name, f"{name}@example.org", first, "Assessor")
        for name, first in zip(ASSESSORS, ["Alex", "Jo"], strict=True)
    ]
    closed, open_round = GrantRound.objects.filter(scheme=scheme).order_by("opens_at")
    for assessor in assessors:
        Assessor.objects.get_or_create(round=closed, user=assessor)
    Assessor.objects.get_or_create(round=open_round, user=assessors[0])
    for n, spec in enumerate(CLOSED, 1):
        _closed_application(scheme, closed, n, spec, assessors, approver)
    _open_applications(open_round, assessors[0])


def _closed_application(scheme, round_, n, spec, assessors, approver) -> None:
    title, kind, name, ward_name, asked, outcome, reason, scores = spec
    applicant = _user(f"applicant-{n}", f"applicant-{n}@example.org")
    award = Award.objects.filter(scheme=scheme, title=title).first()
    submitted = _aware(date(2011, 9, 1) + timedelta(days=n))
    decided = _aware(date(2011, 11, 1))
    application = Application.objects.create(
        round=round_,
        applicant=applicant,
        status=outcome,
        project_title=title,
        project_summary=award.description if award else "A tutoring service charging fees.",
        applicant_type=kind,
        applicant_name=name,
        ward=Ward.objects.filter(name=ward_name).first(),
        amount_requested=Decimal(asked),
        starts_on=date(2012, 1, 1),
        ends_on=date(2012, 12, 31),
        budget=[{"item": "Project costs", "cost": f"{asked:.2f}"}],
        saved_sections=["about", "project", "budget", "s0", "s1", "s2"],
        answers={
            "innovation": "Something the area has not had before (demo answer).",
            "power": "Residents run it themselves (demo answer).",
            **DECLARED,
        },
        submitted_at=submitted,
        screening_note=reason if outcome == "ineligible" else "",
        amount_approved=award.amount if award else None,
        decision_reason=reason if outcome in ("approved", "declined") else "",
        decided_at=decided if outcome in ("approved", "declined") else None,
        decided_by=approver if outcome in ("approved", "declined") else None,
        scores_released=bool(scores),
    )
    Application.objects.filter(pk=application.pk).update(created_at=submitted)
    ApplicationEvent.objects.create(
        application=application, actor=applicant, action="submit",
        from_status="draft", to_status="submitted",
    )  # fmt: skip
    for assessor, (first, second, recommendation) in zip(assessors, scores, strict=False):
        ConflictDeclaration.objects.create(
            application=application, assessor=assessor, has_conflict=False
        )
        Assessment.objects.create(
            application=application,
            assessor=assessor,
            scores=[
                {"criterion": c, "score": s, "comment": ""}
                for c, s in zip(assessing.criteria_of(scheme), (first, second), strict=True)
            ],
            recommendation=recommendation,
        )
    if award is not None:
        award.application = application
        award.save(update_fields=["application"])
        _schedule(award, application, overdue=title == "Street library boxes")


def _schedule(award: Award, application: Application, overdue: bool) -> None:
    payments, reports = awarding.schedule(
        award.amount, award.awarded_on, application.starts_on, application.ends_on
    )
    Payment.objects.bulk_create(Payment(award=award, paid_on=p["due_on"], **p) for p in payments)
    for number, report in enumerate(reports, 1):
        sent = not (overdue and number == len(reports))  # one final report never came in
        MonitoringReport.objects.create(
            award=award,
            progress="Went as planned (demo report)." if sent else "",
            spent=award.amount if sent else None,
            submitted_at=_aware(report["due_on"]) if sent else None,
            accepted_at=_aware(report["due_on"] + timedelta(days=7)) if sent else None,
            **report,
        )


def _open_applications(round_, assessor) -> None:
    """Made through the site's own services: one being assessed, one draft."""
    officer = get_user_model().objects.get(username="council-officer")
    ward = Ward.objects.filter(name="West Hendon").first() or Ward.objects.first()
    applicant = _user("applicant-open", "sam@example.org", "Sam")
    application = applying.start(round_, applicant)
    applying.save_details(
        application,
        applying.ABOUT,
        {"applicant_type": "group", "applicant_name": "West Hendon Growers (demo)", "ward": ward},
    )
    applying.save_details(
        application,
        applying.PROJECT,
        {
            "project_title": "Estate food garden",
            "project_summary": "Raised beds on the estate's unused green, run by residents.",
            "amount_requested": Decimal(4_200),
            "starts_on": days_from_today(60).date(),
            "ends_on": days_from_today(420).date(),
        },
    )
    applying.save_budget(
        application,
        [
            {"item": "Timber and soil for twelve beds", "cost": Decimal(2_700)},
            {"item": "Tools and a lockable store", "cost": Decimal(1_500)},
        ],
    )
    for key in ("s0", "s1", "s2"):
        applying.save_answers(application, key, DECLARED if key == "s2" else {}, {})
    applying.save_answers(
        application,
        "s0",
        {
            "innovation": "The estate has no growing space; this makes one (demo answer).",
            "power": "Residents plan, plant and run it, not the council (demo answer).",
        },
        {},
    )
    workflow.transition(application, "submit", applicant)
    workflow.transition(application, "screen_in", officer)
    assessing.declare(application, assessor, has_conflict=False)
    assessing.save_assessment(
        application, assessor, [(4, "A new space"), (5, "Run by residents")], "yes"
    )
    draft = applying.start(round_, _user("applicant-draft", "kim@example.org", "Kim"))
    applying.save_details(
        draft,
        applying.PROJECT,
        {
            "project_title": "Bike repair for beginners",
            "project_summary": "Saturday sessions teaching people to fix their own bikes.",
            "amount_requested": Decimal(1_200),
            "starts_on": days_from_today(90).date(),
            "ends_on": days_from_today(270).date(),
        },
    )
