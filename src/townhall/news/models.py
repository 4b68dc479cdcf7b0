from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from townhall.core.richtext import EDITOR_FEATURES


class NewsIndexPage(Page):
    """A section's news: its posts, newest first."""

    intro = RichTextField(features=EDITOR_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["news.NewsPostPage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        posts = NewsPostPage.objects.live().public().child_of(self).order_by("-date", "-pk")
        context["posts"] = Paginator(posts, 10).get_page(request.GET.get("page"))
        return context


class NewsPostPage(Page):
    """One news item or blog post."""

    show_in_latest = True  # listed on its section's home page (core.services.listing)

    date = models.DateField("post date", default=timezone.localdate)
    teaser = models.CharField(max_length=300, help_text="One or two sentences for listings")
    body = RichTextField(features=EDITOR_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("teaser"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("teaser"), index.SearchField("body")]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []
