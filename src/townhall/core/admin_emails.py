"""The email queue in the admin: what is waiting, retrying or failed, and resending.

Officers with `core.view_email` see it with recipients masked; only admins see addresses
and bodies (which hold people's personal links). `core.resend_email` may resend."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Min
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from townhall.core import access
from townhall.core.models import Email
from townhall.core.services import email_delivery

VIEW, RESEND = "core.view_email", "core.resend_email"


def _require(request: HttpRequest, permission: str) -> None:
    access.ensure(request.user, permission)


def queue(request: HttpRequest) -> HttpResponse:
    _require(request, VIEW)
    status = request.GET.get("status", "")
    emails = Email.objects.exclude(status=Email.Status.SENT)
    if status in Email.Status.values:
        emails = Email.objects.filter(status=status)
    counts = dict(Email.objects.order_by().values_list("status").annotate(n=Count("pk")))
    oldest_waiting = Email.objects.pending().aggregate(oldest=Min("created_at"))["oldest"]
    return render(
        request,
        "core/admin/emails.html",
        {
            "page": Paginator(emails.order_by("-created_at"), 50).get_page(request.GET.get("p")),
            "statuses": [(s, label, counts.get(s, 0)) for s, label in Email.Status.choices],
            "status": status,
            "oldest_waiting": oldest_waiting,
            "show_addresses": request.user.is_superuser,
            "may_resend": access.allows(request.user, RESEND),
        },
    )


def email_detail(request: HttpRequest, pk: str) -> HttpResponse:
    _require(request, VIEW)
    email = get_object_or_404(Email, pk=pk)
    return render(
        request,
        "core/admin/email.html",
        {
            "email": email,
            "show_addresses": request.user.is_superuser,
            "may_resend": access.allows(request.user, RESEND),
        },
    )


@require_POST
def resend(request: HttpRequest) -> HttpResponse:
    _require(request, RESEND)
    chosen = request.POST.getlist("email")
    emails = Email.objects.filter(status=Email.Status.FAILED)
    if chosen and not request.POST.get("all_failed"):
        emails = Email.objects.filter(pk__in=[c for c in chosen if email_delivery.is_email_id(c)])
    count = email_delivery.resend(emails)
    messages.success(
        request,
        ngettext(
            "%(count)s email queued to send again.", "%(count)s emails queued to send again.", count
        )
        % {"count": count},
    )
    return redirect("email-queue")
