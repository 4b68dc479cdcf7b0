"""Officers' moderation of petitions: each act is a form page and a POST to a service."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from townhall.core import access
from townhall.petitions import fraud, services
from townhall.petitions.admin_forms import (
    ApproveForm,
    FlagForm,
    InvalidateForm,
    PaperForm,
    RejectForm,
    ResponseForm,
)
from townhall.petitions.exports import signers_csv
from townhall.petitions.models import Petition, PetitionResponse


def _respond(petition: Petition, user, data: dict) -> None:
    PetitionResponse.objects.update_or_create(petition=petition, defaults=data)
    services.record_response(petition, user)


ACTIONS = {
    "approve": (
        gettext_lazy("Approve and open"),
        ApproveForm,
        lambda petition, user, data: services.approve(petition, user, data["topic"]),
    ),
    "reject": (
        gettext_lazy("Reject"),
        RejectForm,
        lambda petition, user, data: services.reject(petition, user, **data),
    ),
    "flag": (
        gettext_lazy("Flag for a colleague"),
        FlagForm,
        lambda petition, user, data: services.flag(petition, user, data["note"]),
    ),
    "respond": (gettext_lazy("Publish the council's response"), ResponseForm, _respond),
    "paper": (
        gettext_lazy("Add paper signatures"),
        PaperForm,
        lambda petition, user, data: services.add_paper_signatures(petition, user, **data),
    ),
}


def moderate(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404("No such action.")
    access.ensure(request.user, "petitions.moderate_petition")
    petition = get_object_or_404(Petition, pk=pk)
    title, form_class, act = ACTIONS[action]
    form = form_class(
        request.POST if request.method == "POST" else None, initial={"topic": petition.topic}
    )
    if request.method == "POST" and form.is_valid():
        try:
            act(petition, request.user, form.cleaned_data)
        except services.WrongState as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(
                request, _("%(title)s: “%(action)s”.") % {"title": title, "action": petition.action}
            )
            return redirect("wagtailsnippets_petitions_petition:list")
    return TemplateResponse(
        request, "petitions/admin/act.html", {"petition": petition, "form": form, "title": title}
    )


def signers(request: HttpRequest, pk: int) -> HttpResponse:
    """Officers, and editors of the organisation behind the petition, download its signers."""
    petition = get_object_or_404(Petition, pk=pk)
    access.ensure(request.user, "petitions.download_signers", petition)
    return signers_csv(petition, user=request.user)


def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Who signs this petition unusually often, and invalidating signatures in bulk."""
    access.ensure(request.user, "petitions.moderate_petition")
    petition = get_object_or_404(Petition, pk=pk)
    form = InvalidateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        selection = fraud.Selection(
            ip_address=data["ip_address"] or "",
            domain=data["domain"],
            email=data["email"],
            signed_after=data["signed_after"],
            signed_before=data["signed_before"],
        )
        done = fraud.invalidate(petition, selection, request.user, data["note"])
        messages.success(
            request,
            ngettext("%(count)s signature invalidated.", "%(count)s signatures invalidated.", done)
            % {"count": done},
        )
        return redirect("petitions_review", pk=petition.pk)
    return TemplateResponse(
        request,
        "petitions/admin/review.html",
        {
            "petition": petition,
            "form": form,
            "sources": fraud.unusual_sources(petition),
            "history": petition.events.filter(action="signatures invalidated"),
        },
    )
