"""The feedback block's endpoints: thin views over core.services.feedback."""

import secrets
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from townhall.core.feedback_forms import LikeForm, ProblemForm, UsefulForm, same_site_path
from townhall.core.models import PageFeedback
from townhall.core.ratelimit import rate_limited
from townhall.core.services.feedback import like_page, record_feedback

LIKER_COOKIE = "townhall_liker"
THANKS = gettext_lazy("Thank you for your feedback.")
# Answers shown next to the button pressed, not in the page's banner far above it: the
# templates show a message tagged "feedback" or "like" in place (core.templatetags).
AT_FEEDBACK = {"extra_tags": "feedback"}
AT_LIKE = {"extra_tags": "like"}


def _back(form, anchor: str = "feedback") -> HttpResponse:
    path = form.cleaned_data.get("path") if form.is_valid() else None
    return redirect(f"{path or '/'}#{anchor}")


@require_POST
@rate_limited("feedback")
def useful(request: HttpRequest) -> HttpResponse:
    form = UsefulForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Choose yes or no to tell us whether the page was useful."), **AT_FEEDBACK
        )
        return _back(form)
    data = form.cleaned_data
    if not form.is_spam:
        kind = PageFeedback.Kind.USEFUL if data["useful"] == "yes" else PageFeedback.Kind.NOT_USEFUL
        record_feedback(path=data["path"], page=data["page"], kind=kind)
    if data["useful"] == "no":
        query = {
            "path": data["path"],
            "page": data["page"].pk if data["page"] else "",
            "from": "no",
        }
        return redirect(f"{reverse('feedback-problem')}?{urlencode(query)}")
    messages.success(request, THANKS, **AT_FEEDBACK)
    return _back(form)


@rate_limited("feedback")
def problem(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ProblemForm(request.POST)
        if form.is_valid():
            if not form.is_spam:
                data = form.cleaned_data
                record_feedback(
                    path=data["path"],
                    page=data["page"],
                    kind=PageFeedback.Kind.PROBLEM,
                    what_doing=data["what_doing"],
                    what_went_wrong=data["what_went_wrong"],
                )
            messages.success(request, THANKS, **AT_FEEDBACK)
            return _back(form)
    else:
        form = ProblemForm(
            initial={
                "path": same_site_path(request.GET.get("path")),
                "page": request.GET.get("page"),
            }
        )
    back_to = same_site_path(form.data.get("path") if form.is_bound else form.initial["path"])
    return render(
        request,
        "core/problem.html",
        {
            "form": form,
            "back_to": back_to,
            "after_no": request.GET.get("from") == "no",
            "hide_feedback": True,
        },
        status=400 if form.is_bound else 200,  # a form to correct: not counted as a use
    )


@require_POST
@rate_limited("like")
def like(request: HttpRequest) -> HttpResponse:
    form = LikeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This page cannot be liked."), **AT_LIKE)
        return _back(form)
    liker = request.COOKIES.get(LIKER_COOKIE) or secrets.token_hex(16)
    if form.is_spam or like_page(form.cleaned_data["page"], liker[:64]):
        messages.success(request, _("Thank you: you like this page."), **AT_LIKE)
    else:
        messages.info(request, _("You already like this page."), **AT_LIKE)
    response = _back(form, anchor="like")
    response.set_cookie(LIKER_COOKIE, liker, max_age=365 * 24 * 3600, httponly=True, samesite="Lax")
    return response
