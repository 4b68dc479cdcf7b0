"""Programmes of change and their projects, as pages: drafts, revisions and previews for free."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from townhall.core import pagecache, translations
from townhall.core.richtext import EDITOR_FEATURES
from townhall.council.models.figures import describe
from townhall.council.services.tracker import tracker_for
from townhall.council.tags import COUNCIL_TAG


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Under way")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


def _dates_panel() -> FieldRowPanel:
    return FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")], heading=_("Dates"))


class TrackedPage(Page):
    """What programmes and projects share: a status, dates, decisions and the promise tracker."""

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True, help_text=_("Planned or actual end"))
    decisions = ParentalManyToManyField(
        "council.Decision",
        blank=True,
        related_name="%(class)ss",  # decision.programmepages, .projectpages
        help_text=_("Decisions that approved, changed or ended it"),
    )

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        pagecache.tag(request, COUNCIL_TAG)  # officers' new figures show at once
        context = super().get_context(request, *args, **kwargs)
        context["tracker"] = tracker_for(self)
        context["related_decisions"] = self.decisions.select_related("committee")
        return context


class ProgrammePage(TrackedPage):
    """A programme of change: why it exists, the principles it is tested against, who leads it."""

    page_description = _(
        "A council programme of change, with its projects, decisions and a promise tracker."
    )

    show_in_menus_default = True  # a new one is listed in its section's menu

    summary = models.CharField(max_length=300, help_text=_("One or two sentences for listings"))
    aims = RichTextField(features=EDITOR_FEATURES)
    principles = RichTextField(
        features=EDITOR_FEATURES, blank=True, help_text=_("The tests every project must pass")
    )
    sponsor = models.CharField(
        max_length=150, blank=True, help_text=_("The officer's public role, e.g. Chief Executive")
    )
    political_leads = ParentalManyToManyField(
        "council.Councillor", blank=True, related_name="programmes_led"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("aims"),
        FieldPanel("principles"),
        MultiFieldPanel(
            [
                FieldPanel("sponsor"),
                FieldPanel("political_leads"),
                FieldPanel("status"),
                _dates_panel(),
                FieldPanel("decisions"),
            ],
            heading=_("Leadership and status"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("aims"),
        index.SearchField("principles"),
    ]
    parent_page_types = ["campaigns.OrganisationHomePage"]
    subpage_types = ["council.ProjectPage"]
    template = "council/programme_page.html"

    def projects(self):
        projects = translations.originals(ProjectPage.objects.live().public())
        return projects.child_of(translations.original_of(self))

    class Meta:
        verbose_name = _("programme")


class ProjectPage(TrackedPage):
    """One project of a programme, with its budget and, once outsourced, its supplier."""

    page_description = _("A project within a programme: its status, decisions and figures.")

    aim = models.TextField()
    budget = models.DecimalField(
        _("budget (£)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    supplier = models.CharField(
        max_length=150, blank=True, help_text=_("Who delivers it, when outsourced")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("aim"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                _dates_panel(),
                FieldPanel("budget"),
                FieldPanel("supplier"),
                FieldPanel("decisions"),
            ],
            heading=_("Status, budget and supplier"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("aim")]
    parent_page_types = ["council.ProgrammePage"]
    subpage_types: list[str] = []
    template = "council/project_page.html"

    @property
    def budget_shown(self) -> str:
        return describe(self.budget, "gbp") if self.budget is not None else ""

    class Meta:
        verbose_name = _("project")
