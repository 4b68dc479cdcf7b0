from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from townhall.core import translations
from townhall.core.indicators import indicator_blocks
from townhall.core.richtext import EDITOR_FEATURES
from townhall.core.services.listing import latest_items
from townhall.core.services.organisations import organisation_for_page
from townhall.core.version_forms import CompareVersionsForm, version_choices


class OrganisationHomePage(Page):
    """The front page of a campaign group's or the council's section of the site."""

    page_description = gettext_lazy(
        "The front page of a group or of the council: who you are, your latest news and "
        "how to get in touch."
    )
    kept_from_original = ("figures",)  # current figures in every language (core.translations)

    intro = RichTextField(features=EDITOR_FEATURES, blank=True)
    donate_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=gettext_lazy("Your own donation page on this site, if you have one"),
    )
    donate_url = models.URLField(
        gettext_lazy("donation page elsewhere"),
        blank=True,
        help_text=gettext_lazy("Or where supporters can give money on another site"),
    )
    contact = models.ForeignKey(
        "core.ContactDetails", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    figures = StreamField(
        indicator_blocks(),
        blank=True,
        help_text=gettext_lazy("Indicators: your datasets' latest figures"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("figures"),
        FieldPanel("donate_page"),
        FieldPanel("donate_url"),
        FieldPanel("contact"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["core.BoroughHomePage"]

    @property
    def donate_link(self) -> str:
        """Where the Donate button goes: the group's own page here, else its page elsewhere."""
        if self.donate_page_id and self.donate_page.live:
            return self.donate_page.url
        return self.donate_url

    def section_menu_extra(self) -> list[tuple[str, str]]:
        """Links this home page adds to its section's menu."""
        # Lazy: the menus are kept between requests (core.services.sections), in any language.
        return [(gettext_lazy("Donate"), self.donate_link)] if self.donate_link else []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        organisation = organisation_for_page(self)
        context["organisation"] = organisation
        context["latest"] = latest_items(self)
        aims = translations.originals(AimsPage.objects.live().public()).child_of(self).first()
        context["aims"] = translations.in_reader_language([aims])[0] if aims else None
        if organisation is not None:
            context["documents"] = (
                get_document_model()
                .objects.filter(collection=organisation.collection)
                .order_by("-created_at")[:10]
            )
        return context

    class Meta:
        verbose_name = gettext_lazy("group home page")


class AimsPage(RoutablePageMixin, Page):
    """Aims or a constitution, with every published version kept and comparable in public."""

    page_description = gettext_lazy(
        "Your aims or constitution. Every version you publish is kept, and readers can "
        "compare them."
    )

    show_in_menus_default = True  # a new one is listed in its section's menu

    body = RichTextField(features=EDITOR_FEATURES)
    change_summary = models.CharField(
        gettext_lazy("what changed"),
        max_length=250,
        blank=True,
        help_text=gettext_lazy(
            "One line saying what this version changes; shown in the public history."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("body"), FieldPanel("change_summary")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["campaigns.OrganisationHomePage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        versions = list(self.versions.order_by("-number"))
        context["versions"] = versions
        if len(versions) >= 2:
            context["compare_form"] = CompareVersionsForm(
                initial={"old": versions[1].number, "new": versions[0].number},
                choices=version_choices(versions, "published_at"),
            )
        return context

    @path("versions/<id:number>/", name="version")
    def version(self, request, number: int):
        version = self.versions.filter(number=number).first()
        if version is None:
            raise Http404("There is no such version.")
        return self.render(
            request,
            template="campaigns/aims_version.html",
            context_overrides={
                "version": version,
                "latest": self.versions.order_by("-number").first(),
            },
        )

    @path("compare/", name="compare")
    def compare(self, request):
        from townhall.campaigns.views import compare_versions

        return compare_versions(request, self)

    class Meta:
        # Translators: a kind of page: a group's aims, or its constitution
        verbose_name = gettext_lazy("aims")


class AimsVersion(models.Model):
    """A published version of an aims page, kept for the public record."""

    page = models.ForeignKey(AimsPage, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=255)
    body = models.TextField(help_text=gettext_lazy("Rich text, in Wagtail's stored format"))
    change_summary = models.CharField(max_length=250, blank=True)
    published_at = models.DateTimeField()
    revision = models.OneToOneField(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["page", "number"]
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="one_number_per_version")
        ]

    def __str__(self) -> str:
        return _("%(title)s, version %(number)s") % {"title": self.title, "number": self.number}
