"""The markup of a thread's comments, built in Python rather than in a template loop.

A post's discussion is the one part of a page that repeats per item by the hundred, and
Django's template engine costs about 175 microseconds a comment here (some 28 variable
lookups, two date filters, number localisation): 9 ms of a 26 ms cold render for 50
comments. The same markup from f-strings costs about 12 microseconds a comment. Every value a
person typed is escaped here; `content_html` was sanitised with nh3 when the comment was
saved (tests/comments/test_markup.py).
"""

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from townhall.comments.threads import Row

HELD_NOTE = mark_safe(
    '<p class="th-comment__held"><strong>Your comment is awaiting moderation.</strong> '
    "Only you can see it until a moderator approves it.</p>"
)


def thread_items(
    rows: list[Row], *, replies_open: bool, max_depth: int, csrf_input: SafeString
) -> SafeString:
    """The list items of `comments/thread.html`'s outer list, nested replies included."""
    return mark_safe("".join(_item(row, replies_open, max_depth, csrf_input) for row in rows))


def _item(row: Row, replies_open: bool, max_depth: int, csrf_input: SafeString) -> str:
    comment = row.node.comment
    held = row.node.held
    pk = int(comment.pk)
    name = f"<bdi>{escape(comment.author_name)}</bdi>"  # isolated: see names_list
    author = name
    if comment.author_url:
        author = f'<a href="{escape(comment.author_url)}" rel="external nofollow ugc">{name}</a>'
    created = timezone.localtime(comment.created_at)
    shown = f"{created.day} {created:%B %Y} at {created:%H:%M}"  # as the date filter's "j F Y"
    actions = ""
    if not held:
        reply = ""
        if replies_open and comment.depth < max_depth:
            reply = (
                f'<a href="?replytocom={pk}#respond" class="th-comment__reply">Reply'
                f'<span class="th-visually-hidden"> to {name}</span></a> '
            )
        actions = (
            f'<div class="th-comment__actions">{reply}'
            f'<form action="{escape(row.report_url)}" method="post" class="th-comment__report">'
            f'{csrf_input}<button type="submit" class="th-link-button">Report'
            f'<span class="th-visually-hidden"> the comment by {name}</span></button></form></div>'
        )
    opening = (
        '<ol class="th-comment-list th-comment-list--replies">' if row.has_replies else "</li>"
    )
    return (
        f'<li class="th-comment{" th-comment--held" if held else ""}" id="comment-{pk}">'
        f'<article aria-labelledby="comment-{pk}-author"><p class="th-comment__meta">'
        f'<span class="th-comment__author" id="comment-{pk}-author">{author}</span> '
        f'<span class="th-comment__date"><a href="#comment-{pk}">'
        f'<time datetime="{created.isoformat()}">{shown}</time></a></span></p>'
        f'{HELD_NOTE if held else ""}<div class="th-comment__body">{comment.content_html}</div>'
        f"{actions}</article>{opening}{'</ol></li>' * len(row.closes)}"
    )
