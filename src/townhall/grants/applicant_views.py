"""The applicant's side: start an application, fill in its sections, check and submit it,
answer requests for more information, withdraw, and after an award read the agreement and
send reports. Every page needs the applicant signed in, and shows only their own."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from townhall.core import translations
from townhall.core.question_form import QuestionPageForm
from townhall.core.ratelimit import rate_limited
from townhall.core.storage import private_file_response
from townhall.grants import applying, assessing, awarding, workflow
from townhall.grants.forms import AboutForm, BudgetForm, NoteForm, ProjectForm, ReportForm
from townhall.grants.models import (
    Application,
    Assessor,
    GrantRound,
    GrantSchemePage,
    MonitoringReport,
)

Status = Application.Status


def _schemes():
    """Published schemes, each once: a translation copies its rounds, and applications go to
    the original's (core.translations)."""
    return translations.originals(GrantSchemePage.objects.live().public())


def _own(request: HttpRequest, pk: int) -> Application:
    """The signed-in applicant's application; anyone else's is "not found", so references
    cannot be probed."""
    return get_object_or_404(
        Application.objects.select_related("round__scheme", "ward"),
        pk=pk,
        applicant=request.user,
    )


def _refused(request: HttpRequest, application: Application | None, reason: str) -> HttpResponse:
    return render(
        request,
        "grants/refused.html",
        {"application": application, "reason": reason, "hide_feedback": True},
        status=400,
    )


@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    mine = Application.objects.filter(applicant=request.user).select_related("round__scheme")
    open_rounds = [
        r
        for r in GrantRound.objects.filter(scheme__in=_schemes())
        .select_related("scheme")
        .order_by("closes_at")
        if r.is_open()
    ]
    return render(
        request,
        "grants/my_applications.html",
        {
            "applications": mine,
            "open_rounds": open_rounds,
            "assesses": Assessor.objects.filter(user=request.user).exists(),
            "hide_feedback": True,
        },
    )


# Someone starting an application is most likely new: they are asked for the email address
# that creates their account (and back here once its code is entered); the page leads
# those who have one to sign in instead.
@login_required(login_url="account_signup")
@rate_limited("grant", count_invalid=True)
def start(request: HttpRequest, round_id: int) -> HttpResponse:
    """GET: what applying involves. POST: the applicant's draft (the same one if they have it)."""
    round_ = get_object_or_404(
        GrantRound.objects.select_related("scheme"),
        pk=round_id,
        scheme__in=_schemes(),
    )
    existing = applying.live_application(round_, request.user)
    if request.method == "POST":
        try:
            application = applying.start(round_, request.user)
        except workflow.Refused as reason:
            return _refused(request, None, str(reason))
        return redirect("grant-application", application.pk)
    return render(
        request,
        "grants/start.html",
        {"round": round_, "page": round_.scheme, "existing": existing},
    )


@login_required
def application(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft's task list, or a submitted application's status."""
    found = _own(request, pk)
    if found.status == Status.DRAFT:
        tasks = applying.task_list(found)
        return render(
            request,
            "grants/task_list.html",
            {
                "application": found,
                "tasks": tasks,
                "done": sum(state == "Completed" for _, state in tasks),
                "round_open": found.round.is_open(),
                "hide_feedback": True,
            },
        )
    award = getattr(found, "award", None)
    released = found.scores_released
    return render(
        request,
        "grants/status.html",
        {
            "application": found,
            "award": award,
            "open_request": found.information_requests.filter(answered_at__isnull=True).last(),
            "answer_form": NoteForm(),
            "can_withdraw": "withdraw" in workflow.allowed_actions(found, request.user),
            "summary": assessing.summarise(list(found.assessments.all()), assessing.criteria(found))
            if released
            else None,
            "assessments": found.assessments.all() if released else [],
            "hide_feedback": True,
        },
    )


@login_required
@rate_limited("grant", count_invalid=True)
def section(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    found = _own(request, pk)
    part = applying.section(found, key)
    if part is None:
        raise Http404
    if found.status != Status.DRAFT:
        return redirect("grant-application", found.pk)
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    if key == applying.ABOUT:
        form = AboutForm(data, initial=_initial(found, key))
    elif key == applying.PROJECT:
        form = ProjectForm(data, initial=_initial(found, key), application=found)
    elif key == applying.BUDGET:
        form = BudgetForm(data, rows=applying.BUDGET_LINES, initial=_budget_initial(found))
    else:
        form = QuestionPageForm(list(part.questions), found.answers, data, files)
    if request.method == "POST" and form.is_valid():
        try:
            _save(found, key, form)
        except workflow.Refused as reason:
            return _refused(request, found, str(reason))
        return redirect("grant-application", found.pk)
    return render(
        request,
        "grants/section.html",
        {
            "application": found,
            "section": part,
            "form": form,
            "files": {f.key: f for f in found.files.all()},
            "hide_feedback": True,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _initial(application: Application, key: str) -> dict:
    return {name: getattr(application, name) for name in applying.DETAIL_FIELDS[key]}


def _budget_initial(application: Application) -> dict:
    initial = {}
    for n, line in enumerate(application.budget[: applying.BUDGET_LINES]):
        initial[f"item_{n}"], initial[f"cost_{n}"] = line["item"], line["cost"]
    return initial


def _save(application: Application, key: str, form) -> None:
    if key in applying.DETAIL_FIELDS:
        applying.save_details(application, key, form.cleaned_data)
    elif key == applying.BUDGET:
        applying.save_budget(application, form.cleaned_data["lines"])
    else:
        applying.save_answers(application, key, form.answers(), form.uploads())


@login_required
@rate_limited("grant", count_invalid=True)
def check(request: HttpRequest, pk: int) -> HttpResponse:
    """Check your answers, then submit: a replayed submit changes nothing."""
    found = _own(request, pk)
    if request.method == "POST":
        if found.status != Status.DRAFT:
            return redirect("grant-application", found.pk)
        try:
            workflow.transition(found, "submit", request.user)
        except workflow.Refused as reason:
            return _refused(request, found, str(reason))
        return redirect("grant-application", found.pk)
    if found.status != Status.DRAFT:
        return redirect("grant-application", found.pk)
    return render(
        request,
        "grants/check.html",
        {
            "application": found,
            "problems": applying.problems(found),
            "answers": applying.shown_answers(found),
            "round_open": found.round.is_open(),
            "hide_feedback": True,
        },
    )


@login_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    found = _own(request, pk)
    if request.method == "POST":
        try:
            workflow.transition(found, "withdraw", request.user)
        except workflow.Refused as reason:
            return _refused(request, found, str(reason))
        return redirect("grant-application", found.pk)
    return render(request, "grants/withdraw.html", {"application": found, "hide_feedback": True})


@login_required
@require_POST
@rate_limited("grant", count_invalid=True)
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    found = _own(request, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _refused(request, found, _("Write your answer in the box, then send it."))
    try:
        workflow.transition(found, "answer_info", request.user, note=form.cleaned_data["note"])
    except workflow.Refused as reason:
        return _refused(request, found, str(reason))
    return redirect("grant-application", found.pk)


@login_required
def attachment(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    found = _own(request, pk)
    upload = get_object_or_404(found.files, pk=file_id)
    return private_file_response(upload.file, upload.original_name)


@login_required
def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    found = _own(request, pk)
    award = getattr(found, "award", None)
    if award is None:
        raise Http404
    return render(
        request,
        "grants/agreement.html",
        {"application": found, "award": award, "hide_feedback": True},
    )


@login_required
@rate_limited("grant", count_invalid=True)
def report(request: HttpRequest, pk: int, report_id: int) -> HttpResponse:
    found = _own(request, pk)
    due = get_object_or_404(MonitoringReport, pk=report_id, award__application=found)
    form = ReportForm(request.POST or None)
    if due.submitted_at is not None:
        return redirect("grant-application", found.pk)
    if request.method == "POST" and form.is_valid():
        try:
            awarding.submit_report(
                due, request.user, form.cleaned_data["progress"], form.cleaned_data["spent"]
            )
        except workflow.Refused as reason:
            return _refused(request, found, str(reason))
        return redirect("grant-application", found.pk)
    return render(
        request,
        "grants/report.html",
        {"application": found, "report": due, "form": form, "hide_feedback": True},
        status=400 if form.is_bound and form.errors else 200,
    )
