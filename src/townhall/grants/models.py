"""Grant schemes: a funder's page with its criteria, limits, eligibility check and rounds."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from townhall.core.richtext import EDITOR_FEATURES


class CriterionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=150)
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "tick-inverse"


class EligibilityBlock(blocks.StructBlock):
    """A yes-or-no question that stops an ineligible applicant early, saying why."""

    question = blocks.CharBlock(max_length=300)
    eligible_answer = blocks.ChoiceBlock(
        choices=[("yes", "Yes"), ("no", "No")], default="yes", help_text="The answer that may apply"
    )
    reason = blocks.CharBlock(
        max_length=300, help_text="Shown to people who give the other answer: why they cannot apply"
    )

    class Meta:
        icon = "help"


class GrantSchemePage(Page):
    """A scheme: what it funds, the criteria applications are assessed on, who may apply,
    how much, the eligibility check, information sessions, and its rounds."""

    summary = models.CharField(max_length=300)
    purpose = RichTextField(features=EDITOR_FEATURES)
    criteria = StreamField([("criterion", CriterionBlock())], min_num=1)
    who_may_apply = RichTextField(features=EDITOR_FEATURES)
    minimum_amount = models.DecimalField("minimum grant (£)", max_digits=10, decimal_places=2)
    maximum_amount = models.DecimalField("maximum grant (£)", max_digits=10, decimal_places=2)
    maximum_informal_group = models.DecimalField(
        "maximum for informal groups (£)",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Empty: the same maximum for everyone",
    )
    eligibility = StreamField([("question", EligibilityBlock())], blank=True)
    information_sessions = RichTextField(
        features=EDITOR_FEATURES,
        blank=True,
        help_text="Dates and places, or links to the events",
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
            heading="Amounts",
        ),
        FieldPanel("eligibility"),
        FieldPanel("information_sessions"),
        InlinePanel("rounds", heading="Rounds", min_num=1),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("purpose"),
    ]
    parent_page_types = ["campaigns.OrganisationHomePage"]
    subpage_types: list[str] = []
    digest_label = "New grant scheme"
    template = "grants/grant_scheme_page.html"

    def clean(self) -> None:
        super().clean()
        errors = {}
        low, high = self.minimum_amount, self.maximum_amount
        if low is not None and low <= 0:
            errors["minimum_amount"] = "The minimum must be more than £0"
        if low is not None and high is not None and high < low:
            errors["maximum_amount"] = "The maximum must be at least the minimum"
        informal = self.maximum_informal_group
        if informal is not None and low is not None and not low <= informal <= (high or informal):
            errors["maximum_informal_group"] = "Between the minimum and the maximum"
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from townhall.core import pagecache

        context = super().get_context(request, *args, **kwargs)
        rounds = list(self.rounds.order_by("opens_at"))
        now = timezone.now()
        changes = [at for r in rounds for at in (r.opens_at, r.closes_at) if at > now]
        if changes:  # a cached copy must not outlive a round opening or closing
            pagecache.tag(request, seconds=max(1, int((min(changes) - now).total_seconds())))
        context["rounds"] = rounds
        context["open_round"] = next((r for r in rounds if r.is_open(now)), None)
        return context


class GrantRound(Orderable):
    scheme = ParentalKey(GrantSchemePage, on_delete=models.CASCADE, related_name="rounds")
    title = models.CharField(max_length=100)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    budget = models.DecimalField("budget (£)", max_digits=12, decimal_places=2)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading="Dates"),
        FieldPanel("budget"),
    ]

    def __str__(self) -> str:
        return f"{self.scheme.title}: {self.title}"

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "A round must close after it opens"})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def state(self, now=None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return "forthcoming"
        return "open" if now < self.closes_at else "closed"
