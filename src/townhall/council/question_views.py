"""Residents' questions and requests to speak, from the meeting page to the officers."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from townhall.core.ratelimit import rate_limited
from townhall.council.forms import QuestionForm
from townhall.council.models import Meeting, PublicQuestion
from townhall.council.services import questions


def _not_taking(request: HttpRequest, meeting: Meeting, refusal: questions.NotTaking):
    context = {"meeting": meeting, "reason": str(refusal)}
    return render(request, "council/questions_closed.html", context, status=403)


@never_cache
@rate_limited("question")
def ask(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    if not questions.taking_questions(meeting):
        return _not_taking(request, meeting, questions.closed(meeting))
    asked_for = request.GET.get("petition", "")
    initial = {
        "kind": request.GET.get("kind", "question")[:12],
        # From the link emailed to a lead petitioner: they speak for their petition.
        "petition": int(asked_for) if asked_for.isdigit() and len(asked_for) < 10 else None,
    }
    form = QuestionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not form.is_spam:
            try:
                questions.ask(
                    meeting,
                    questions.Ask(
                        data["kind"], data["name"], data["email"], data["text"], data["petition"]
                    ),
                )
            except questions.NotTaking as refusal:  # closed while the form was open
                return _not_taking(request, meeting, refusal)
        context = {"meeting": meeting, "email": data["email"]}
        return render(request, "council/question_check_email.html", context)
    return render(
        request,
        "council/ask.html",
        {"meeting": meeting, "form": form, "closes": questions.deadline(meeting)},
        status=400 if form.is_bound else 200,
    )


@never_cache  # the link is personal
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    question = get_object_or_404(
        PublicQuestion.objects.select_related("meeting__committee"), token=token[:64]
    )
    if request.method == "POST":
        try:
            questions.confirm(question)
        except questions.NotTaking as refusal:
            return _not_taking(request, question.meeting, refusal)
        question.refresh_from_db()
    return render(
        request,
        "council/question_confirm.html",
        {
            "question": question,
            "meeting": question.meeting,
            "sent": question.state != PublicQuestion.State.UNCONFIRMED,
        },
    )
