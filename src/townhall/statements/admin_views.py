"""Inviting organisations to co-sign, and answering an invitation, in the admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from townhall.core import access
from townhall.core.models import Organisation
from townhall.core.services.organisations import organisation_for_page, organisations_for_user
from townhall.statements import services
from townhall.statements.forms import AnswerForm, InviteForm
from townhall.statements.models import CoSigning, JointStatementPage


def invite(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(JointStatementPage, pk=pk)
    access.ensure(request.user, "statements.invite_cosigners", statement)
    author = organisation_for_page(statement)
    form = InviteForm(request.POST or None)
    form.fields["organisations"].queryset = Organisation.objects.exclude(
        pk=getattr(author, "pk", None)
    ).order_by("name")
    if request.method == "POST" and form.is_valid():
        invited = services.invite(statement, form.cleaned_data["organisations"], request.user)
        messages.success(
            request,
            ngettext(
                "Invited %(count)s organisation to co-sign.",
                "Invited %(count)s organisations to co-sign.",
                len(invited),
            )
            % {"count": len(invited)},
        )
        return redirect("wagtailadmin_pages:edit", statement.pk)
    return TemplateResponse(
        request,
        "statements/admin/invite.html",
        {
            "statement": statement,
            "form": form,
            "invitations": statement.co_signings.select_related("organisation"),
            "page_title": _("Invite organisations to co-sign"),
        },
    )


def invitations(request: HttpRequest) -> HttpResponse:
    """Invitations to the user's organisations, newest first, with their answers."""
    access.ensure(request.user, "statements.view_invitations")
    mine = CoSigning.objects.filter(
        organisation__in=organisations_for_user(request.user)
    ).select_related("statement", "organisation", "answered_by")
    return TemplateResponse(
        request,
        "statements/admin/invitations.html",
        {"invitations": mine.order_by("-invited_at"), "page_title": _("Invitations to co-sign")},
    )


@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(CoSigning, pk=pk)
    access.ensure(request.user, "statements.answer_invitation", invitation)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to co-sign."))
        return redirect("statement-invitations")
    try:
        services.answer(invitation, request.user, accept=form.cleaned_data["answer"] == "accept")
    except services.NotAllowed as refusal:
        raise PermissionDenied(str(refusal)) from refusal
    messages.success(
        request,
        _("Your answer on “%(title)s” is recorded.") % {"title": invitation.statement.title},
    )
    return redirect("statement-invitations")
