"""WordPress's comment rules, in WordPress's order (wp_allow_comment and check_comment).

1. a duplicate of a comment already made is refused (409);
2. a second comment from the same IP address or email within 15 seconds is refused (429);
3. the comment is held when manual moderation is on, when it has too many links, or when a
   moderation key matches; otherwise it is approved only if the same name and email already
   have an approved comment (a first comment waits for approval);
4. whatever step 3 said, a disallowed key sends it to spam.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from townhall.comments.models import Comment, CommentPolicy

DUPLICATE_MESSAGE = gettext_noop(
    "Duplicate comment detected; it looks as though you’ve already said that!"  # noqa: RUF001 - WordPress's words
)
# The English words of refuse_flood's message (which says them with ngettext, to translate).
FLOOD_MESSAGE = (
    "You are posting comments too quickly. Your comment is kept below: wait {seconds} "
    "second{s}, then post it again."
)
LINK = re.compile(r"(?:https?:)?//", re.IGNORECASE)


class CommentRefused(Exception):
    """A comment that is not saved at all, with the HTTP status and message to answer."""

    def __init__(self, status: int, message: str, *, keep_text: bool = False) -> None:
        super().__init__(message)
        self.status, self.message = status, message
        self.keep_text = keep_text  # the reader can post the same words again later


@dataclass(frozen=True)
class Candidate:
    """What a reader sent, as the rules see it."""

    page_id: int
    parent_id: int | None
    author_name: str
    author_email: str
    author_url: str
    content: str
    ip_address: str | None
    user_agent: str


def refuse_duplicate(candidate: Candidate) -> None:
    same_author = Comment.objects.filter(author_email__iexact=candidate.author_email) | (
        Comment.objects.filter(author_name=candidate.author_name)
    )
    if (
        same_author.filter(
            page_id=candidate.page_id,
            parent_id=candidate.parent_id,
            content=candidate.content,
        )
        .exclude(status=Comment.Status.TRASH)
        .exists()
    ):
        raise CommentRefused(409, _(DUPLICATE_MESSAGE))


def refuse_flood(candidate: Candidate, now: datetime) -> None:
    since = now - timedelta(seconds=settings.TOWNHALL_COMMENT_FLOOD_SECONDS)
    recent = Comment.objects.filter(created_at__gte=since)
    by_ip = recent.filter(ip_address=candidate.ip_address) if candidate.ip_address else None
    by_email = recent.filter(author_email__iexact=candidate.author_email)
    latest = by_email if by_ip is None else (by_email | by_ip)
    last = latest.order_by("-created_at").values_list("created_at", flat=True).first()
    if last is not None:
        wait = settings.TOWNHALL_COMMENT_FLOOD_SECONDS - int((now - last).total_seconds())
        wait = max(1, wait)
        message = ngettext(
            "You are posting comments too quickly. Your comment is kept below: wait "
            "%(seconds)s second, then post it again.",
            "You are posting comments too quickly. Your comment is kept below: wait "
            "%(seconds)s seconds, then post it again.",
            wait,
        ) % {"seconds": wait}
        raise CommentRefused(429, message, keep_text=True)


def count_links(content: str) -> int:
    return len(LINK.findall(content))


def matches_any(keys: str, candidate: Candidate) -> bool:
    """True when any line of `keys` appears, in any case, in any of the comment's fields."""
    haystacks = [
        candidate.author_name,
        candidate.author_email,
        candidate.author_url,
        candidate.content,
        candidate.ip_address or "",
        candidate.user_agent,
    ]
    lowered = [h.lower() for h in haystacks]
    for key in keys.splitlines():
        key = key.strip().lower()
        if key and any(key in haystack for haystack in lowered):
            return True
    return False


def previously_approved(candidate: Candidate) -> bool:
    return Comment.objects.filter(
        author_name=candidate.author_name,
        author_email__iexact=candidate.author_email,
        status=Comment.Status.APPROVED,
    ).exists()


def decide_status(candidate: Candidate, policy: CommentPolicy) -> tuple[str, str]:
    """(status, the rule that decided it), for a comment that passed steps 1 and 2."""
    if policy.manual_moderation:
        status, reason = Comment.Status.PENDING, "manual moderation is on"
    elif count_links(candidate.content) >= policy.max_links:
        status, reason = Comment.Status.PENDING, f"{policy.max_links} or more links"
    elif matches_any(policy.moderation_keys, candidate):
        status, reason = Comment.Status.PENDING, "a moderation key matched"
    elif previously_approved(candidate):
        status, reason = Comment.Status.APPROVED, "the author has an approved comment"
    else:
        status, reason = Comment.Status.PENDING, "a first comment waits for approval"
    if matches_any(policy.disallowed_keys, candidate):
        status, reason = Comment.Status.SPAM, "a disallowed key matched"
    return status, reason
