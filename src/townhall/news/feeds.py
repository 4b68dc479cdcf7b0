"""RSS 2.0 and Atom feeds of news: per section, per category, and for the whole site.

Authors appear by name only; no email address is ever put in a feed."""

from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from townhall.core import translations

FEED_LENGTH = 20


@dataclass
class FeedSpec:
    title: str
    link: str
    description: str
    posts: QuerySet


class PostsFeed(Feed):
    def __init__(self, atom: bool) -> None:
        super().__init__()
        self.feed_type = Atom1Feed if atom else Rss201rev2Feed

    def get_object(self, request, spec: FeedSpec) -> FeedSpec:
        return spec

    def title(self, spec: FeedSpec) -> str:
        return spec.title

    def link(self, spec: FeedSpec) -> str:
        return spec.link

    def description(self, spec: FeedSpec) -> str:
        return spec.description

    subtitle = description

    def items(self, spec: FeedSpec):
        posts = spec.posts.prefetch_related("categories", "tagged_items__tag")[:FEED_LENGTH]
        return translations.in_reader_language(posts)  # a /cy/ feed in Welsh where it can

    def item_title(self, post) -> str:
        return post.title

    def item_description(self, post) -> str:
        return expand_db_html(post.body)

    def item_link(self, post) -> str:
        return post.get_url()

    def item_guid(self, post) -> str:
        return post.full_url

    def item_pubdate(self, post) -> datetime:
        # When it was first published, if that was on its post date (an imported post keeps
        # WordPress's time of day); noon on its date when an editor gave it another day.
        published = post.first_published_at
        if published is not None and timezone.localdate(published) == post.date:
            return published
        return timezone.make_aware(datetime.combine(post.date, time(12)))

    def item_updateddate(self, post) -> datetime | None:
        return post.last_published_at

    def item_author_name(self, post) -> str:
        return post.author_name or None

    def item_categories(self, post) -> list[str]:
        return [c.name for c in post.categories.all()] + [
            t.tag.name for t in post.tagged_items.all()
        ]


def section_feed(request: HttpRequest, index_page, category_slug: str | None, atom: bool):
    posts = index_page.posts()
    title = f"{index_page.get_parent().title}: {index_page.title}"
    if category_slug is not None:
        category = index_page.category_named(category_slug)
        if category is None:
            raise Http404("There is no such category.")
        posts, title = posts.filter(categories=category), f"{title}, {category.name}"
    description = _("The latest from %(title)s") % {"title": title}
    spec = FeedSpec(title, index_page.get_url(request), description, posts)
    return PostsFeed(atom)(request, spec=spec)
