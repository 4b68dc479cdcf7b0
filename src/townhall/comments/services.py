"""Posting, moderating and reporting comments. Views call these; they hold the rules."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from townhall.comments.models import Comment, CommentEvent, CommentPolicy, CommentReport
from townhall.comments.moderation import (
    Candidate,
    CommentRefused,
    decide_status,
    refuse_duplicate,
    refuse_flood,
)
from townhall.core import pagecache
from townhall.core.mail import send_email_after_commit
from townhall.core.services import sections
from townhall.core.services.organisations import organisation_for_page

HELD_VISIBLE_FOR = timedelta(minutes=10)


def policy_for(page: Page) -> CommentPolicy:
    """The discussion settings of the organisation that owns the page (defaults elsewhere)."""
    organisation = sections.section_owner(page)
    if organisation is None:
        return CommentPolicy()
    policy, _ = CommentPolicy.objects.get_or_create(organisation=organisation)
    return policy


def accepts_comments(page: Page) -> bool:
    return bool(getattr(page.specific_class, "accepts_comments", False))


def comments_are_open(page: Page, policy: CommentPolicy, now=None) -> bool:
    page = page.specific
    if not accepts_comments(page) or not getattr(page, "comments_open", True):
        return False
    if policy.close_after_days is None or page.first_published_at is None:
        return True
    return (now or timezone.now()) - page.first_published_at < timedelta(
        days=policy.close_after_days
    )


def _parent_for(candidate: Candidate, policy: CommentPolicy) -> Comment | None:
    if candidate.parent_id is None:
        return None
    parent = Comment.objects.filter(
        pk=candidate.parent_id, page_id=candidate.page_id, status=Comment.Status.APPROVED
    ).first()
    if parent is None:
        raise CommentRefused(400, _("The comment you are replying to is not there any more."))
    if parent.depth >= policy.thread_depth:
        raise CommentRefused(400, _("Replies cannot go any deeper here: reply further up."))
    return parent


def invalidate(comment: Comment) -> None:
    """Readers see a change at once: the page and the comment feeds are rendered anew."""
    pagecache.invalidate(pagecache.page_tag(comment.page_id), "comments")


def record(comment: Comment, action: str, user=None, note: str = "") -> None:
    CommentEvent.objects.create(comment=comment, action=action, user=user, note=note[:200])


def submit(page: Page, candidate: Candidate, *, is_spam_trap: bool = False) -> Comment:
    """Save a reader's comment with the status WordPress's rules give it.

    Raises CommentRefused for comments that are not saved at all."""
    policy = policy_for(page)
    if not comments_are_open(page, policy):
        raise CommentRefused(403, _("Comments are closed on this page."))
    now = timezone.now()
    with transaction.atomic():
        parent = _parent_for(candidate, policy)
        refuse_duplicate(candidate)
        refuse_flood(candidate, now)
        status, reason = decide_status(candidate, policy)
        if is_spam_trap:
            status, reason = Comment.Status.SPAM, "the honeypot field was filled in"
        comment = Comment.objects.create(
            page=page,
            parent=parent,
            root=(parent.root or parent) if parent else None,
            depth=parent.depth + 1 if parent else 1,
            author_name=candidate.author_name,
            author_email=candidate.author_email,
            author_url=candidate.author_url,
            content=candidate.content,
            status=status,
            ip_address=candidate.ip_address,
            user_agent=candidate.user_agent,
        )
        record(comment, f"posted as {status}", note=reason)
        if status == Comment.Status.PENDING:
            _notify_moderators(comment)
    return comment


def _notify_moderators(comment: Comment) -> None:
    organisation = organisation_for_page(comment.page)
    if organisation is None:
        return
    emails = set(
        organisation.moderators.user_set.filter(is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    body = render_to_string(
        "comments/emails/held.txt",
        {
            "comment": comment,
            "organisation": organisation,
            "queue_url": settings.TOWNHALL_BASE_URL
            + reverse("wagtailsnippets_comments_comment:list"),
        },
    )
    for email in sorted(emails):
        subject = _("A comment on “%(title)s” is waiting") % {"title": comment.page.title}
        send_email_after_commit(email, subject, body)


MODERATION_ACTIONS = {
    "approve": Comment.Status.APPROVED,
    "unapprove": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
}


@transaction.atomic
def moderate(comment: Comment, action: str, user) -> Comment:
    """Approve, unapprove, spam or trash; reviewing a reported comment clears its reports."""
    comment.status = MODERATION_ACTIONS[action]
    comment.hidden_for_review = False
    comment.save(update_fields=["status", "hidden_for_review"])
    record(comment, action, user)
    return comment


@transaction.atomic
def reply_as_moderator(parent: Comment, user, content: str) -> Comment:
    """A moderator's reply from the admin: approved at once, and it approves what it answers."""
    if parent.status != Comment.Status.APPROVED:
        moderate(parent, "approve", user)
    name = user.get_full_name() or user.get_username()
    reply = Comment.objects.create(
        page=parent.page,
        parent=parent,
        root=parent.root or parent,
        depth=min(parent.depth + 1, 10),
        author_name=name,
        author_email=user.email or "moderator@townhall.invalid",
        content=content,
        status=Comment.Status.APPROVED,
        user=user,
    )
    record(reply, "replied as moderator", user)
    return reply


def report(comment: Comment, reporter: str) -> bool:
    """A reader reports a comment; False if this browser already had. Enough reports hide it."""
    try:
        with transaction.atomic():
            CommentReport.objects.create(comment=comment, reporter=reporter[:64])
            Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
            comment.refresh_from_db(fields=["report_count"])
            if comment.report_count >= policy_for(comment.page).reports_to_hide:
                Comment.objects.filter(pk=comment.pk).update(hidden_for_review=True)
                record(comment, "hidden after reports", note=f"{comment.report_count} reports")
                transaction.on_commit(lambda: invalidate(comment))
    except IntegrityError:
        return False
    return True
