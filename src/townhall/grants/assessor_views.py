"""The assessor's side: their queue, the conflict-of-interest declaration before each
application, then the application and their scores."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from townhall.core import access
from townhall.grants import applying, assessing, workflow
from townhall.grants.forms import DeclarationForm, ScoreForm
from townhall.grants.models import Application, Assessment


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "grants/assess/queue.html",
        {"queue": assessing.queue(request.user), "hide_feedback": True},
    )


@login_required
def assess(request: HttpRequest, pk: int) -> HttpResponse:
    # Only while it is being assessed: a draft, a withdrawn or a screened-out application is
    # nothing an assessor should read.
    application = get_object_or_404(
        Application.objects.select_related("round__scheme", "ward"),
        pk=pk,
        status=Application.Status.IN_ASSESSMENT,
    )
    access.ensure(request.user, "grants.assess_application", application)
    if assessing.needs_declaration(application, request.user):
        return _declare(request, application)
    assessing.check_can_open(application, request.user)  # 403 after a declared conflict
    mine = Assessment.objects.filter(application=application, assessor=request.user).first()
    names = assessing.criteria(application)
    form = ScoreForm(names, request.POST or None, initial=_initial(mine))
    if request.method == "POST" and form.is_valid():
        try:
            assessing.save_assessment(
                application,
                request.user,
                form.scores(),
                form.cleaned_data["recommendation"],
                form.cleaned_data["comments"],
            )
        except workflow.Refused as reason:
            form.add_error(None, str(reason))
        else:
            return redirect("grant-assess-queue")
    return render(
        request,
        "grants/assess/assess.html",
        {
            "application": application,
            "form": form,
            "criteria": application.round.scheme.criteria,
            "answers": applying.shown_answers(application),
            "hide_feedback": True,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _declare(request: HttpRequest, application: Application) -> HttpResponse:
    """Before anything of the application is shown: declare any conflict of interest."""
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assessing.declare(
            application,
            request.user,
            form.cleaned_data["has_conflict"],
            form.cleaned_data["details"],
        )
        if form.cleaned_data["has_conflict"]:
            return render(
                request,
                "grants/assess/conflict_recorded.html",
                {"application": application, "hide_feedback": True},
            )
        return redirect("grant-assess", application.pk)
    return render(
        request,
        "grants/assess/declare.html",
        {"application": application, "form": form, "hide_feedback": True},
        status=400 if form.is_bound and form.errors else 200,
    )


def _initial(mine: Assessment | None) -> dict:
    if mine is None:
        return {}
    initial = {"recommendation": mine.recommendation, "comments": mine.comments}
    for n, line in enumerate(mine.scores):
        initial[f"score_{n}"], initial[f"comment_{n}"] = str(line["score"]), line["comment"]
    return initial
