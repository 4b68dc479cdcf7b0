"""Organisers' pages for a mailing beyond Wagtail's own: preview, a test to themselves,
sending (now or later), a second editor's approval, cancelling, and the results."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST
from wagtail.admin.views.generic import CreateView, EditView

from townhall.core import access
from townhall.core.admin_views import ScopedInspectView
from townhall.core.mail import send_email_after_commit
from townhall.people import mailing_content, mailing_delivery
from townhall.people.admin_forms import SendForm
from townhall.people.models import Mailing


def _mailing(request: HttpRequest, rule: str, pk: int) -> Mailing:
    return access.get_or_404(
        request.user, rule, Mailing.objects.select_related("organisation"), pk=pk
    )


def preview(request: HttpRequest, pk: int) -> HttpResponse:
    mailing = _mailing(request, "people.view_mailing", pk)
    copy = mailing_content.compose(mailing)
    return TemplateResponse(
        request, "people/admin/mailing_preview.html", {"mailing": mailing, "copy": copy}
    )


@xframe_options_sameorigin  # shown in the preview page's frame
def preview_html(request: HttpRequest, pk: int) -> HttpResponse:
    """The HTML part alone, as a mail program would show it: no scripts, its own styles."""
    mailing = _mailing(request, "people.view_mailing", pk)
    response = HttpResponse(mailing_content.compose(mailing).html)
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; "
        "frame-ancestors 'self'"
    )
    return response


@require_POST
def send_test(request: HttpRequest, pk: int) -> HttpResponse:
    mailing = _mailing(request, "people.change_mailing", pk)
    if not request.user.email:
        messages.error(request, _("Your account has no email address to send the test to."))
        return redirect("mailings:inspect", mailing.pk)
    copy = mailing_content.compose(mailing)
    subject = _("[Test] %(subject)s") % {"subject": copy.subject}
    send_email_after_commit(request.user.email, subject, copy.text, copy.headers, html=copy.html)
    messages.success(
        request, _("A test copy is on its way to %(email)s.") % {"email": request.user.email}
    )
    return redirect("mailings:inspect", mailing.pk)


def send(request: HttpRequest, pk: int) -> HttpResponse:
    mailing = _mailing(request, "people.send_mailing", pk)
    count = mailing_delivery.audience(mailing).count()
    form = SendForm(request.POST if request.method == "POST" else None)
    problems = mailing_delivery.problems(mailing, count)
    if form.is_valid() and not problems:
        try:
            mailing = mailing_delivery.send(mailing, request.user, at=form.at)
        except mailing_delivery.NotSendable as refused:
            problems = refused.reasons
        else:
            values = {"subject": mailing, "count": count}
            if form.at:
                values["at"] = date_format(mailing.send_at, "j E Y H:i")
                said = ngettext(
                    "“%(subject)s” will go to %(count)s person at %(at)s.",
                    "“%(subject)s” will go to %(count)s people at %(at)s.",
                    count,
                )
            else:
                said = ngettext(
                    "“%(subject)s” will go to %(count)s person now.",
                    "“%(subject)s” will go to %(count)s people now.",
                    count,
                )
            messages.success(request, said % values)
            return redirect("mailings:inspect", mailing.pk)
    return TemplateResponse(
        request,
        "people/admin/mailing_send.html",
        {
            "mailing": mailing,
            "form": form,
            "count": count,
            "problems": problems,
            "needs_approval": mailing_delivery.needs_approval(mailing, count),
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
def ask_for_approval(request: HttpRequest, pk: int) -> HttpResponse:
    mailing = _mailing(request, "people.change_mailing", pk)
    mailing_delivery.ask_for_approval(mailing)
    messages.success(request, _("Another editor of your organisation can now approve it."))
    return redirect("mailings:inspect", mailing.pk)


@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    mailing = _mailing(request, "people.approve_mailing", pk)
    try:
        mailing_delivery.approve(mailing, request.user)
    except mailing_delivery.NotSendable as refused:
        messages.error(request, " ".join(refused.reasons))
    else:
        messages.success(request, _("Approved: it can be sent now."))
    return redirect("mailings:inspect", mailing.pk)


@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    mailing = _mailing(request, "people.send_mailing", pk)
    if mailing_delivery.cancel(mailing):
        messages.success(request, _("Cancelled: nobody was sent it."))
    else:
        messages.error(request, _("Only a mailing that has not begun sending can be cancelled."))
    return redirect("mailings:inspect", mailing.pk)


class MailingEditView(EditView):
    """Only a mailing not yet sent or scheduled can change: what people were sent stays
    what the results describe."""

    def dispatch(self, request, *args, **kwargs):
        mailing = self.get_object()  # the user's own organisation's, or 404 (ScopedObjectMixin)
        if not mailing.is_editable:
            state = mailing.get_state_display().lower()
            messages.error(request, _("It is %(state)s: too late to change it.") % {"state": state})
            return redirect("mailings:inspect", mailing.pk)
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        mailing = super().save_instance()
        if mailing.approved_by_id:  # approval was for the words as they were
            Mailing.objects.filter(pk=mailing.pk).update(approved_by=None, approved_at=None)
        return mailing


class MailingCreateView(CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class MailingInspectView(ScopedInspectView):
    """A mailing's page: what it says, to whom, its state, what the user may do next,
    and once sent its delivery figures and clicks per link."""

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        mailing, user = self.object, self.request.user
        count = mailing_delivery.audience(mailing).count() if mailing.is_editable else None
        context.update(
            {
                "audience": count,
                "figures": mailing_delivery.figures(mailing),
                "links": mailing.links.all(),
                "may_change": access.allows(user, "people.change_mailing", mailing),
                "may_send": access.allows(user, "people.send_mailing", mailing),
                "may_approve": access.allows(user, "people.approve_mailing", mailing)
                and mailing.created_by_id != user.pk,
                "needs_approval": count is not None
                and mailing_delivery.needs_approval(mailing, count),
            }
        )
        return context
