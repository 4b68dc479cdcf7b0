"""Grant schemes: a funder's page with its criteria, limits, eligibility check, application
form and rounds."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from townhall.core import translations
from townhall.core.question_blocks import QUESTION_TYPES
from townhall.core.richtext import EDITOR_FEATURES


class RecipientType(models.TextChoices):
    """Who a grant goes to: informal groups may have a lower maximum."""

    ORGANISATION = "organisation", _("Constituted organisation (charity, company, CIC)")
    GROUP = "group", _("Informal group")
    INDIVIDUAL = "individual", _("Individual")


class CriterionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=150)
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "tick-inverse"


class EligibilityBlock(blocks.StructBlock):
    """A yes-or-no question that stops an ineligible applicant early, saying why."""

    question = blocks.CharBlock(max_length=300)
    eligible_answer = blocks.ChoiceBlock(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        default="yes",
        help_text=_("The answer that may apply"),
    )
    reason = blocks.CharBlock(
        max_length=300,
        help_text=_("Shown to people who give the other answer: why they cannot apply"),
    )

    class Meta:
        icon = "help"


# What an application form may ask, besides the project, amount and budget every one has.
APPLICATION_QUESTION_TYPES = [
    (name, block)
    for name, block in QUESTION_TYPES
    if name
    in {"short_text", "long_text", "single_choice", "multiple_choice", "dropdown"}
    | {"date", "file", "consent"}
]


class ApplicationSectionBlock(blocks.StructBlock):
    """One task in the application's task list: applicants fill it in, save, and come back.

    A question's condition ("show only if") reads the answers saved so far, so it should name
    a question in an earlier section.
    """

    title = blocks.CharBlock(max_length=150)
    intro = blocks.TextBlock(required=False)
    questions = blocks.StreamBlock(APPLICATION_QUESTION_TYPES)

    class Meta:
        icon = "form"


class GrantSchemePage(Page):
    """A scheme: what it funds, the criteria applications are assessed on, who may apply,
    how much, the eligibility check, information sessions, and its rounds."""

    page_description = _(
        "A grants scheme: who can apply, for how much, its rounds and the awards made."
    )
    # The same in every language (core.translations): applications answer the original's form.
    kept_from_original = ("funder_org_id", "application_form")

    summary = models.CharField(max_length=300)
    purpose = RichTextField(features=EDITOR_FEATURES)
    criteria = StreamField([("criterion", CriterionBlock())], min_num=1)
    who_may_apply = RichTextField(features=EDITOR_FEATURES)
    minimum_amount = models.DecimalField(_("minimum grant (£)"), max_digits=10, decimal_places=2)
    maximum_amount = models.DecimalField(_("maximum grant (£)"), max_digits=10, decimal_places=2)
    maximum_informal_group = models.DecimalField(
        _("maximum for informal groups (£)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: the same maximum for everyone"),
    )
    eligibility = StreamField([("question", EligibilityBlock())], blank=True)
    application_form = StreamField(
        [("section", ApplicationSectionBlock())],
        blank=True,
        help_text=_(
            "Sections of questions, after 'Your project' and 'Budget', which every "
            "application has. Use a consent question for each declaration."
        ),
    )
    funder_org_id = models.CharField(
        _("funder's organisation identifier"),
        max_length=60,
        blank=True,
        help_text=_("For open data (360Giving), e.g. GB-LAE-BNE for the London Borough of Barnet"),
    )
    information_sessions = RichTextField(
        features=EDITOR_FEATURES,
        blank=True,
        help_text=_("Dates and places, when they are not events on this site"),
    )
    # Sessions published as events get their date, place, access and RSVPs from there.
    session_events = ParentalManyToManyField(
        "events.EventPage",
        blank=True,
        related_name="+",
        verbose_name=_("information session events"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("purpose"),
        FieldPanel("criteria"),
        FieldPanel("who_may_apply"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("minimum_amount"), FieldPanel("maximum_amount")]),
                FieldPanel("maximum_informal_group"),
            ],
            heading=_("Amounts"),
        ),
        FieldPanel("eligibility"),
        FieldPanel("application_form"),
        FieldPanel("information_sessions"),
        FieldPanel("session_events"),
        FieldPanel("funder_org_id"),
        InlinePanel("rounds", heading=_("Rounds"), min_num=1),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("purpose"),
    ]
    parent_page_types = ["campaigns.OrganisationHomePage"]
    subpage_types: list[str] = []
    digest_label = _("New grant scheme")
    template = "grants/grant_scheme_page.html"

    def clean(self) -> None:
        super().clean()
        errors = {}
        low, high = self.minimum_amount, self.maximum_amount
        if low is not None and low <= 0:
            errors["minimum_amount"] = gettext("The minimum must be more than £0")
        if low is not None and high is not None and high < low:
            errors["maximum_amount"] = gettext("The maximum must be at least the minimum")
        informal = self.maximum_informal_group
        if informal is not None and low is not None and not low <= informal <= (high or informal):
            errors["maximum_informal_group"] = gettext("Between the minimum and the maximum")
        if errors:
            raise ValidationError(errors)

    def ceiling_for(self, recipient_type: str) -> Decimal:
        """The most an applicant of this kind may ask for: informal groups may have less."""
        if recipient_type == "group" and self.maximum_informal_group:
            return self.maximum_informal_group
        return self.maximum_amount

    def get_context(self, request, *args, **kwargs):
        from townhall.core import pagecache

        context = super().get_context(request, *args, **kwargs)
        rounds = list(self.rounds.order_by("opens_at"))
        now = timezone.now()
        changes = [at for r in rounds for at in (r.opens_at, r.closes_at) if at > now]
        if changes:  # a cached copy must not outlive a round opening or closing
            pagecache.tag(request, seconds=max(1, int((min(changes) - now).total_seconds())))
        context["rounds"] = rounds
        sessions = translations.originals(self.session_events.live().public())  # each once
        context["sessions"] = sessions.filter(starts_at__gte=now)
        context["open_round"] = next((r for r in rounds if r.is_open(now)), None)
        return context

    class Meta:
        verbose_name = _("grant scheme")


# A round's state (GrantRound.state) as people read it.
STATE_LABELS = {
    "forthcoming": pgettext_lazy("grant round", "Forthcoming"),
    "open": pgettext_lazy("grant round", "Open"),
    "closed": pgettext_lazy("grant round", "Closed"),
}


class GrantRound(Orderable):
    scheme = ParentalKey(GrantSchemePage, on_delete=models.CASCADE, related_name="rounds")
    title = models.CharField(max_length=100)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    budget = models.DecimalField(_("budget (£)"), max_digits=12, decimal_places=2)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Dates")),
        FieldPanel("budget"),
    ]

    def __str__(self) -> str:
        return f"{self.scheme.title}: {self.title}"

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": gettext("A round must close after it opens")})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def state(self, now=None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return "forthcoming"
        return "open" if now < self.closes_at else "closed"

    def state_label(self, now=None) -> str:
        """The state in words: "Forthcoming", "Open" or "Closed"."""
        return STATE_LABELS[self.state(now)]
