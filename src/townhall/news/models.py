from datetime import date

from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from townhall.core import translations
from townhall.core.admin_forms import AdminPageForm
from townhall.core.richtext import EDITOR_FEATURES
from townhall.core.services.organisations import organisation_for_page
from townhall.news import listing
from townhall.news.excerpt import excerpt
from townhall.news.feeds import section_feed

POSTS_PER_PAGE = 10


class NewsCategoryQuerySet(models.QuerySet):
    def for_organisation(self, organisation) -> "NewsCategoryQuerySet":
        """The categories a section's posts may use: its own, and the shared ones."""
        return self.filter(models.Q(organisation=organisation) | models.Q(organisation=None))


class NewsCategory(models.Model):
    """A category of news, an organisation's own (or, with none, offered to every group)."""

    shown_on_many_pages = True  # a change empties the page cache (core.signals)

    organisation = models.ForeignKey(
        "core.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="news_categories",
        help_text=gettext_lazy(
            "Whose category it is. Only administrators make shared ones (left empty)."
        ),
    )
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)

    objects = NewsCategoryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = gettext_lazy("news categories")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "slug"], name="one_category_slug_per_organisation"
            ),
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(organisation=None),
                name="one_shared_category_slug",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class NewsPostTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPostPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsIndexPage(RoutablePageMixin, Page):
    """A section's news: paginated, by month, by category and tag, and as feeds."""

    page_description = gettext_lazy(
        "Lists your news posts, newest first, with monthly archives, categories, tags and feeds."
    )

    show_in_menus_default = True  # a new one is listed in its section's menu

    intro = RichTextField(features=EDITOR_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["news.NewsPostPage"]
    max_count_per_parent = 1

    def posts(self):
        return posts_below(self)

    def listing(self, request, posts, heading: str = "", feed_path: str = ""):
        shown = listing.paginate(posts, request.GET.get("page"), POSTS_PER_PAGE)
        shown.object_list = translations.in_reader_language(shown.object_list)
        return self.render(
            request,
            context_overrides={
                "posts": shown,
                "months": listing.months_with_counts(self.posts()),
                "heading": heading,
                "feed_path": feed_path,
            },
        )

    @path("")
    def all_posts(self, request):
        return self.listing(request, self.posts())

    @path("<id:year>/<id:month>/", name="month")
    def month(self, request, year: int, month: int):
        if not 1 <= month <= 12 or not 1900 <= year <= 9999:
            raise Http404("There is no such month.")
        posts = self.posts().filter(date__year=year, date__month=month)
        title = date_format(date(year, month, 1), "F Y")
        return self.listing(request, posts, heading=_("News from %(month)s") % {"month": title})

    def category_named(self, slug: str):
        """The section's own category with this slug, else the shared one."""
        organisation = organisation_for_page(self)
        return (
            NewsCategory.objects.for_organisation(organisation)
            .filter(slug=slug)
            .order_by(models.F("organisation").asc(nulls_last=True))
            .first()
        )

    @path("category/<slug:slug>/", name="category")
    def category(self, request, slug: str):
        category = self.category_named(slug)
        if category is None:
            raise Http404("There is no such category.")
        posts = self.posts().filter(categories=category)
        return self.listing(
            request,
            posts,
            heading=_("Category: %(name)s") % {"name": category.name},
            feed_path=f"category/{slug}/",
        )

    @path("tag/<slug:slug>/", name="tag")
    def tag(self, request, slug: str):
        posts = self.posts().filter(tags__slug=slug)
        tag = NewsPostTag.tag_model().objects.filter(slug=slug).first()
        if tag is None:
            raise Http404("There is no such tag.")
        return self.listing(request, posts, heading=_("Tagged: %(name)s") % {"name": tag.name})

    @path("feed/", name="rss")
    @path("feed/atom/", name="atom")
    @path("category/<slug:slug>/feed/", name="category_rss")
    @path("category/<slug:slug>/feed/atom/", name="category_atom")
    def feed(self, request, slug: str | None = None):
        return section_feed(
            request, self, category_slug=slug, atom=request.path.rstrip("/").endswith("atom")
        )

    class Meta:
        verbose_name = gettext_lazy("news section")


class NewsPostForm(AdminPageForm):
    """Offers only the categories of the post's own organisation, and the shared ones."""

    def __init__(self, *args, parent_page=None, **kwargs) -> None:
        super().__init__(*args, parent_page=parent_page, **kwargs)
        where = parent_page if self.instance.pk is None else self.instance
        if "categories" in self.fields and where is not None:
            organisation = organisation_for_page(where)
            self.fields["categories"].queryset = NewsCategory.objects.for_organisation(organisation)


class NewsPostPage(Page):
    """One news item or blog post."""

    page_description = gettext_lazy(
        "A news item, blog post, letter or essay. Readers can comment on it."
    )

    show_in_latest = True  # listed on its section's home page (core.services.listing)
    # How followers' digests introduce it (core.follow_sources).
    digest_label = gettext_lazy("New post")
    accepts_comments = True  # comments attach to it (comments app)

    date = models.DateField(gettext_lazy("post date"), default=timezone.localdate)
    author_name = models.CharField(gettext_lazy("author"), max_length=100, blank=True)
    teaser = models.CharField(
        max_length=300,
        blank=True,
        help_text=gettext_lazy(
            "One or two sentences for listings; the start of the post if left empty"
        ),
    )
    body = RichTextField(features=[*EDITOR_FEATURES, "image"])
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    categories = ParentalManyToManyField(NewsCategory, blank=True, related_name="posts")
    base_form_class = NewsPostForm
    tags = ClusterTaggableManager(through=NewsPostTag, blank=True)
    comments_open = models.BooleanField(default=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("author_name")], heading=gettext_lazy("Byline")
        ),
        FieldPanel("teaser"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("categories"), FieldPanel("tags"), FieldPanel("comments_open")],
            heading=gettext_lazy("Filing and comments"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.SearchField("author_name"),
        index.FilterField("date"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = gettext_lazy("news post")
        ordering = ["-date"]

    @property
    def excerpt(self) -> str:
        return self.teaser or excerpt(self.body)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One query for the trail above the post (base.html's breadcrumbs); its news index
        # and the index's section come from it rather than from a query each.
        ancestors = translations.in_reader_language(self.get_ancestors())
        context["ancestors"] = ancestors
        context["index"] = ancestors[-1].specific
        context["section_title"] = ancestors[-2].title if len(ancestors) > 1 else ""
        return context


def posts_below(page: Page) -> models.QuerySet:
    """The published posts anywhere below a page (a section's news, or the whole site's):
    each once, its original (core.translations)."""
    posts = translations.originals(NewsPostPage.objects.live().public())
    return posts.descendant_of(translations.original_of(page)).order_by("-date", "-pk")
