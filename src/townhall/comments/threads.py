"""Arranging a page's comments into threads, a page of top-level comments at a time."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Q

from townhall.comments.models import Comment


@dataclass
class Node:
    comment: Comment
    replies: list["Node"] = field(default_factory=list)
    held: bool = False


def threads_for(page, *, number, per_page: int, held_ids: list[int]):
    """(paginator page of top-level comments, their threads as Nodes oldest first, the
    number of approved comments on the page).

    Readers see approved comments, and their own held ones (`held_ids`) marked as such."""
    approved = Q(status=Comment.Status.APPROVED, hidden_for_review=False)
    comments = Comment.objects.filter(
        approved | Q(pk__in=held_ids, status=Comment.Status.PENDING), page=page
    )
    # Both counts in one query: the paginator's (top-level comments shown) and the heading's.
    counted = comments.aggregate(
        roots=Count("pk", filter=Q(parent__isnull=True)), approved=Count("pk", filter=approved)
    )
    roots = Paginator(comments.filter(parent__isnull=True).order_by("created_at", "pk"), per_page)
    roots.count = counted["roots"]
    # As in WordPress, the newest page comes first; within a page, the oldest comment first.
    page_of_roots = roots.get_page(number or roots.num_pages)
    root_ids = [c.pk for c in page_of_roots]
    replies = comments.filter(root_id__in=root_ids).order_by("created_at", "pk")
    nodes = {c.pk: Node(c, held=c.status == Comment.Status.PENDING) for c in page_of_roots}
    for reply in replies:
        parent = nodes.get(reply.parent_id)
        if parent is None:  # its parent is hidden: so is the reply, as in WordPress
            continue
        nodes[reply.pk] = Node(reply, held=reply.status == Comment.Status.PENDING)
        parent.replies.append(nodes[reply.pk])
    return page_of_roots, [nodes[pk] for pk in root_ids], counted["approved"]


@dataclass
class Row:
    """One comment in reading order, with how the list markup opens and closes around it."""

    node: Node
    has_replies: bool
    closes: range = range(0)
    report_url: str = ""
    translate_url: str = ""  # set where a machine translator is configured


def flatten(threads: list[Node]) -> list[Row]:
    """The threads in reading order, so a template renders them in one loop: a row with
    replies opens a nested list, and `closes` says how many nested lists end after a row."""
    rows: list[Row] = []

    def walk(nodes: list[Node], level: int) -> None:
        for node in nodes:
            rows.append(Row(node, bool(node.replies)))
            walk(node.replies, level + 1)
        if level and nodes:
            rows[-1].closes = range(len(rows[-1].closes) + 1)

    walk(threads, 0)
    return rows


def page_number_of(comment: Comment, per_page: int) -> int:
    """Which page of top-level comments holds this comment's thread."""
    root = comment.root or comment
    earlier = Comment.objects.filter(
        page_id=comment.page_id,
        parent__isnull=True,
        status=Comment.Status.APPROVED,
        hidden_for_review=False,
        created_at__lt=root.created_at,
    ).count()
    return earlier // per_page + 1
