"""The public side of a mailing: a copy's unsubscribe link and counted links, and the mail
provider's bounce and complaint reports."""

import base64
import binascii
import hmac
import json

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from townhall.people import mail_feedback

MAX_REPORT_BYTES = 64 * 1024


# The token in the address is the credential, and mail programs' one-click unsubscribe
# (RFC 8058) posts "List-Unsubscribe=One-Click" without a CSRF token or cookies.
@csrf_exempt
@never_cache  # personal: no cache may keep it
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows one button (a mail scanner opening every link unsubscribes nobody);
    POST, from that button or from the mail program, unsubscribes."""
    recipient = mail_feedback.copy_for(token)
    if recipient is None:
        return render(request, "people/link_not_valid.html", status=404)
    organisation = recipient.mailing.organisation
    if request.method == "POST":
        changed = mail_feedback.unsubscribe(recipient)
        return render(
            request,
            "people/unsubscribed.html",
            {"organisation": organisation, "already": not changed},
        )
    return render(request, "people/mailing_unsubscribe.html", {"organisation": organisation})


@never_cache
def follow_link(request: HttpRequest, token: str, position: int) -> HttpResponse:
    recipient = mail_feedback.copy_for(token)
    url = recipient and mail_feedback.follow(recipient, position)
    if not url:
        raise Http404("No such link.")
    return HttpResponseRedirect(url)


def _token_given(request: HttpRequest) -> str:
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header.removeprefix("Bearer ").strip()
    if header.startswith("Basic "):  # Postmark's webhook: https://user:TOKEN@host/...
        try:
            return base64.b64decode(header.removeprefix("Basic ")).decode().partition(":")[2]
        except (binascii.Error, UnicodeDecodeError):
            return ""
    return ""


@csrf_exempt  # a server, not a browser, posts here; the shared token is the credential
@require_POST
def mail_events(request: HttpRequest) -> HttpResponse:
    """POST /mail/events/ with "Authorization: Bearer MAIL_EVENTS_TOKEN" (or basic auth
    with it as the password). 400 with a message for a wrong token or an unreadable
    report; 200 with whether a copy matched."""
    expected = settings.TOWNHALL_MAIL_EVENTS_TOKEN
    if not expected:
        raise Http404("Mail event reports are not turned on (MAIL_EVENTS_TOKEN).")
    if not hmac.compare_digest(_token_given(request).encode(), expected.encode()):
        return JsonResponse({"error": "wrong or missing token"}, status=400)
    if len(request.body) > MAX_REPORT_BYTES:
        return JsonResponse({"error": "report too large"}, status=400)
    try:
        report = mail_feedback.read_report(json.loads(request.body or b"null"))
    except (ValueError, UnicodeDecodeError) as error:
        return JsonResponse({"error": f"unreadable report: {error}"}, status=400)
    recipient = mail_feedback.record_report(report)
    return JsonResponse({"matched": recipient is not None})
