"""Comment feeds, per page and for the whole site. Names only: never an email address."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from townhall.comments.models import Comment
from townhall.core import pagecache, translations

FEED_LENGTH = 30


def visible_comments():
    return Comment.objects.filter(status=Comment.Status.APPROVED, hidden_for_review=False)


def feed_text(text: str) -> str:
    """A title or name for a feed, without < and >: feeds carry titles as plain text, but
    many readers show them as HTML, and a name written years ago (or imported) may hold
    them. New names with < or > are refused."""
    return text.replace("<", "").replace(">", "")


class CommentsFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, page_id: int | None = None):
        pagecache.tag(request, "comments")
        if page_id is None:
            site = Site.find_for_request(request)
            if site is None:
                raise Http404("No site here.")
            return site.root_page
        return get_object_or_404(Page.objects.live().public(), pk=page_id)

    def title(self, page: Page) -> str:
        return _("Comments on %(title)s") % {"title": page.title}

    def link(self, page: Page) -> str:
        return page.url or "/"

    def description(self, page: Page) -> str:
        return _("The latest comments on %(title)s") % {"title": page.title}

    def items(self, page: Page):
        live = translations.originals(Page.objects.live().public())  # comments are on originals
        comments = visible_comments().filter(page__in=live.descendant_of(page, inclusive=True))
        return comments.select_related("page").order_by("-created_at")[:FEED_LENGTH]

    def item_title(self, comment: Comment) -> str:
        return feed_text(
            _("%(name)s on %(title)s") % {"name": comment.author_name, "title": comment.page.title}
        )

    def item_description(self, comment: Comment) -> str:
        return comment.content_html

    def item_link(self, comment: Comment) -> str:
        return f"{comment.page.url}#comment-{comment.pk}"

    def item_pubdate(self, comment: Comment):
        return comment.created_at

    def item_author_name(self, comment: Comment) -> str:
        return feed_text(comment.author_name)
