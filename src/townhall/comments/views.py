"""Posting and reporting comments, and the comment feeds: thin views over services."""

import secrets

from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from wagtail.models import Page

from townhall.comments import services
from townhall.comments import translation as comment_translation
from townhall.comments.forms import CommentForm
from townhall.comments.models import Comment
from townhall.comments.moderation import Candidate, CommentRefused
from townhall.comments.threads import page_number_of
from townhall.core import pagecache
from townhall.core.ratelimit import client_address, rate_limited
from townhall.core.services import machine_translation
from townhall.core.views.feedback import LIKER_COOKIE

HELD_COOKIE = "townhall_held"


def held_comment_ids(request: HttpRequest) -> list[int]:
    """The reader's own comments still awaiting moderation, for the 10 minutes they see them."""
    try:
        held = signing.loads(
            request.COOKIES.get(HELD_COOKIE, ""),
            salt=HELD_COOKIE,
            max_age=services.HELD_VISIBLE_FOR,
        )
    except signing.BadSignature:
        return []
    return [int(pk) for pk in held if str(pk).isdigit()]


@require_POST
@rate_limited("comment")
def post_comment(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page.objects.live().public(), pk=page_id).specific
    if not services.accepts_comments(page):
        raise Http404("This page does not take comments.")
    form = CommentForm(request.POST)
    if not form.is_valid():
        return render(
            request, "comments/form_page.html", {"form": form, "target": page}, status=400
        )
    data = form.cleaned_data
    candidate = Candidate(
        page_id=page.pk,
        parent_id=data["parent"],
        author_name=data["author_name"],
        author_email=data["author_email"],
        author_url=data["author_url"],
        content=data["content"],
        ip_address=client_address(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:255],
    )
    try:
        comment = services.submit(page, candidate, is_spam_trap=form.is_spam)
    except CommentRefused as refusal:
        if refusal.keep_text:  # the form again, the words as typed, and what to do
            form.add_error(None, refusal.message)
            context = {"form": form, "target": page}
            return render(request, "comments/form_page.html", context, status=refusal.status)
        context = {"message": refusal.message, "target": page}
        return render(request, "comments/refused.html", context, status=refusal.status)
    number = page_number_of(comment, services.policy_for(page).per_page)
    response = redirect(f"{page.url}?cpage={number}#comment-{comment.pk}")
    if comment.status == Comment.Status.PENDING:
        messages.info(request, _("Your comment is awaiting moderation."))
        held = [*held_comment_ids(request), comment.pk][-20:]
        response.set_cookie(
            HELD_COOKIE,
            signing.dumps(held, salt=HELD_COOKIE),
            max_age=int(services.HELD_VISIBLE_FOR.total_seconds()),
            httponly=True,
            samesite="Lax",
        )
    elif comment.status == Comment.Status.APPROVED:
        messages.success(request, _("Thank you: your comment is published."))
    else:  # spam: said as if held, so spammers learn nothing
        messages.info(request, _("Your comment is awaiting moderation."))
    return response


@require_POST
@rate_limited("report")
def report_comment(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment, pk=pk, status=Comment.Status.APPROVED)
    reporter = request.COOKIES.get(LIKER_COOKIE) or secrets.token_hex(16)
    if services.report(comment, reporter):
        messages.success(request, _("Thank you for your report. A moderator will look at it."))
    else:
        messages.info(request, _("You have already reported this comment."))
    response = redirect(f"{comment.page.url}#comments")
    response.set_cookie(
        LIKER_COOKIE, reporter, max_age=365 * 24 * 3600, httponly=True, samesite="Lax"
    )
    return response


@require_safe  # a GET form on each comment asks for it: an address of its own, cached
@rate_limited("translate", methods=("GET", "HEAD"))
def translated_comment(request: HttpRequest, pk: int) -> HttpResponse:
    """One published comment machine-translated into the language being shown, labelled,
    with the original in its discussion a click away. Only ever shown to a reader who asked."""
    comment = get_object_or_404(
        Comment, pk=pk, status=Comment.Status.APPROVED, hidden_for_review=False
    )
    page = get_object_or_404(Page.objects.live().public(), pk=comment.page_id).specific
    number = page_number_of(comment, services.policy_for(page).per_page)
    original_url = f"{page.get_url(request)}?cpage={number}#comment-{comment.pk}"
    if machine_translation.configured() is None:
        return redirect(original_url)
    # content_html was sanitised when saved, and a translation when kept.
    context = {
        "comment": comment,
        "target": page,
        "original_url": original_url,
        "body": mark_safe(comment.content_html),
    }
    try:
        result = comment_translation.translate(comment)
    except machine_translation.Unavailable as unavailable:
        # Not tagged, so never kept by the page cache: the next request tries again.
        context["translation_unavailable"] = str(unavailable)
        return render(request, "comments/translated.html", context, status=503)
    pagecache.tag(request, pagecache.page_tag(comment.page_id))
    context["machine_translation"] = result
    context["body"] = mark_safe(result.text("content_html", comment.content_html))
    return render(request, "comments/translated.html", context)
