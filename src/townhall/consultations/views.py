"""Answering a consultation: start, pages of questions, save for later, check and submit,
receipt. Every step works without JavaScript; a response's token is its resume link."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from townhall.consultations import results, services
from townhall.consultations.forms import SaveForm, SubmitForm
from townhall.consultations.models import ConsultationPage, Response, SurveySeries
from townhall.consultations.trends import trend_of
from townhall.core import pagecache, translations
from townhall.core.question_form import QuestionPageForm
from townhall.core.ratelimit import rate_limited

HUB_TAG = "consultations"


def hub(request: HttpRequest) -> HttpResponse:
    """Forthcoming, open and closed consultations across the borough, by their dates."""
    pages = translations.originals(ConsultationPage.objects.live().public())  # each once
    pages = translations.in_reader_language(pages.prefetch_related("stages"))
    groups = {state: [] for state in ("open", "forthcoming", "closed", "concluded")}
    changes = []
    for page in pages:
        current = services.status(page)
        groups[current.state].append((page, current))
        if current.changes_at:
            changes.append(current.changes_at)
    if changes:  # the page itself changes when the next consultation opens or closes
        seconds = max(1, int((min(changes) - timezone.now()).total_seconds()))
        pagecache.tag(request, HUB_TAG, pagecache.PAGES_TAG, seconds=seconds)
    else:
        pagecache.tag(request, HUB_TAG, pagecache.PAGES_TAG)
    return render(
        request,
        "consultations/hub.html",
        {"groups": groups, "series": SurveySeries.objects.order_by("name")},
    )


def public_results(request: HttpRequest, pk: int) -> HttpResponse:
    """Counts and charts for choice questions, and the free-text answers people let us
    publish and staff approved; only once the consultation has closed."""
    page = get_object_or_404(
        translations.originals(ConsultationPage.objects.live().public()), pk=pk
    )
    current = services.status(page)
    shown = []
    if current.state in (services.CLOSED, services.CONCLUDED):
        for stage in page.stages.order_by("opens_at"):
            responses = results.submitted(page, stage)
            labels = {q.key: q.label for q in results.all_questions(stage)}
            texts = {
                labels.get(key, key): answers
                for key, answers in results.published_texts(page, stage).items()
            }
            shown.append((stage, responses.count(), results.count(stage, responses), texts))
    pagecache.tag(request, f"page:{page.pk}", HUB_TAG)
    return render(
        request,
        "consultations/results.html",
        {"page": page, "status": current, "shown": shown},
    )


def survey_series(request: HttpRequest, pk: int) -> HttpResponse:
    series = get_object_or_404(SurveySeries, pk=pk)
    points, chart = trend_of(series)
    pagecache.tag(request, HUB_TAG, pagecache.PAGES_TAG)
    return render(
        request,
        "consultations/series.html",
        {"series": series, "points": points, "chart": chart},
    )


def _response(token: str) -> Response:
    found = Response.objects.select_related("consultation", "stage").filter(token=token).first()
    if found is None:
        raise Http404("This link is not valid. Check you copied all of it from the email.")
    return found


def _refused(request: HttpRequest, response_or_page, reason: str) -> HttpResponse:
    page = getattr(response_or_page, "consultation", response_or_page)
    return render(
        request, "consultations/refused.html", {"page": page, "reason": reason}, status=409
    )


@require_POST
@rate_limited("consultation", count_invalid=True)
def start(request: HttpRequest, pk: int) -> HttpResponse:
    page = get_object_or_404(
        translations.originals(ConsultationPage.objects.live().public()), pk=pk
    )
    try:
        response = services.start(page)
    except services.Refused as reason:
        return _refused(request, page, str(reason))
    return redirect("consultation-answer", response.token, 1)


@rate_limited("consultation", count_invalid=True)
def answer(request: HttpRequest, token: str, number: int) -> HttpResponse:
    response = _response(token)
    if response.state == Response.State.SUBMITTED:
        return redirect("consultation-receipt", token)
    pages = services.visible_pages(response.stage, response.answers)
    if not 1 <= number <= len(pages):
        return redirect("consultation-check", token)
    page_block = pages[number - 1]
    questions = services.questions_of(page_block)
    form = QuestionPageForm(
        questions, response.answers, request.POST or None, request.FILES or None
    )
    if request.method == "POST":
        if form.is_spam:
            return redirect("consultation-answer", token, number)
        if form.is_valid():
            try:
                response = services.save_answers(response, form.answers(), form.uploads())
            except services.Refused as reason:
                return _refused(request, response, str(reason))
            if "save" in request.POST:
                return redirect("consultation-save", token)
            # Skip logic: the next page is counted again from the saved answers.
            following = services.visible_pages(response.stage, response.answers)
            return (
                redirect("consultation-answer", token, number + 1)
                if number < len(following)
                else redirect("consultation-check", token)
            )
    return render(
        request,
        "consultations/answer.html",
        {
            "response": response,
            "page": response.consultation,
            "feedback_path": response.consultation.url,  # never the private link
            "page_block": page_block,
            "form": form,
            "number": number,
            "count": len(pages),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@rate_limited("consultation", count_invalid=True)
def save(request: HttpRequest, token: str) -> HttpResponse:
    """Save and come back later: the link comes by email."""
    response = _response(token)
    form = SaveForm(request.POST or None, initial={"email": response.email})
    if request.method == "POST" and not form.is_spam and form.is_valid():
        services.send_resume_link(response, form.cleaned_data["email"])
        return render(
            request,
            "consultations/saved.html",
            {"response": response, "feedback_path": response.consultation.url},
        )
    return render(
        request,
        "consultations/save.html",
        {
            "response": response,
            "page": response.consultation,
            "form": form,
            "feedback_path": response.consultation.url,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@rate_limited("consultation", count_invalid=True)
def check(request: HttpRequest, token: str) -> HttpResponse:
    """Check your answers, choose about publishing, and submit."""
    response = _response(token)
    if response.state == Response.State.SUBMITTED:
        return redirect("consultation-receipt", token)
    page = response.consultation
    form = SubmitForm(request.POST or None, ask_name=page.named_responses)
    problem = ""
    if request.method == "POST" and not form.is_spam and form.is_valid():
        try:
            services.submit(
                response,
                publish=form.cleaned_data["publish"],
                name=form.cleaned_data.get("name", ""),
                email=form.cleaned_data.get("email", ""),
            )
        except services.Refused as reason:
            problem = str(reason)
        else:
            messages.success(request, _("Your response has been submitted."))
            return redirect("consultation-receipt", token)
    return render(
        request,
        "consultations/check.html",
        {
            "response": response,
            "page": page,
            "feedback_path": page.url,
            "answers": services.receipt(response),
            "missing": services.missing_answers(response),
            "form": form,
            "problem": problem,
        },
        status=400 if (form.is_bound and form.errors) or problem else 200,
    )


def receipt(request: HttpRequest, token: str) -> HttpResponse:
    response = _response(token)
    if response.state != Response.State.SUBMITTED:
        return redirect("consultation-check", token)
    return render(
        request,
        "consultations/receipt.html",
        {
            "response": response,
            "page": response.consultation,
            "feedback_path": response.consultation.url,  # never the private link
            "answers": services.receipt(response),
        },
    )
