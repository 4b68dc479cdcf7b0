"""Join, confirm and unsubscribe: thin views over townhall.people.services."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from townhall.core.models import Organisation
from townhall.core.ratelimit import rate_limited
from townhall.people import services
from townhall.people.forms import JoinForm
from townhall.people.models import Supporter


@rate_limited("join")
def join(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("home_page"), slug=slug)
    form = JoinForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not form.is_spam:
            services.join(
                organisation,
                services.JoinRequest(
                    **{
                        key: form.cleaned_data[key]
                        for key in ("name", "email", "postcode", "consent_to_contact")
                    }
                ),
            )
        # Rendered, not redirected, so the page can say which address the link went to.
        return render(
            request,
            "people/check_email.html",
            {"organisation": organisation, "email": form.cleaned_data["email"]},
        )
    return render(
        request,
        "people/join.html",
        {"organisation": organisation, "form": form},
        status=400 if form.is_bound else 200,
    )


def check_email(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    return render(request, "people/check_email.html", {"organisation": organisation})


@never_cache  # the link is personal: no cache may keep the page
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; only pressing it confirms, so a mail scanner that opens every
    link in an email does not join anyone up."""
    if request.method != "POST":
        supporter = (
            Supporter.objects.select_related("organisation")
            .filter(confirm_token=token[:64])
            .exclude(status=Supporter.Status.UNSUBSCRIBED)
            .first()
        )
        if supporter is None:
            return render(request, "people/link_not_valid.html", status=404)
        return render(request, "people/confirm.html", {"supporter": supporter})
    outcome = services.confirm(token[:64])
    if outcome is None:
        return render(request, "people/link_not_valid.html", status=404)
    return render(
        request,
        "people/confirmed.html",
        {
            "supporter": outcome.supporter,
            "organisation": outcome.supporter.organisation,
            "already": not outcome.changed,
        },
    )


# The token in the address is the credential, and mail programs' one-click unsubscribe
# (RFC 8058) posts without a CSRF token, so this view takes a POST without one.
@csrf_exempt
@never_cache  # the link is personal: no cache may keep the page
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    supporter = Supporter.objects.select_related("organisation").filter(token=token[:64]).first()
    if supporter is None:
        return render(request, "people/link_not_valid.html", status=404)
    if request.method == "POST" and request.POST.get("erase"):
        organisation = services.erase(supporter.token)
        return render(request, "people/erased.html", {"organisation": organisation})
    if request.method == "POST":
        outcome = services.unsubscribe(supporter.token)
        return render(
            request,
            "people/unsubscribed.html",
            {
                "organisation": supporter.organisation,
                "already": not outcome.changed,
            },
        )
    return render(request, "people/unsubscribe.html", {"supporter": supporter})
