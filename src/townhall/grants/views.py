"""The public side of grants: the schemes, and the eligibility check before applying."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from townhall.core import pagecache, translations
from townhall.grants import open_data, services
from townhall.grants.forms import EligibilityForm
from townhall.grants.models import GrantSchemePage


def schemes(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    pages = translations.originals(GrantSchemePage.objects.live().public())  # each once
    pages = translations.in_reader_language(pages.prefetch_related("rounds"))
    listed = [(page, services.open_round(page, now)) for page in pages]
    changes = [
        at
        for page in pages
        for r in page.rounds.all()
        for at in (r.opens_at, r.closes_at)
        if at > now
    ]
    seconds = max(1, int((min(changes) - now).total_seconds())) if changes else None
    pagecache.tag(request, "grants", pagecache.PAGES_TAG, seconds=seconds)
    return render(request, "grants/schemes.html", {"schemes": listed})


def eligibility(request: HttpRequest, pk: int) -> HttpResponse:
    """A few questions that stop ineligible applicants early, with the reason."""
    scheme = get_object_or_404(
        translations.originals(GrantSchemePage.objects.live().public()), pk=pk
    )
    form = EligibilityForm(scheme, request.POST or None)
    if request.method == "POST" and not form.is_spam and form.is_valid():
        reasons = services.ineligible_reasons(scheme, form.answers())
        return render(
            request,
            "grants/eligibility_result.html",
            {"page": scheme, "reasons": reasons, "round": services.open_round(scheme)},
        )
    return render(
        request,
        "grants/eligibility.html",
        {"page": scheme, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


def awards(request: HttpRequest) -> HttpResponse:
    pagecache.tag(request, "grants")
    found = open_data.published()
    return render(request, "grants/awards.html", {"awards": found[:500]})


def awards_json(request: HttpRequest) -> JsonResponse:
    pagecache.tag(request, "grants")
    return JsonResponse(open_data.package())


def awards_csv(request: HttpRequest) -> HttpResponse:
    pagecache.tag(request, "grants")
    response = HttpResponse(open_data.as_csv(), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="grants-360giving.csv"'
    return response
