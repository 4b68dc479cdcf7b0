"""Donations to an organisation through a payment provider, with UK Gift Aid declarations.

No card data ever reaches Townhall: the donor pays on the provider's own page, and the
provider's signed webhooks say what happened (paid, failed, refunded, renewed)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from townhall.core.email_addresses import normalise_email
from townhall.core.personal_data import holds_personal_data
from townhall.core.richtext import EDITOR_FEATURES
from townhall.core.services import sections
from townhall.core.tokens import new_token
from townhall.donations.forms import DonateForm


class DonatePage(Page):
    """An organisation's page for giving: suggested amounts, a custom amount, one-off or
    monthly, Gift Aid for a registered charity."""

    page_description = _("Ask for donations: suggested amounts, one-off or monthly, Gift Aid.")
    kept_from_original = ("suggested_amounts",)  # the same in every language (core.translations)

    intro = RichTextField(features=EDITOR_FEATURES, blank=True)
    suggested_amounts = models.CharField(
        max_length=100,
        default="5, 10, 25, 50",
        help_text=_("Whole pounds, separated by commas, for example: 5, 10, 25, 50"),
    )
    allow_monthly = models.BooleanField(_("offer monthly giving"), default=True)
    gift_aid = models.BooleanField(
        _("offer Gift Aid"),
        default=False,
        help_text=_("Only for a charity registered with HMRC for Gift Aid"),
    )
    thank_you = RichTextField(
        features=EDITOR_FEATURES,
        blank=True,
        help_text=_("Shown after a donation, and in the emailed receipt"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("suggested_amounts"),
        FieldPanel("allow_monthly"),
        FieldPanel("gift_aid"),
        FieldPanel("thank_you"),
    ]
    parent_page_types = ["campaigns.OrganisationHomePage"]
    subpage_types: list[str] = []
    template = "donations/donate_page.html"

    class Meta:
        verbose_name = _("donation page")

    def amounts(self) -> list[int]:
        """The suggested amounts in pounds; parts that are not whole positive pounds are
        left out rather than breaking the page."""
        found = []
        for part in self.suggested_amounts.split(","):
            part = part.strip().lstrip("£")
            if part.isdigit() and 0 < int(part) <= 100_000 and int(part) not in found:
                found.append(int(part))
        return found

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.setdefault("form", DonateForm(page=self))
        context["organisation"] = sections.section_owner(self)
        context["test_provider"] = not settings.TOWNHALL_STRIPE_SECRET_KEY
        return context


@holds_personal_data
class GiftAidDeclaration(models.Model):
    """What HMRC needs to see for a claim: the donor's name and home address, the wording
    they agreed to and when. Kept six years after the last claim it supports (HMRC), even
    when the donor asks to be forgotten: the law requires it (privacy notice)."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="gift_aid_declarations"
    )
    title = models.CharField(max_length=20, blank=True)
    first_name = models.CharField(max_length=35)
    last_name = models.CharField(max_length=35)
    house = models.CharField(_("house name or number"), max_length=40)
    address = models.TextField()
    postcode = models.CharField(max_length=8)
    wording = models.TextField()
    declared_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return gettext("Gift Aid declaration %(number)s") % {"number": self.pk}


@holds_personal_data
class Donation(models.Model):
    class Frequency(models.TextChoices):
        ONE_OFF = "one_off", _("One-off")
        MONTHLY = "monthly", _("Monthly")

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for the payment")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Payment failed")
        REFUNDED = "refunded", _("Refunded")
        ABANDONED = "abandoned", _("Not completed")

    COUNTED_STATES = (State.PAID,)

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="donations"
    )
    page = models.ForeignKey(
        DonatePage, on_delete=models.SET_NULL, null=True, blank=True, related_name="donations"
    )
    amount_pence = models.PositiveIntegerField(_("amount (pence)"))
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    name = models.CharField(max_length=100, blank=True, help_text=_("Emptied on erasure"))
    email = models.EmailField(blank=True, help_text=_("Emptied on erasure"))
    # As core.email_addresses compares addresses: how erasure finds all of one person's.
    normalised_email = models.EmailField(blank=True, db_index=True, editable=False)
    hear_from_organisation = models.BooleanField(default=False)
    gift_aid = models.ForeignKey(
        GiftAidDeclaration,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="donations",
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    provider = models.CharField(max_length=20)
    # The provider's own ids: its checkout session, and the payment or subscription.
    checkout_id = models.CharField(max_length=255, blank=True, db_index=True)
    payment_id = models.CharField(max_length=255, blank=True, db_index=True)
    subscription_id = models.CharField(max_length=255, blank=True, db_index=True)
    renewal_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="renewals"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)
    receipt_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("claim_gift_aid", "Can download a Gift Aid claim")]

    def __str__(self) -> str:
        return gettext("Donation %(number)s") % {"number": self.pk}

    def save(self, *args, **kwargs) -> None:
        self.normalised_email = normalise_email(self.email) if self.email else ""
        super().save(*args, **kwargs)

    @property
    def amount(self) -> str:
        pounds, pence = divmod(self.amount_pence, 100)
        return f"£{pounds:,}.{pence:02d}"


class PaymentEvent(models.Model):
    """Each webhook event taken, by the provider's id: a replayed event changes nothing."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=255)
    kind = models.CharField(max_length=60)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="one_event_per_id")
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.event_id}"
