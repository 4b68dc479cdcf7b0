from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from townhall.core.personal_data import holds_personal_data
from townhall.core.tokens import new_token

COUNT_SHARDS = 16  # confirmations add to one of these rows at random, so they rarely queue


class PetitionSchemeQuerySet(models.QuerySet):
    def for_borough(self, borough) -> "PetitionScheme":
        """The borough's scheme, made with the defaults the first time it is asked for."""
        scheme, _ = self.get_or_create(borough=borough)
        return scheme


class PetitionScheme(models.Model):
    """A borough's rules for petitions: how many sponsors, how long they stay open."""

    borough = models.OneToOneField(
        "core.Borough", on_delete=models.CASCADE, related_name="petition_scheme"
    )
    sponsors_needed = models.PositiveSmallIntegerField(
        default=5, help_text=_("Supporters a new petition needs before it goes to moderation")
    )
    open_for_days = models.PositiveSmallIntegerField(default=182)
    anonymise_after_days = models.PositiveSmallIntegerField(
        default=182, help_text=_("Signers' details are removed this long after a petition closes")
    )

    objects = PetitionSchemeQuerySet.as_manager()

    def __str__(self) -> str:
        return gettext("Petition scheme for %(borough)s") % {"borough": self.borough}


class Threshold(models.Model):
    """A tier of the council's scheme: so many signatures, and what then happens."""

    scheme = models.ForeignKey(PetitionScheme, on_delete=models.CASCADE, related_name="thresholds")
    signatures = models.PositiveIntegerField()
    name = models.CharField(max_length=100, help_text=_('e.g. "Written response"'))
    what_happens = models.TextField(help_text=_("Shown on every petition page"))
    debated_at = models.SlugField(
        _("debated at"),
        max_length=150,
        blank=True,
        help_text=_(
            "The committee that debates petitions reaching this tier: each is drafted "
            "onto its next meeting's agenda for officers to check"
        ),
    )

    class Meta:
        ordering = ["signatures"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "signatures"], name="one_tier_per_count")
        ]

    def __str__(self) -> str:
        return f"{self.signatures}: {self.name}"


class PetitionQuerySet(models.QuerySet):
    def public(self) -> "PetitionQuerySet":
        """The petitions anyone may read: never one waiting for its creator's email, for
        supporters or for moderation, nor one rejected and hidden."""
        return self.filter(state__in=self.model.PUBLIC_STATES)


class Petition(index.Indexed, models.Model):
    """A resident's petition to the council, through its life from draft to response."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for the creator to confirm their email")
        COLLECTING_SPONSORS = "collecting", _("Collecting supporters")
        SPONSORED = "sponsored", _("Waiting for moderation")
        FLAGGED = "flagged", _("Flagged for another moderator")
        OPEN = "open", pgettext_lazy("a petition's state", "Open")
        CLOSED = "closed", pgettext_lazy("a petition's state", "Closed")
        REJECTED = "rejected", pgettext_lazy("a petition's state", "Rejected")
        HIDDEN = "hidden", _("Rejected and hidden")

    PUBLIC_STATES = (State.OPEN, State.CLOSED, State.REJECTED)

    class RejectionReason(models.TextChoices):
        DUPLICATE = "duplicate", _("There is already a petition about this")
        NOT_COUNCIL = "not_council", _("It is not the council's responsibility")
        UNCLEAR = "unclear", _("It does not say clearly what the council should do")
        OFFENSIVE = "offensive", _("It is offensive, defamatory or discriminatory")
        PERSONAL = "personal", _("It names or identifies individual people")
        CONFIDENTIAL = "confidential", _("It contains confidential or legally restricted matters")
        ADVERTISING = "advertising", _("It advertises a product or service")
        HONOURS = "honours", _("It asks for an honour or appointment")

    class Topic(models.TextChoices):
        """What it is about, in the words of the council's services, for browsing the list."""

        ENVIRONMENT = "environment", _("Environment, parks and green spaces")
        TRANSPORT = "transport", _("Roads, parking and transport")
        HOUSING = "housing", _("Housing")
        PLANNING = "planning", _("Planning and building")
        CHILDREN = "children", _("Schools, children and young people")
        CARE = "care", _("Health and social care")
        CULTURE = "culture", _("Libraries, leisure and culture")
        SAFETY = "safety", _("Community safety")
        COUNCIL = "council", _("The council, its money and its services")
        OTHER = "other", _("Something else")

    borough = models.ForeignKey("core.Borough", on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("what the council should do"), max_length=80)
    topic = models.CharField(max_length=20, choices=Topic.choices, blank=True, db_index=True)
    background = models.CharField(max_length=300)
    additional_details = models.TextField(max_length=800, blank=True)
    organisation = models.ForeignKey(
        "core.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="petitions",
    )
    state = models.CharField(
        max_length=12, choices=State.choices, default=State.PENDING, db_index=True
    )
    creator_token = models.CharField(max_length=64, unique=True, default=new_token)
    sponsor_token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    sponsored_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    rejected_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.CharField(max_length=20, choices=RejectionReason.choices, blank=True)
    rejection_details = models.TextField(blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = PetitionQuerySet.as_manager()

    search_fields = [
        index.SearchField("action", boost=2),
        index.SearchField("background"),
        index.SearchField("additional_details"),
        index.SearchField("kind_of_thing"),
        index.FilterField("state"),
        index.FilterField("organisation_id"),
    ]

    class Meta:
        ordering = ["-opened_at", "-created_at"]

    def __str__(self) -> str:
        return self.action

    def kind_of_thing(self) -> str:
        """Indexed, so a search for "petition" finds petitions whatever their words."""
        return "petition"

    @property
    def is_public(self) -> bool:
        return self.state in self.PUBLIC_STATES

    @property
    def accepts_signatures(self) -> bool:
        return self.state in (
            self.State.COLLECTING_SPONSORS,
            self.State.SPONSORED,
            self.State.FLAGGED,
            self.State.OPEN,
        )


@holds_personal_data
class Signature(models.Model):
    """One person's signature; it counts once its emailed link has been confirmed."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for email confirmation")
        VALIDATED = "validated", pgettext_lazy("a signature's state", "Confirmed")
        INVALIDATED = "invalidated", pgettext_lazy("a signature's state", "Invalidated")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="signatures")
    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254)
    normalised_email = models.CharField(max_length=254)
    postcode = models.CharField(max_length=8, blank=True)
    ward = models.ForeignKey(
        "core.Ward", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notify_by_email = models.BooleanField(default=False)
    # Agreed, on the form, to hear from the organisation behind the petition (its own box:
    # signing is never consent to a group's emails). Kept by that group once confirmed.
    hear_from_organisation = models.BooleanField(default=False)
    is_creator = models.BooleanField(default=False)
    state = models.CharField(
        max_length=12, choices=State.choices, default=State.PENDING, db_index=True
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the current confirmation link was sent: it expires CONFIRM_LINK_DAYS later.
    link_sent_at = models.DateTimeField(default=timezone.now)
    validated_at = models.DateTimeField(null=True, blank=True, db_index=True)
    invalidated_at = models.DateTimeField(null=True, blank=True)
    invalidation_note = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "normalised_email"], name="one_signature_per_person"
            )
        ]
        indexes = [
            models.Index(fields=["petition", "state", "ward"]),
            # The creator's name on the petition's page: found at once among a million
            # signatures (PostgreSQL otherwise walked the primary key: 24 ms).
            models.Index(
                fields=["petition", "id"],
                condition=models.Q(is_creator=True),
                name="petitions_signature_creator",
            ),
        ]

    def __str__(self) -> str:
        return gettext("Signature %(pk)s on petition %(petition)s") % {
            "pk": self.pk,
            "petition": self.petition_id,
        }


class SignatureCount(models.Model):
    """One shard of a petition's confirmed count; the count is the sum of its shards."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="count_shards")
    shard = models.PositiveSmallIntegerField()
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["petition", "shard"], name="one_row_per_shard")
        ]

    def __str__(self) -> str:
        return f"Petition {self.petition_id}, shard {self.shard}: {self.count}"


class ThresholdReached(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="reached")
    threshold = models.ForeignKey(Threshold, on_delete=models.CASCADE, related_name="+")
    reached_at = models.DateTimeField()

    class Meta:
        ordering = ["reached_at"]
        constraints = [
            models.UniqueConstraint(fields=["petition", "threshold"], name="reach_each_tier_once")
        ]

    def __str__(self) -> str:
        return gettext("%(petition)s reached %(threshold)s") % {
            "petition": self.petition,
            "threshold": self.threshold,
        }


class PetitionResponse(models.Model):
    """The council's answer, published by an officer."""

    petition = models.OneToOneField(Petition, on_delete=models.CASCADE, related_name="response")
    text = models.TextField()
    plain_summary = models.TextField(
        _("in plain words"),
        blank=True,
        help_text=_(
            "What the council answered and what happens next, in short sentences and everyday "
            "words: shown first, with the reading age it needs"
        ),
    )
    responded_on = models.DateField()
    link = models.URLField(blank=True, help_text=_("A meeting or decision, when there is one"))
    # The council's register is the one place a petition's answer may point into.
    decision = models.ForeignKey(
        "council.Decision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The decision that answers it, if any"),
    )
    agenda_item = models.ForeignKey(
        "council.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The meeting's agenda item where it was debated, if any"),
    )

    def __str__(self) -> str:
        return gettext("Response to %(petition)s") % {"petition": self.petition}


class PaperSignatures(models.Model):
    """Signatures gathered on paper and counted by an officer: counted, but shown apart."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="paper")
    count = models.PositiveIntegerField()
    received_on = models.DateField()
    note = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return ngettext(
            "%(count)s paper signature on %(petition)s",
            "%(count)s paper signatures on %(petition)s",
            self.count,
        ) % {
            "count": self.count,
            "petition": self.petition,
        }


class PetitionEvent(models.Model):
    """Append-only history: every transition and moderation act, with who and when."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} at {self.at:%Y-%m-%d %H:%M}"


class SignerDownload(models.Model):
    """Every download of signers' details: who took personal data, and when."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="downloads")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_creator = models.BooleanField(default=False)
    rows = models.PositiveIntegerField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        who = "the creator" if self.by_creator else self.user
        return f"{self.rows} signers of {self.petition} taken by {who} at {self.at:%Y-%m-%d %H:%M}"


class SigningBlock(models.Model):
    """An email domain or IP address from which signatures are refused."""

    class Kind(models.TextChoices):
        DOMAIN = "domain", _("Email domain")
        IP = "ip", _("IP address")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.CharField(max_length=254, help_text=_("e.g. spam.example or 203.0.113.7"))
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="block_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value}"
