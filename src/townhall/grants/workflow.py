"""An application's life as a table of transitions: which statuses each action starts from,
where it leads, and which role may take it. Every change goes through `transition`, which
locks the row, checks the role and the current status, records an event and sends the
applicant's email in one transaction: a forged or replayed request changes nothing."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from townhall.core.errors import Refused
from townhall.grants import applying, awarding, emails, roles
from townhall.grants.models import Application, ApplicationEvent, InformationRequest

Status = Application.Status


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    role: str
    label: str


TRANSITIONS: dict[str, Transition] = {
    "submit": Transition(
        frozenset({Status.DRAFT}), Status.SUBMITTED, roles.APPLICANT, gettext_lazy("Submit")
    ),
    "withdraw": Transition(
        frozenset({Status.DRAFT, Status.SUBMITTED, Status.INFO_REQUESTED, Status.IN_ASSESSMENT}),
        Status.WITHDRAWN,
        roles.APPLICANT,
        gettext_lazy("Withdraw"),
    ),
    "request_info": Transition(
        frozenset({Status.SUBMITTED, Status.IN_ASSESSMENT}),
        Status.INFO_REQUESTED,
        roles.STAFF,
        gettext_lazy("Ask for more information"),
    ),
    # The answer sends it back to where it was when staff asked (see _answer_target).
    "answer_info": Transition(
        frozenset({Status.INFO_REQUESTED}),
        Status.SUBMITTED,
        roles.APPLICANT,
        gettext_lazy("Send answer"),
    ),
    "screen_in": Transition(
        frozenset({Status.SUBMITTED}),
        Status.IN_ASSESSMENT,
        roles.STAFF,
        gettext_lazy("Eligible: assess it"),
    ),
    "screen_out": Transition(
        frozenset({Status.SUBMITTED}), Status.INELIGIBLE, roles.STAFF, gettext_lazy("Not eligible")
    ),
    "approve": Transition(
        frozenset({Status.IN_ASSESSMENT}), Status.APPROVED, roles.APPROVER, gettext_lazy("Approve")
    ),
    "decline": Transition(
        frozenset({Status.IN_ASSESSMENT}), Status.DECLINED, roles.APPROVER, gettext_lazy("Decline")
    ),
}
NEEDS_NOTE = {"request_info", "answer_info", "screen_out", "approve", "decline"}


def allowed_actions(application: Application, user) -> list[str]:
    """The actions this person may take on the application now (for the buttons shown)."""
    held = roles.roles_of(user, application)
    return [
        name
        for name, step in TRANSITIONS.items()
        if application.status in step.sources and step.role in held
    ]


def _answer_target(application: Application) -> str:
    asked = application.events.filter(action="request_info").order_by("-at", "-pk").first()
    return asked.from_status if asked else Status.SUBMITTED


def transition(
    application: Application,
    action: str,
    user,
    *,
    note: str = "",
    amount: Decimal | None = None,
) -> Application:
    """Take `action` on the application as `user`. Raises PermissionDenied when their role may
    not, and Refused (with the reason) when the application's status or the input does not
    allow it. Returns the application as saved."""
    step = TRANSITIONS.get(action)
    if step is None:
        raise Refused(_("That is not something that can be done to an application."))
    note = note.strip()
    with transaction.atomic():
        # Lock the application alone, not its round, scheme page or applicant's user row.
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("round__scheme", "applicant")
            .get(pk=application.pk)
        )
        if step.role not in roles.roles_of(user, locked):
            raise PermissionDenied(f"You may not {step.label.lower()} this application.")
        if locked.status not in step.sources:
            raise Refused(
                _(
                    "This application is %(status)s: it cannot be changed that way now. Reload "
                    "the page to see where it is."
                )
                % {"status": locked.get_status_display().lower()}
            )
        if action in NEEDS_NOTE and not note:
            raise Refused(_("Write the reason or question in the box: the applicant is sent it."))
        target = _answer_target(locked) if action == "answer_info" else step.target
        _apply(locked, action, user, note, amount)
        ApplicationEvent.objects.create(
            application=locked,
            actor=user,
            action=action,
            from_status=locked.status,
            to_status=target,
            note=note,
        )
        locked.status = target
        locked.save()
        emails.after_transition(locked, action, note)
    return locked


def _apply(locked: Application, action: str, user, note: str, amount: Decimal | None) -> None:
    """What an action changes besides the status."""
    now = timezone.now()
    if action == "submit":
        if not locked.round.is_open(now):
            raise Refused(
                _(
                    "This round closed on %(date)s: your draft is kept, but it can no longer be "
                    "submitted."
                )
                % {"date": date_format(timezone.localtime(locked.round.closes_at), "j E Y")}
            )
        if problems := applying.problems(locked):
            raise Refused(_("Before you submit: %(problem)s") % {"problem": problems[0][1]})
        locked.submitted_at = now
    elif action == "request_info":
        InformationRequest.objects.create(application=locked, question=note, asked_by=user)
    elif action == "answer_info":
        asked = locked.information_requests.filter(answered_at__isnull=True).last()
        if asked is not None:
            asked.answer, asked.answered_at = note, now
            asked.save(update_fields=["answer", "answered_at"])
    elif action == "screen_out":
        locked.screening_note = note
    elif action in ("approve", "decline"):
        if action == "approve":
            awarding.check_amount(locked, amount)
            locked.amount_approved = amount
        locked.decision_reason, locked.decided_at, locked.decided_by = note, now, user
        if action == "approve":
            awarding.create_award(locked)
