"""Consultations and surveys: pages with stages of questions; responses are plain records."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from townhall.consultations.blocks import QuestionPageBlock
from townhall.consultations.status import status
from townhall.core import pagecache
from townhall.core.richtext import EDITOR_FEATURES
from townhall.core.storage import private_storage
from townhall.core.tokens import new_token

PRIVACY_NOTICE = (
    "We use your answers to understand what people think of this proposal. Your email "
    "address is used only to send you a link to finish later and a copy of your answers; it "
    "is never published. Your answers are published only as you choose at the end, after "
    "staff have checked them. Ask us to delete your response at any time."
)


class Who(models.TextChoices):
    ANYONE = "anyone", _("Anyone")
    WARDS = "wards", _("People who live or work in chosen wards")


class ConsultationPage(Page):
    """A consultation or survey by the council or any organisation, from proposal to outcome."""

    page_description = _(
        "Questions for residents, in one or more stages, then what you heard and what you did."
    )

    summary = models.CharField(max_length=300, help_text=_("One or two sentences for listings"))
    plain_summary = models.TextField(
        _("in plain words"),
        blank=True,
        help_text=_(
            "What is proposed and what it may mean for residents, in short sentences and "
            "everyday words: shown first, with the reading age it needs"
        ),
    )
    why = RichTextField(_("why we are consulting"), features=EDITOR_FEATURES)
    proposal = RichTextField(
        _("what is proposed"), features=EDITOR_FEATURES, help_text=_("Link the documents here")
    )
    who_can_respond = models.CharField(max_length=10, choices=Who.choices, default=Who.ANYONE)
    wards = ParentalManyToManyField("core.Ward", blank=True, related_name="+")
    named_responses = models.BooleanField(
        _("ask for a name"), default=False, help_text=_("Otherwise responses are anonymous")
    )
    privacy_notice = models.TextField(default=PRIVACY_NOTICE)
    series = models.ForeignKey(
        "consultations.SurveySeries",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="waves",
        help_text=_("For a survey that repeats: the series this is one wave of"),
    )
    we_asked = RichTextField(features=EDITOR_FEATURES, blank=True)
    you_said = RichTextField(features=EDITOR_FEATURES, blank=True)
    we_did = RichTextField(
        features=EDITOR_FEATURES,
        blank=True,
        help_text=_(
            "What the council did with the answers. Once the last stage has closed, "
            "publishing the page with this filled in marks the consultation concluded: the "
            "outcome is shown on the page under “we asked, you said, we did” and the "
            "consultation moves to the “concluded” list. Before then it is saved but not "
            "shown."
        ),
    )
    outcome_decision = models.ForeignKey(
        "council.Decision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The decision in the council's register, where there is one"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("plain_summary"),
        FieldPanel("why"),
        FieldPanel("proposal"),
        InlinePanel("stages", heading=_("Stages and their questions"), min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("who_can_respond"),
                FieldPanel("wards"),
                FieldPanel("named_responses"),
                FieldPanel("privacy_notice"),
                FieldPanel("series"),
            ],
            heading=_("Who can respond"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("we_asked"),
                FieldPanel("you_said"),
                FieldPanel("we_did"),
                FieldPanel("outcome_decision"),
            ],
            heading=_("Outcome: we asked, you said, we did"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("why"),
        index.SearchField("proposal"),
    ]
    parent_page_types = ["campaigns.OrganisationHomePage"]
    subpage_types: list[str] = []
    digest_label = _("New consultation")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        current = status(self)
        if current.changes_at:  # a cached copy must not outlive the opening or closing
            seconds = (current.changes_at - timezone.now()).total_seconds()
            pagecache.tag(request, seconds=max(1, int(seconds)))
        context["status"] = current
        context["stages"] = sorted(self.stages.all(), key=lambda stage: stage.opens_at)
        return context

    class Meta:
        verbose_name = _("consultation or survey")


class Stage(Orderable):
    """One stage of a consultation: its own dates and its own pages of questions."""

    consultation = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="stages")
    title = models.CharField(max_length=100, default="Consultation")
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    pages = StreamField([("page", QuestionPageBlock())], verbose_name=_("pages of questions"))

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Dates")),
        FieldPanel("pages"),
    ]

    def __str__(self) -> str:
        return f"{self.consultation.title}: {self.title}"

    def clean(self) -> None:
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = gettext("A stage must close after it opens")
        if problem := check_form(self.pages):
            errors["pages"] = problem
        if errors:
            raise ValidationError(errors)


def check_form(pages) -> str:
    """Question keys are unique in a stage, and every condition names an earlier page's
    question (a condition on the same page could not be applied without JavaScript)."""
    earlier: set[str] = set()
    for number, page_block in enumerate(pages or [], start=1):
        value = page_block.value
        on_page = set()
        if value.get("show_if_key") and value["show_if_key"] not in earlier:
            return gettext(
                "Page %(number)s's condition names “%(key)s”, which is not a question on an "
                "earlier page"
            ) % {"number": number, "key": value["show_if_key"]}
        for question in value["questions"]:
            key = question.value["key"]
            if key in earlier or key in on_page:
                return gettext("Two questions have the key “%(key)s”: each needs its own") % {
                    "key": key
                }
            condition = question.value.get("show_if_key")
            if condition and condition not in earlier:
                return gettext(
                    "The condition on “%(key)s” names “%(condition)s”, which is not a question "
                    "on an earlier page"
                ) % {"key": key, "condition": condition}
            on_page.add(key)
        earlier |= on_page
    return ""


class SurveySeries(models.Model):
    """A survey asked again and again (a residents' perception survey): its waves' chosen
    questions make trends over time."""

    name = models.CharField(max_length=150)
    trend_questions = models.CharField(
        max_length=300,
        help_text=_(
            "The answers to follow over time, as question key=answer, by commas: "
            "e.g. trust-council=Yes charts the share answering Yes to trust-council"
        ),
    )

    class Meta:
        verbose_name_plural = _("survey series")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("survey-series", args=[self.pk])

    @property
    def trends(self) -> list[tuple[str, str]]:
        pairs = [item.split("=", 1) for item in self.trend_questions.split(",") if "=" in item]
        return [(key.strip(), answer.strip()) for key, answer in pairs]


def new_public_id() -> str:
    alphabet = "23456789BCDFGHJKLMNPQRSTVWXZ"  # no vowels or look-alikes: no words, no 0/O
    return "R-" + "".join(secrets.choice(alphabet) for _ in range(7))


class Response(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft, not counted")
        SUBMITTED = "submitted", pgettext_lazy("a response's state", "Submitted")

    class Publish(models.TextChoices):
        NAMED = "named", _("Publish my answers with my name")
        ANONYMOUS = "anonymous", _("Publish my answers without my name")
        PRIVATE = "private", _("Do not publish my answers")

    consultation = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="responses"
    )
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="responses")
    token = models.CharField(max_length=64, unique=True, default=new_token)  # the resume link
    public_id = models.CharField(max_length=12, unique=True, default=new_public_id)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    answers = models.JSONField(default=dict, blank=True)
    name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    publish = models.CharField(max_length=10, choices=Publish.choices, blank=True)
    ward = models.ForeignKey(
        "core.Ward", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        indexes = [models.Index(fields=["consultation", "state", "submitted_at"])]

    def __str__(self) -> str:
        return gettext("%(reference)s to %(title)s") % {
            "reference": self.public_id,
            "title": self.consultation.title,
        }


class Moderation(models.Model):
    """Staff's decision on one free-text answer before it may be published; a redaction
    keeps the respondent's words in the response and publishes the edited text."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved as written")
        REDACTED = "redacted", _("Approved with a passage removed")
        REJECTED = "rejected", _("Not published")

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="moderations")
    key = models.CharField(max_length=40)
    decision = models.CharField(max_length=10, choices=Decision.choices)
    text = models.TextField(blank=True, help_text=_("As published"))
    reason = models.CharField(max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "key"], name="one_decision_per_answer")
        ]

    def __str__(self) -> str:
        return f"{self.response.public_id} {self.key}: {self.get_decision_display()}"


class AnswerNote(models.Model):
    """Staff's analysis of one free-text answer: themes as tags, and a private note."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="notes")
    key = models.CharField(max_length=40)
    tags = models.CharField(max_length=300, blank=True, help_text=_("Themes, by commas"))
    note = models.TextField(blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "key"], name="one_note_per_answer")
        ]

    def __str__(self) -> str:
        return f"{self.response.public_id} {self.key}: {self.tags}"

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]


class AnswerFile(models.Model):
    """A file a respondent uploaded: kept outside public media, seen only by staff."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="files")
    key = models.CharField(max_length=40)
    file = models.FileField(upload_to="consultation-files/%Y/%m/", storage=private_storage)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.original_name
