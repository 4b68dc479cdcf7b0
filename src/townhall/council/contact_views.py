"""Writing to a councillor, confirming the message, and saying whether they replied."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from townhall.core.ratelimit import rate_limited
from townhall.council.forms import LetterForm, ReplyAnswer
from townhall.council.models import Councillor, CouncillorMessage
from townhall.council.services import contact


@never_cache
@rate_limited("councillor_message")
def write(request: HttpRequest, slug: str) -> HttpResponse:
    # One no longer in office is not written to (their page says they are no longer listed).
    councillor = get_object_or_404(Councillor.objects.in_office().select_related("ward"), slug=slug)
    if not councillor.email:
        raise Http404(f"{councillor} does not publish an email address.")
    form = LetterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not form.is_spam:
            contact.write(
                councillor,
                contact.Letter(
                    data["name"],
                    data["email"],
                    data["address"],
                    data["postcode"],
                    data["subject"],
                    data["body"],
                ),
            )
        context = {"councillor": councillor, "email": data["email"]}
        return render(request, "council/message_check_email.html", context)
    return render(
        request,
        "council/write.html",
        {"councillor": councillor, "form": form, "keep_days": settings.TOWNHALL_MESSAGE_KEEP_DAYS},
        status=400 if form.is_bound else 200,
    )


def _expired(request: HttpRequest, message: CouncillorMessage) -> HttpResponse:
    context = {"councillor": message.councillor, "days": settings.TOWNHALL_CONFIRM_LINK_DAYS}
    return render(request, "council/message_link_expired.html", context, status=410)


@never_cache  # the link is personal
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    message = get_object_or_404(
        CouncillorMessage.objects.select_related("councillor"), token=token[:64]
    )
    if message.state == CouncillorMessage.State.UNCONFIRMED and contact.link_expired(message):
        return _expired(request, message)
    sent_now = False
    if request.method == "POST":
        try:
            sent_now = contact.confirm(message)
        except contact.LinkExpired:
            return _expired(request, message)
        message.refresh_from_db()
    return render(
        request,
        "council/message_confirm.html",
        {
            "message": message,
            "councillor": message.councillor,
            "sent": message.state == CouncillorMessage.State.SENT,
            "sent_now": sent_now,
        },
    )


@never_cache
def reply(request: HttpRequest, token: str) -> HttpResponse:
    message = get_object_or_404(
        CouncillorMessage.objects.sent().select_related("councillor"), follow_up_token=token[:64]
    )
    form = ReplyAnswer(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        contact.answer(message, form.cleaned_data["replied"] == "yes")
        context = {"councillor": message.councillor, "replied": form.cleaned_data["replied"]}
        return render(request, "council/message_answered.html", context)
    return render(
        request,
        "council/message_reply.html",
        {"councillor": message.councillor, "message": message, "form": form},
        status=400 if form.is_bound else 200,
    )
