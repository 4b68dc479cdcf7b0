"""The demo's outbox: every email the site has sent, readable in the browser."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from townhall.core.models import OutboxMessage


def _require_outbox() -> None:
    if not settings.TOWNHALL_SHOW_OUTBOX:
        raise Http404("The outbox is only shown in the demo.")


def outbox(request: HttpRequest) -> HttpResponse:
    _require_outbox()
    page = Paginator(OutboxMessage.objects.all(), 25).get_page(request.GET.get("page"))
    return render(request, "core/outbox.html", {"messages_page": page})


def outbox_message(request: HttpRequest, pk: int) -> HttpResponse:
    _require_outbox()
    message = get_object_or_404(OutboxMessage, pk=pk)
    return render(request, "core/outbox_message.html", {"message": message})
