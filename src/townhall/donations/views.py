"""Giving: the form's POST, the provider's return, the test provider's page, and the
providers' webhooks."""

from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from townhall.core import translations
from townhall.core.ratelimit import rate_limited
from townhall.core.services import sections
from townhall.donations import providers, services
from townhall.donations.forms import DonateForm
from townhall.donations.models import DonatePage, Donation
from townhall.donations.providers.test_checkout import TestCheckout

MAX_WEBHOOK_BYTES = 256 * 1024


@require_POST
@rate_limited("donate")
def start(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(translations.originals(DonatePage.objects.live().public()), pk=page_id)
    organisation = sections.section_owner(page)
    form = DonateForm(request.POST, page=page)
    if organisation is None or not form.is_valid() or form.is_spam:
        context = page.get_context(request)
        context["form"] = form
        return render(request, page.get_template(request), context, status=400)
    try:
        started = services.start(page, organisation, form.cleaned_data)
    except services.ProviderUnavailable:
        context = page.get_context(request)
        context["form"] = form
        context["provider_down"] = True
        return render(request, page.get_template(request), context, status=503)
    return HttpResponseRedirect(started.checkout_url, status=303)


def _donation(token: str) -> Donation:
    return get_object_or_404(
        Donation.objects.select_related("organisation", "page"), token=token[:64]
    )


@never_cache  # personal: no cache may keep it
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    donation = _donation(token)
    return render(request, "donations/thanks.html", {"donation": donation})


@never_cache
def test_checkout(request: HttpRequest, token: str) -> HttpResponse:
    """The test provider's payment page: only while no real provider is set up."""
    donation = _donation(token)
    provider = providers.by_name("test")
    if provider is None or donation.provider != "test":
        raise Http404("No test payments here.")
    if request.method == "POST" and donation.state == Donation.State.PENDING:
        outcome = "paid" if request.POST.get("outcome") == "pay" else "failed"
        values = {"checkout_id": donation.checkout_id, "payment_id": f"test_pi_{donation.pk}"}
        if donation.frequency == Donation.Frequency.MONTHLY:
            values["subscription_id"] = f"test_sub_{donation.pk}"
        body, headers = TestCheckout().event(outcome, **values)
        services.take_webhook(provider, body, headers)  # the same path as a real webhook
        if outcome == "paid":
            return HttpResponseRedirect(reverse("donation-thanks", args=[donation.token]))
        donation.refresh_from_db()
    return render(
        request, "donations/test_checkout.html", {"donation": donation, "provider": provider}
    )


@csrf_exempt  # the provider's server posts here; its signature is the credential
@require_POST
def webhook(request: HttpRequest, provider: str) -> HttpResponse:
    """400 with a reason for a bad signature, a replayed event or a body too large; 503
    when the database cannot record it now (nothing kept, so the provider's retry is taken
    in full); 200 otherwise, saying what was recorded."""
    found = providers.by_name(provider)
    if found is None:
        raise Http404("No such payment provider here.")
    if len(request.body) > MAX_WEBHOOK_BYTES:
        return JsonResponse({"error": "body too large"}, status=400)
    try:
        outcome = services.take_webhook(found, request.body, request.headers)
    except services.BadSignature as error:
        return JsonResponse({"error": f"bad signature: {error}"}, status=400)
    except services.ReplayedEvent:
        return JsonResponse({"error": "this event was already received"}, status=400)
    except (ValueError, KeyError, TypeError, AttributeError):
        return JsonResponse({"error": "unreadable event"}, status=400)
    except DatabaseError:
        response = JsonResponse({"error": "cannot record events now; send it again"}, status=503)
        response["Retry-After"] = "60"
        return response
    return JsonResponse({"recorded": outcome})
