"""Drafting an application: its sections (a GOV.UK task list), saving each one, and what is
still missing before it can be submitted."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from townhall.core.errors import Refused
from townhall.core.questions import Question, shown
from townhall.grants.models import Application, ApplicationFile, GrantRound

ABOUT, PROJECT, BUDGET = "about", "project", "budget"
BUDGET_LINES = 12  # rows offered on the budget page; blank rows are left out


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str = ""
    questions: tuple[Question, ...] = ()


def sections(application: Application) -> list[Section]:
    """The fixed sections every application has, then the scheme's own."""
    own = [
        Section(
            f"s{index}",
            block.value["title"],
            block.value.get("intro") or "",
            tuple(Question(child.block_type, child.value) for child in block.value["questions"]),
        )
        for index, block in enumerate(application.round.scheme.application_form)
    ]
    return [
        Section(ABOUT, _("Who is applying")),
        Section(PROJECT, _("Your project")),
        Section(BUDGET, _("Budget")),
        *own,
    ]


def section(application: Application, key: str) -> Section | None:
    return next((s for s in sections(application) if s.key == key), None)


def visible_questions(application: Application, part: Section) -> list[Question]:
    return [q for q in part.questions if q.shown_when(application.answers)]


def ceiling(application: Application) -> Decimal:
    return application.round.scheme.ceiling_for(application.applicant_type)


def amount_problem(application: Application, amount: Decimal | None) -> str | None:
    scheme = application.round.scheme
    if amount is None:
        return _("Enter the amount you are asking for")
    top = ceiling(application)
    if not scheme.minimum_amount <= amount <= top:
        limits = {"low": f"{scheme.minimum_amount:,.0f}", "high": f"{top:,.0f}"}
        if top < scheme.maximum_amount:
            return (
                _(
                    "Ask for between £%(low)s and £%(high)s: that is what this scheme gives for "
                    "informal groups"
                )
                % limits
            )
        return _("Ask for between £%(low)s and £%(high)s: that is what this scheme gives") % limits
    return None


def section_problems(application: Application, part: Section) -> list[str]:
    a = application
    if part.key == ABOUT:
        missing = not (a.applicant_type and a.applicant_name and a.ward_id)
        return [_("Say who is applying and where the project is")] if missing else []
    if part.key == PROJECT:
        if not (a.project_title and a.project_summary and a.starts_on and a.ends_on):
            return [_("Describe your project, with its dates")]
        problem = amount_problem(a, a.amount_requested)
        return [problem] if problem else []
    if part.key == BUDGET:
        if not a.budget:
            return [_("Fill in your budget")]
        if a.amount_requested is not None and a.budget_total != a.amount_requested:
            return [
                _(
                    "Your budget adds up to £%(total)s: it must equal the amount you ask for "
                    "(£%(asked)s)"
                )
                % {"total": f"{a.budget_total:,.2f}", "asked": f"{a.amount_requested:,.2f}"}
            ]
        return []
    return [
        _("Answer “%(question)s”") % {"question": q.label}
        for q in visible_questions(a, part)
        if q.value.get("required") and a.answers.get(q.key) in (None, "", [], {})
    ]


def problems(application: Application) -> list[tuple[str, str]]:
    """Every (section key, message) still to put right before submitting, in form order."""
    return [
        (part.key, message)
        for part in sections(application)
        for message in section_problems(application, part)
    ]


def task_list(application: Application) -> list[tuple[Section, str]]:
    """Each section with its state: "Completed", "In progress" or "Not started"."""
    listed = []
    for part in sections(application):
        if part.key not in application.saved_sections:
            state = "Not started"
        elif section_problems(application, part):
            state = "In progress"
        else:
            state = "Completed"
        listed.append((part, state))
    return listed


def _mark_saved(locked: Application, key: str) -> None:
    if key not in locked.saved_sections:
        locked.saved_sections = [*locked.saved_sections, key]


def start(round_: GrantRound, user) -> Application:
    """The applicant's application in this round: their live one if they have it (so a
    repeated click opens the same draft), or a new draft while the round is open."""
    existing = live_application(round_, user)
    if existing is not None:
        return existing
    if not round_.is_open():
        raise Refused(_("This round is not open for applications."))
    try:
        with transaction.atomic():
            return Application.objects.create(round=round_, applicant=user)
    except IntegrityError:  # a second request made it first
        return live_application(round_, user)


def live_application(round_: GrantRound, user) -> Application | None:
    return (
        Application.objects.filter(round=round_, applicant=user)
        .exclude(status=Application.Status.WITHDRAWN)
        .first()
    )


def _locked_draft(application: Application) -> Application:
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("round__scheme")
        .get(pk=application.pk)
    )
    if locked.status != Application.Status.DRAFT:
        raise Refused(_("This application has been submitted: it can no longer be changed."))
    if not locked.round.is_open():
        raise Refused(
            _(
                "This round closed on %(date)s: your draft is kept, but it can no longer be "
                "changed or submitted."
            )
            % {"date": date_format(timezone.localtime(locked.round.closes_at), "j E Y")}
        )
    return locked


DETAIL_FIELDS = {
    ABOUT: ("applicant_type", "applicant_name", "organisation_id", "ward"),
    PROJECT: ("project_title", "project_summary", "amount_requested", "starts_on", "ends_on"),
}


@transaction.atomic
def save_details(application: Application, key: str, values: dict) -> Application:
    """Save the "Who is applying" or "Your project" section (a retry saves the same again)."""
    locked = _locked_draft(application)
    for name in DETAIL_FIELDS[key]:
        setattr(locked, name, values.get(name) or ("" if name != "ward" else None))
    _mark_saved(locked, key)
    locked.save()
    return locked


@transaction.atomic
def save_budget(application: Application, lines: list[dict]) -> Application:
    locked = _locked_draft(application)
    locked.budget = [{"item": line["item"], "cost": f"{line['cost']:.2f}"} for line in lines]
    _mark_saved(locked, BUDGET)
    locked.save(update_fields=["budget", "saved_sections", "updated_at"])
    return locked


@transaction.atomic
def save_answers(application: Application, key: str, answers: dict, files: dict) -> Application:
    """Merge one section's answers and attachments into the draft."""
    locked = _locked_draft(application)
    _mark_saved(locked, key)
    merged = {**locked.answers}
    for key, value in answers.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    for key, upload in files.items():
        # The replaced file leaves the disk once this is committed (grants.signals).
        ApplicationFile.objects.filter(application=locked, key=key).delete()
        ApplicationFile.objects.create(
            application=locked,
            key=key,
            file=upload,
            original_name=upload.name[:200],
            size=upload.size,
        )
        merged[key] = upload.name[:200]
    locked.answers = merged
    locked.save(update_fields=["answers", "saved_sections", "updated_at"])
    return locked


def shown_answers(application: Application) -> list[tuple[Section, list[tuple[str, str]]]]:
    """The scheme's own sections as (section, [(question, answer as words)]), for checking
    and for assessors."""
    return [
        (
            part,
            [
                (q.label, shown(q, application.answers.get(q.key)))
                for q in visible_questions(application, part)
            ],
        )
        for part in sections(application)
        if part.questions
    ]
