from django import template
from django.urls import reverse

from townhall.comments import services
from townhall.comments.forms import CommentForm
from townhall.comments.markup import thread_items
from townhall.comments.models import Comment
from townhall.comments.threads import flatten, threads_for
from townhall.comments.views import held_comment_ids
from townhall.core import csrf
from townhall.core.services import machine_translation

register = template.Library()


@register.inclusion_tag("comments/thread.html", takes_context=True)
def comment_thread(context, page) -> dict:
    """The comments on a page, the reply form, and the reader's own held comments."""
    request = context["request"]
    policy = services.policy_for(page)
    page_of_roots, threads, approved_count = threads_for(
        page,
        number=request.GET.get("cpage"),
        per_page=policy.per_page,
        held_ids=held_comment_ids(request),
    )
    rows = flatten(threads)
    report_url = reverse("comments-report", args=[0]).replace("/0/", "/{}/")
    translate_url = reverse("comment-translated", args=[0]).replace("/0/", "/{}/")
    # Offered only where a translator is configured; the same for every reader (cached).
    offer = machine_translation.offer(translate_url)
    for row in rows:
        row.report_url = report_url.format(row.node.comment.pk)
        if offer is not None:
            row.translate_url = translate_url.format(row.node.comment.pk)
    comments_open = services.comments_are_open(page, policy)
    reply_to = None
    replytocom = request.GET.get("replytocom", "")
    if replytocom.isdigit():
        reply_to = Comment.objects.filter(
            pk=int(replytocom),
            page=page,
            status=Comment.Status.APPROVED,
            depth__lt=policy.thread_depth,
        ).first()
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "page": page,
        "rows": rows,
        "items": thread_items(
            rows,
            replies_open=comments_open,
            max_depth=policy.thread_depth,
            csrf_input=csrf.hidden_input(context.get("csrf_token")),
            translate_label=offer.label if offer is not None else "",
        ),
        "comment_pages": page_of_roots,
        "count": approved_count,
        "open": comments_open,
        "max_depth": policy.thread_depth,
        "reply_to": reply_to,
        "form": CommentForm(initial={"parent": reply_to.pk if reply_to else None}),
    }
