"""Arranging a page's comments into threads, a page of top-level comments at a time."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Q

from townhall.comments.models import Comment


@dataclass
class Node:
    comment: Comment
    replies: list["Node"] = field(default_factory=list)
    held: bool = False


def threads_for(page, *, number, per_page: int, held_ids: list[int]):
    """(paginator page of top-level comments, their threads as Nodes, oldest first).

    Readers see approved comments, and their own held ones (`held_ids`) marked as such."""
    visible = Q(status=Comment.Status.APPROVED, hidden_for_review=False) | Q(
        pk__in=held_ids, status=Comment.Status.PENDING
    )
    comments = Comment.objects.filter(visible, page=page)
    roots = Paginator(comments.filter(parent__isnull=True).order_by("created_at", "pk"), per_page)
    page_of_roots = roots.get_page(number)
    root_ids = [c.pk for c in page_of_roots]
    replies = comments.filter(root_id__in=root_ids).order_by("created_at", "pk")
    nodes = {c.pk: Node(c, held=c.status == Comment.Status.PENDING) for c in page_of_roots}
    for reply in replies:
        parent = nodes.get(reply.parent_id)
        if parent is None:  # its parent is hidden: so is the reply, as in WordPress
            continue
        nodes[reply.pk] = Node(reply, held=reply.status == Comment.Status.PENDING)
        parent.replies.append(nodes[reply.pk])
    return page_of_roots, [nodes[pk] for pk in root_ids]
