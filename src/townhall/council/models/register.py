"""The council's democratic record: committees and their members, meetings with agendas
and papers, and the decisions register. Plain records, edited by officers in the admin."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from townhall.council.models.moderngov import FromModernGov
from townhall.council.models.papers import PaperText
from townhall.council.services.call_in import window_ends


class CouncillorQuerySet(models.QuerySet):
    def in_office(self) -> "CouncillorQuerySet":
        """Still in office as far as the council's record knows (ModernGov still lists them)."""
        return self.filter(removed_upstream_on=None)


class Councillor(FromModernGov):
    """A councillor's public role only: name, party, ward, and the contact details and
    surgeries they choose to publish; nothing personal beyond that."""

    SYNCED_FIELDS = ("name", "party", "ward", "email", "photo")
    objects = CouncillorQuerySet.as_manager()

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    party = models.CharField(max_length=100, blank=True)
    ward = models.ForeignKey(
        "core.Ward", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    photo_alt = models.CharField(
        _("photo description"),
        max_length=200,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it"),
    )
    email = models.EmailField(_("published email"), blank=True)
    phone = models.CharField(_("published phone"), max_length=40, blank=True)
    surgeries = models.TextField(
        blank=True, help_text=_("When and where residents can meet them, one per line")
    )
    elected_on = models.DateField(null=True, blank=True)
    removed_upstream_on = models.DateField(
        _("no longer listed by ModernGov since"), null=True, blank=True, editable=False
    )
    moderngov_photo_url = models.URLField(max_length=500, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["moderngov_id"], name="one_councillor_per_moderngov_id")
        ]

    def __str__(self) -> str:
        # Translators: the short title of a councillor, before their name
        return gettext("Cllr %(name)s") % {"name": self.name}

    def get_absolute_url(self) -> str:
        return reverse("councillor-detail", args=[self.slug])

    def clean(self) -> None:
        if self.photo_id and not self.photo_alt.strip():
            raise ValidationError({"photo_alt": gettext("Say what the photo shows")})


class Committee(FromModernGov):
    SYNCED_FIELDS = ("name",)

    class Ended(models.TextChoices):
        CURRENT = "", _("Current")
        EXPIRED = "expired", _("Expired in ModernGov")
        DELETED = "deleted", _("Deleted in ModernGov")

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Full council")
        CABINET = "cabinet", _("Cabinet or cabinet committee")
        COMMITTEE = "committee", _("Committee")
        BOARD = "board", _("Board or partnership")

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COMMITTEE)
    remit = models.TextField(help_text=_("What the committee decides and oversees"))
    question_deadline_days = models.PositiveSmallIntegerField(
        _("deadline for questions"),
        default=10,
        help_text=_(
            "Working days before a meeting by which residents' questions and requests to "
            "speak must arrive (0: none taken)"
        ),
    )
    ended_upstream = models.CharField(
        _("state in ModernGov"),
        max_length=10,
        blank=True,
        choices=Ended.choices,
        default=Ended.CURRENT,
        editable=False,
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["moderngov_id"], name="one_committee_per_moderngov_id")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("committee", args=[self.slug])


class Membership(FromModernGov):
    """From ModernGov, `moderngov_id` is the councillor's: the members listed at the
    committee's latest meeting."""

    SYNCED_FIELDS = ("committee", "councillor", "role", "starts_on", "ends_on")

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice-chair", _("Vice-chair")
        MEMBER = "member", _("Member")

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="memberships")
    councillor = models.ForeignKey(Councillor, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text=_("Empty while the term runs"))

    class Meta:
        ordering = ["committee", "role", "councillor__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "moderngov_id"], name="one_membership_per_moderngov_member"
            )
        ]

    def __str__(self) -> str:
        return gettext("%(councillor)s, %(role)s of %(committee)s") % {
            "councillor": self.councillor,
            "role": self.get_role_display(),
            "committee": self.committee,
        }


class Meeting(FromModernGov, ClusterableModel):
    """A meeting of a committee, edited with its agenda and papers in one form."""

    SYNCED_FIELDS = ("committee", "starts_at", "venue", "status", "minutes_text", "attended")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    class Minutes(models.TextChoices):
        NONE = "none", _("Not yet written")
        DRAFT = "draft", _("Draft, to be approved at the next meeting")
        APPROVED = "approved", _("Approved")

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField()
    venue = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    webcast_url = models.URLField(blank=True)
    minutes = models.CharField(max_length=10, choices=Minutes.choices, default=Minutes.NONE)
    minutes_text = RichTextField(
        _("the minutes"), blank=True, features=["h2", "h3", "bold", "italic", "ol", "ul", "link"]
    )
    minutes_approved_on = models.DateField(null=True, blank=True)
    minutes_approved_at = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="minutes_approved",
        help_text=_("The later meeting of the committee that approved them"),
    )
    attended = models.ManyToManyField(Councillor, blank=True, related_name="meetings_attended")
    removed_upstream_on = models.DateField(
        _("removed from ModernGov on"), null=True, blank=True, editable=False
    )

    panels = [
        FieldPanel("committee"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("venue")]),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("webcast_url")],
            heading=_("After the meeting"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("minutes"),
                FieldPanel("minutes_text"),
                FieldRowPanel(
                    [FieldPanel("minutes_approved_on"), FieldPanel("minutes_approved_at")]
                ),
            ],
            heading=_("Minutes"),
        ),
        FieldPanel("attended"),
        InlinePanel("agenda", heading=_("Agenda"), label=_("agenda item")),
        InlinePanel("papers", heading=_("Papers"), label=_("paper")),
    ]

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["moderngov_id"], name="one_meeting_per_moderngov_id")
        ]

    def __str__(self) -> str:
        return f"{self.committee}, {date_format(self.starts_at, 'd F Y')}"

    def get_absolute_url(self) -> str:
        return reverse("meeting", args=[self.pk])

    def clean(self) -> None:
        """Approved minutes say when and by which later meeting of the same committee."""
        errors = {}
        if self.minutes == self.Minutes.APPROVED:
            if not self.minutes_approved_on:
                errors["minutes_approved_on"] = gettext("Enter the date the minutes were approved")
            if self.minutes_approved_at_id is None:
                errors["minutes_approved_at"] = gettext("Choose the meeting that approved them")
        if self.minutes != self.Minutes.NONE and not self.minutes_text.strip():
            errors["minutes_text"] = gettext("Add the text of the minutes")
        approver = self.minutes_approved_at
        if (
            approver is not None
            and self.starts_at
            and (approver.committee_id != self.committee_id or approver.starts_at <= self.starts_at)
        ):
            errors["minutes_approved_at"] = gettext("Choose a later meeting of the same committee")
        approved_on = self.minutes_approved_on
        if approved_on and self.starts_at and approved_on < self.starts_at.date():
            errors["minutes_approved_on"] = gettext("They cannot be approved before the meeting")
        if errors:
            raise ValidationError(errors)


class AgendaQuerySet(models.QuerySet):
    def published(self) -> "AgendaQuerySet":
        return self.filter(draft=False)

    def without_plain_words(self) -> "AgendaQuerySet":
        """Published on the agenda of a meeting still to come, with no plain-words summary:
        the ones worth an officer's time, as residents read an agenda before the meeting."""
        return (
            self.published()
            .filter(
                plain_summary="",
                meeting__starts_at__gte=timezone.now(),
                meeting__removed_upstream_on=None,
            )
            .exclude(meeting__status=Meeting.Status.CANCELLED)
        )


class AgendaItem(index.Indexed, FromModernGov):
    SYNCED_FIELDS = ("number", "title", "text")

    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    text = RichTextField(
        _("what the item is about"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
    )
    outcome = models.TextField(blank=True, help_text=_("What the meeting decided on this item"))
    plain_summary = models.TextField(
        _("in plain words"),
        blank=True,
        help_text=_(
            "What the item is about and what it may mean for residents, in short sentences "
            "and everyday words: shown first, with the reading age it needs"
        ),
    )
    draft = models.BooleanField(
        default=False,
        help_text=_(
            "Drafted for officers (a petition that reached a debate): untick to publish it"
        ),
    )
    # A petition it debates (the petitions app's id; the council does not know its models).
    petition_id = models.PositiveIntegerField(null=True, blank=True, editable=False)
    petition_announced_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = AgendaQuerySet.as_manager()

    panels = [
        FieldPanel("number"),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("plain_summary"),
        FieldPanel("outcome"),
        FieldPanel("draft"),
    ]

    search_fields = [
        index.SearchField("title"),
        index.SearchField("text"),
        index.SearchField("outcome"),
        index.FilterField("draft"),  # drafts are never found
    ]

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="one_item_per_number"),
            models.UniqueConstraint(fields=["moderngov_id"], name="one_item_per_moderngov_id"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class MeetingPaper(FromModernGov):
    """From ModernGov, `moderngov_id` is the attachment's (one attachment may be linked to
    several meetings)."""

    SYNCED_FIELDS = ("agenda_item", "document")

    class Kind(models.TextChoices):
        ORDER_PAPER = "order", _("Agenda and order paper")
        REPORT = "report", _("Report")
        MINUTES = "minutes", _("Minutes")
        OTHER = "other", _("Other paper")

    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="papers"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.REPORT)
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.PROTECT, related_name="+")
    page_count = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Counted when the PDF is read; leave empty")
    )
    # ModernGov's publicationdate of the file: a paper republished under the same attachment
    # id has a later one, and is fetched again.
    moderngov_published_on = models.DateField(null=True, blank=True, editable=False)

    panels = [FieldPanel("kind"), FieldPanel("document"), FieldPanel("agenda_item")]

    class Meta:
        ordering = ["meeting", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "moderngov_id"], name="one_paper_per_moderngov_attachment"
            )
        ]

    def __str__(self) -> str:
        return self.document.title

    def save(self, *args, **kwargs) -> None:
        if self.page_count is None:  # counted when the PDF's text was read, if it has been
            self.page_count = (
                PaperText.objects.filter(document_id=self.document_id)
                .values_list("page_count", flat=True)
                .first()
            )
        super().save(*args, **kwargs)


class CallInOutcome(models.TextChoices):
    NONE = "", _("Not yet decided")
    NO_ACTION = "no-action", _("No further action: the decision takes effect")
    REFERRED_BACK = "referred", _("Referred back to the decision maker")
    TO_COUNCIL = "council", _("Referred to full council")


class DecisionQuerySet(models.QuerySet):
    def without_plain_words(self) -> "DecisionQuerySet":
        """Published with no plain-words summary: for officers to write one."""
        return self.filter(plain_summary="")


class Decision(index.Indexed, FromModernGov):
    """From ModernGov, `moderngov_id` is the agenda item's that records the decision."""

    SYNCED_FIELDS = (
        *("title", "summary", "decided_on", "maker", "committee", "decided_by"),
        *("meeting", "agenda_item", "papers"),
    )
    objects = DecisionQuerySet.as_manager()

    class Maker(models.TextChoices):
        COMMITTEE = "committee", _("A committee or the council")
        CABINET_MEMBER = "member", _("A cabinet member")
        OFFICER = "officer", _("An officer")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        # Translators: a decision's status: taken
        MADE = "made", _("Made")
        CALLED_IN = "called-in", _("Called in")
        IMPLEMENTED = "implemented", _("Implemented")

    title = models.CharField(max_length=250)
    summary = models.TextField()
    plain_summary = models.TextField(
        _("in plain words"),
        blank=True,
        help_text=_(
            "What was decided and what it means for residents, in short sentences and everyday "
            "words: shown first, with the reading age it needs"
        ),
    )
    decided_on = models.DateField()
    maker = models.CharField(max_length=10, choices=Maker.choices, default=Maker.COMMITTEE)
    committee = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    decided_by = models.CharField(
        max_length=150, blank=True, help_text=_("The cabinet member's or officer's public role")
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.MADE)
    subject_to_call_in = models.BooleanField(
        default=False,
        help_text=_(
            "An executive decision that scrutiny members may call in before it takes effect"
        ),
    )
    called_in_on = models.DateField(null=True, blank=True)
    call_in_outcome = models.CharField(
        max_length=12, choices=CallInOutcome.choices, blank=True, default=""
    )
    call_in_note = models.TextField(
        _("what scrutiny decided"), blank=True, help_text=_("The call-in's outcome, as minuted")
    )
    topic = models.CharField(max_length=60, blank=True, db_index=True)
    papers = models.ManyToManyField("wagtaildocs.Document", blank=True, related_name="+")

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("summary"),
        index.SearchField("topic"),
        index.FilterField("decided_on"),
    ]

    class Meta:
        ordering = ["-decided_on", "-pk"]
        # The register lists the newest first (decided_on, then id): read in the index's
        # order, not sorted whole on every page.
        indexes = [models.Index(fields=["decided_on", "id"], name="council_decision_newest")]
        constraints = [
            models.UniqueConstraint(fields=["moderngov_id"], name="one_decision_per_moderngov_item")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decision", args=[self.pk])

    def clean(self) -> None:
        """A call-in needs a decision subject to it, within its window; an outcome, a call-in."""
        errors = {}
        called_in = self.status == self.Status.CALLED_IN or self.called_in_on
        if called_in and not self.subject_to_call_in:
            errors["status"] = gettext("Only a decision subject to call-in can be called in")
        elif self.status == self.Status.CALLED_IN and not self.called_in_on:
            errors["called_in_on"] = gettext("Enter the date it was called in")
        elif self.called_in_on and self.decided_on:
            ends = window_ends(self.decided_on)
            if not self.decided_on <= self.called_in_on <= ends.date():
                errors["called_in_on"] = gettext(
                    "The call-in period ran from %(start)s to %(end)s"
                ) % {
                    "start": date_format(self.decided_on, "j E Y"),
                    "end": date_format(ends, "j E Y"),
                }
        if self.call_in_outcome and not self.called_in_on:
            errors["call_in_outcome"] = gettext("Only a decision that was called in has an outcome")
        if errors:
            raise ValidationError(errors)

    @property
    def made_by(self) -> str:
        return str(self.committee) if self.committee else self.decided_by
