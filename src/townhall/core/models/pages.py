from django.db import models
from django.http import HttpResponsePermanentRedirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.redirects.models import Redirect
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from townhall.core.indicators import indicator_blocks
from townhall.core.richtext import EDITOR_FEATURES
from townhall.core.services.listing import latest_items

from .organisations import Organisation


class BoroughHomePage(Page):
    """The site's front page: the borough, its council and its campaign groups."""

    intro = RichTextField(features=EDITOR_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    def route(self, request, path_components):
        """The page at this path in one query (two with its own fields), where Wagtail walks
        down one level at a time with two queries each: a fifth of a post's render. When no
        live page has exactly this path, Wagtail's walk decides (a routable page's own
        paths, such as news/feed/, and the 404s)."""
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            page = Page.objects.filter(url_path=url_path, live=True).specific().first()
            if page is not None:
                return page.route(request, [])  # a routable page picks its own index view
        return super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        # Old WordPress links (/?p=12, /?page_id=3) reach the home page, not a 404, so
        # Wagtail's redirect middleware never sees them: look them up here.
        if request.GET.keys() & {"p", "page_id", "cat", "tag"}:
            path = Redirect.normalise_path(request.get_full_path())
            redirect = Redirect.get_for_site(self.get_site()).filter(old_path=path).first()
            if redirect is not None and redirect.link:
                return HttpResponsePermanentRedirect(redirect.link)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["organisations"] = (
            Organisation.objects.filter(home_page__live=True)
            .select_related("home_page")
            .order_by("kind", "name")
        )
        context["latest"] = latest_items(self, limit=6)
        return context


class ContentPage(Page):
    """A plain page of text: about us, privacy notice, how to get involved."""

    page_description = _("A page of text: about us, how to get involved, a privacy notice.")

    show_in_menus_default = True  # a new one is listed in its section's menu
    kept_from_original = ("figures",)  # current figures in every language (core.translations)

    summary = models.CharField(max_length=300, blank=True)
    body = RichTextField(features=[*EDITOR_FEATURES, "image"])  # as news posts: imports keep theirs
    figures = StreamField(indicator_blocks(), blank=True, help_text=_("Indicators after the text"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("figures"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        verbose_name = _("plain page")
