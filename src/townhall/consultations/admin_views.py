"""Staff's view of a consultation's responses: counts and charts with filters, moderation
of free-text answers, and exports. Allowed to whoever may edit the consultation's page."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from townhall.consultations import analysis as reading
from townhall.consultations import exports, moderation, results
from townhall.consultations.models import AnswerFile, ConsultationPage, Moderation, Response
from townhall.core import access, translations
from townhall.core.models import Ward
from townhall.core.storage import private_file_response


def _editable(request: HttpRequest, pk: int) -> ConsultationPage:
    page = get_object_or_404(ConsultationPage, pk=pk)
    access.ensure(request.user, "consultations.manage_consultation", page)
    return page


def _stage(page: ConsultationPage, request: HttpRequest):
    stages = list(page.stages.order_by("opens_at"))
    chosen = request.GET.get("stage")
    return next((s for s in stages if str(s.pk) == chosen), stages[-1] if stages else None), stages


class ResultFilters(forms.Form):
    ward = forms.ModelChoiceField(
        label=gettext_lazy("Ward"),
        queryset=Ward.objects.order_by("name"),
        required=False,
        to_field_name="code",
    )
    since = forms.DateField(
        label=gettext_lazy("Since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=gettext_lazy("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("since") and cleaned.get("until") and cleaned["until"] < cleaned["since"]:
            self.add_error("until", gettext("The end date must be on or after the start date"))
        return cleaned


def index(request: HttpRequest) -> HttpResponse:
    access.ensure(request.user, "consultations.view_consultations")
    pages = [
        page
        # Each once: responses are the original's (core.translations).
        for page in translations.originals(ConsultationPage.objects.all()).order_by(
            "-first_published_at"
        )
        if access.allows(request.user, "consultations.manage_consultation", page)
    ]
    counts = {
        page.pk: Response.objects.filter(consultation=page, state="submitted").count()
        for page in pages
    }
    return TemplateResponse(
        request,
        "consultations/admin/index.html",
        {"pages": [(page, counts[page.pk]) for page in pages]},
    )


def analysis(request: HttpRequest, pk: int) -> HttpResponse:
    page = _editable(request, pk)
    stage, stages = _stage(page, request)
    filters = ResultFilters(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    responses = results.submitted(
        page,
        stage,
        ward_code=chosen["ward"].code if chosen.get("ward") else "",
        since=chosen.get("since"),
        until=chosen.get("until"),
    )
    return TemplateResponse(
        request,
        "consultations/admin/analysis.html",
        {
            "page": page,
            "stage": stage,
            "stages": stages,
            "filters": filters,
            "total": responses.count(),
            "drafts": Response.objects.filter(consultation=page, state="draft").count(),
            "results": results.count(stage, responses) if stage else [],
            "waiting": len(moderation.waiting(page)),
            "files": AnswerFile.objects.filter(response__consultation=page).select_related(
                "response"
            )[:100],
        },
        status=400 if filters.is_bound and filters.errors else 200,
    )


class DecisionForm(forms.Form):
    response = forms.IntegerField(widget=forms.HiddenInput)
    key = forms.CharField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=Moderation.Decision.choices)
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    reason = forms.CharField(required=False, max_length=300)


def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    page = _editable(request, pk)
    problem = ""
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            response = get_object_or_404(Response, pk=data["response"], consultation=page)
            try:
                moderation.decide(
                    response,
                    data["key"],
                    data["decision"],
                    request.user,
                    text=data["text"],
                    reason=data["reason"],
                )
            except moderation.Refused as reason:
                problem = str(reason)
            else:
                done = {
                    Moderation.Decision.APPROVED: gettext("Answer from %(reference)s: approved."),
                    Moderation.Decision.REDACTED: gettext("Answer from %(reference)s: redacted."),
                    Moderation.Decision.REJECTED: gettext("Answer from %(reference)s: rejected."),
                }[data["decision"]]
                messages.success(request, done % {"reference": response.public_id})
                return redirect("consultation-moderate", page.pk)
        else:
            problem = gettext("Choose what to do with the answer.")
    return TemplateResponse(
        request,
        "consultations/admin/moderate.html",
        {"page": page, "queue": moderation.waiting(page)[:50], "problem": problem},
        status=400 if problem else 200,
    )


class NoteForm(forms.Form):
    response = forms.IntegerField(widget=forms.HiddenInput)
    key = forms.CharField(widget=forms.HiddenInput)
    tags = forms.CharField(required=False, max_length=300)
    note = forms.CharField(required=False, max_length=5000, widget=forms.Textarea)


def answers(request: HttpRequest, pk: int) -> HttpResponse:
    """Every free-text answer, with themes and notes; filtered by a theme."""
    page = _editable(request, pk)
    if request.method == "POST":
        form = NoteForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            response = get_object_or_404(Response, pk=data["response"], consultation=page)
            reading.annotate(response, data["key"], data["tags"], data["note"], request.user)
            messages.success(
                request,
                gettext("Saved the themes of %(reference)s.") % {"reference": response.public_id},
            )
        return redirect(f"{request.path}?tag={request.GET.get('tag', '')}")
    tag = request.GET.get("tag", "").strip().lower()
    return TemplateResponse(
        request,
        "consultations/admin/answers.html",
        {
            "page": page,
            "tag": tag,
            "themes": reading.themes(page),
            "answers": reading.text_answers(page, tag)[:200],
        },
    )


@require_POST
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    page = _editable(request, pk)
    reference = request.POST.get("reference", "")
    if reading.erase(page, reference):
        messages.success(
            request,
            gettext("Response %(reference)s has been deleted.")
            % {"reference": reference.strip().upper()},
        )
    else:
        messages.error(
            request,
            gettext("No response to this consultation has the reference %(reference)s.")
            % {"reference": reference},
        )
    return redirect("consultation-analysis", page.pk)


def download(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    page = _editable(request, pk)
    upload = get_object_or_404(AnswerFile, pk=file_id, response__consultation=page)
    return private_file_response(upload.file, upload.original_name)


def export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    page = _editable(request, pk)
    stage, _ = _stage(page, request)
    if stage is None:
        raise Http404("This consultation has no stages to export.")
    return (
        exports.xlsx_response(page, stage) if kind == "xlsx" else exports.csv_response(page, stage)
    )
