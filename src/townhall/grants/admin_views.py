"""Staff's side of grants, in the admin: each round's applications ranked by score with the
budget left, assessors, one application with its history and the actions staff (screening,
information requests, payments, reports) and approvers (decisions) may take."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext, gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from townhall.core import access, translations
from townhall.core.storage import private_file_response
from townhall.grants import applying, assessing, awarding, emails, roles, workflow
from townhall.grants.models import (
    Application,
    Assessor,
    GrantRound,
    GrantSchemePage,
)


def _round_for(request: HttpRequest, pk: int) -> tuple[GrantRound, bool]:
    """The round, and whether the user is its staff; approvers may look but not manage."""
    round_ = get_object_or_404(GrantRound.objects.select_related("scheme"), pk=pk)
    access.ensure(request.user, "grants.view_round", round_)
    return round_, access.allows(request.user, "grants.manage_round", round_)


def _application_for(request: HttpRequest, pk: int) -> tuple[Application, bool]:
    application = get_object_or_404(
        Application.objects.select_related("round__scheme", "applicant", "ward"), pk=pk
    )
    access.ensure(request.user, "grants.view_application", application)
    return application, access.allows(request.user, "grants.manage_application", application)


def rounds(request: HttpRequest) -> HttpResponse:
    access.ensure(request.user, "grants.view_rounds")
    approver = roles.is_approver(request.user)
    schemes = [
        scheme
        for scheme in translations.originals(GrantSchemePage.objects.all()).order_by("title")
        if approver or roles.is_staff_for(request.user, scheme)
    ]
    listed = [
        (r, r.applications.exclude(status=Application.Status.DRAFT).count())
        for scheme in schemes
        for r in scheme.rounds.order_by("-opens_at")
    ]
    return TemplateResponse(
        request,
        "grants/admin/rounds.html",
        {"rounds": listed, "overdue": awarding.overdue_reports()},
    )


class AssessorForm(forms.Form):
    user = forms.CharField(
        label=gettext_lazy("Username or email address of the assessor"),
        max_length=254,
        error_messages={"required": gettext_lazy("Enter the assessor's username or email address")},
    )

    def clean_user(self):
        text = self.cleaned_data["user"].strip()
        users = get_user_model().objects.filter(is_active=True)
        found = users.filter(username=text).first() or users.filter(email__iexact=text).first()
        if found is None:
            raise forms.ValidationError(gettext("There is no account with that username or email"))
        return found


def round_overview(request: HttpRequest, pk: int) -> HttpResponse:
    round_, staff = _round_for(request, pk)
    form = AssessorForm(request.POST or None)
    if request.method == "POST":
        access.ensure(request.user, "grants.manage_round", round_)
        if form.is_valid():
            Assessor.objects.get_or_create(round=round_, user=form.cleaned_data["user"])
            messages.success(
                request,
                gettext("%(user)s now assesses this round.") % {"user": form.cleaned_data["user"]},
            )
            return redirect("grant-round", round_.pk)
    rows, committed, left = assessing.overview(round_)
    return TemplateResponse(
        request,
        "grants/admin/round.html",
        {
            "round": round_,
            "rows": rows,
            "committed": committed,
            "left": left,
            "staff": staff,
            "form": form,
            "assessors": round_.assessors.select_related("user"),
            "criteria": assessing.criteria_of(round_.scheme),
        },
    )


@require_POST
def remove_assessor(request: HttpRequest, pk: int, assessor_id: int) -> HttpResponse:
    round_, _ = _round_for(request, pk)
    access.ensure(request.user, "grants.manage_round", round_)
    Assessor.objects.filter(round=round_, pk=assessor_id).delete()
    return redirect("grant-round", round_.pk)


@require_POST
def release_scores(request: HttpRequest, pk: int) -> HttpResponse:
    round_, _ = _round_for(request, pk)
    access.ensure(request.user, "grants.manage_round", round_)
    count = assessing.release_scores(round_)
    messages.success(
        request,
        ngettext(
            "Scores released to %(count)s applicant.",
            "Scores released to %(count)s applicants.",
            count,
        )
        % {"count": count},
    )
    return redirect("grant-round", round_.pk)


def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application, staff = _application_for(request, pk)
    return TemplateResponse(
        request,
        "grants/admin/application.html",
        {
            "application": application,
            "staff": staff,
            "actions": [
                (name, workflow.TRANSITIONS[name])
                for name in workflow.allowed_actions(application, request.user)
                if workflow.TRANSITIONS[name].role != roles.APPLICANT
            ],
            "tasks": applying.task_list(application),
            "answers": applying.shown_answers(application),
            "assessments": application.assessments.select_related("assessor"),
            "declarations": application.conflict_declarations.select_related("assessor"),
            "summary": assessing.summarise(
                list(application.assessments.all()), assessing.criteria(application)
            ),
            "award": getattr(application, "award", None),
        },
    )


class ActionForm(forms.Form):
    """A staff or approver action; Django's DecimalField refuses what is not a finite number."""

    action = forms.CharField(max_length=30)
    note = forms.CharField(required=False, max_length=5000)
    amount = forms.DecimalField(
        required=False,
        max_digits=12,
        decimal_places=2,
        error_messages={
            "invalid": gettext_lazy("Enter the amount in pounds, like 4500 or 4500.50"),
            "max_digits": gettext_lazy("Enter a smaller amount"),
            "max_decimal_places": gettext_lazy("Enter pounds and pence only, like 4500.50"),
        },
    )


@require_POST
def act(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a workflow action: the service checks the role and the status, whatever the
    form said."""
    application, _ = _application_for(request, pk)
    data = request.POST.copy()
    data["amount"] = data.get("amount", "").replace(",", "").replace("£", "").strip()
    form = ActionForm(data)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("grant-application-admin", pk)
    try:
        workflow.transition(
            application,
            form.cleaned_data["action"],
            request.user,
            note=form.cleaned_data["note"],
            amount=form.cleaned_data["amount"],
        )
    except workflow.Refused as reason:
        messages.error(request, str(reason))
    else:
        # Said only where it is true: not every step emails the applicant.
        emailed = (
            emails.emails_applicant(form.cleaned_data["action"]) and application.applicant.email
        )
        messages.success(
            request,
            gettext("Done: the applicant has been emailed.")
            if emailed
            else gettext("Done. The applicant is not emailed about this step."),
        )
    return redirect("grant-application-admin", pk)


@require_POST
def mark_paid(request: HttpRequest, pk: int, payment_id: int) -> HttpResponse:
    application, _ = _application_for(request, pk)
    access.ensure(request.user, "grants.manage_application", application)
    awarding.mark_paid(application, payment_id, request.user)
    return redirect("grant-application-admin", pk)


@require_POST
def accept_report(request: HttpRequest, pk: int, report_id: int) -> HttpResponse:
    application, _ = _application_for(request, pk)
    access.ensure(request.user, "grants.manage_application", application)
    awarding.accept_report(application, report_id, request.user)
    return redirect("grant-application-admin", pk)


def attachment(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    application, _ = _application_for(request, pk)
    upload = get_object_or_404(application.files, pk=file_id)
    return private_file_response(upload.file, upload.original_name)
