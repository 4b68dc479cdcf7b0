"""Events and actions: pages under an organisation, with RSVPs kept as plain records."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from townhall.core import translations
from townhall.core.personal_data import holds_personal_data
from townhall.core.richtext import EDITOR_FEATURES
from townhall.core.tokens import new_token
from townhall.events.calendars import calendar_response
from townhall.events.forms import RsvpForm
from townhall.events.listing import render_listing, render_month

ACCESS_FEATURES = {
    "step_free": _("Step-free access"),
    "bsl": _("British Sign Language interpretation"),
    "hearing_loop": _("Hearing loop"),
    "quiet_space": _("Quiet space"),
}


class EventIndexPage(RoutablePageMixin, Page):
    """An organisation's events: upcoming, past, a month calendar and an ICS feed."""

    page_description = _("Lists your events, with a month calendar and a calendar feed.")

    show_in_menus_default = True  # a new one is listed in its section's menu

    intro = RichTextField(features=EDITOR_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["campaigns.OrganisationHomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    def events(self):
        events = translations.originals(EventPage.objects.live().public())  # each once
        return events.descendant_of(translations.original_of(self))

    @path("")
    def upcoming(self, request):
        return render_listing(request, self.events(), index=self)

    @path("past/", name="past")
    def past(self, request):
        return render_listing(request, self.events(), index=self, past=True)

    @path("calendar/<id:year>/<id:month>/", name="month")
    def month(self, request, year: int, month: int):
        return render_month(request, self.events(), year, month, index=self)

    # Wagtail page routes cannot contain a dot, so no ".ics" here; the file name is set.
    @path("calendar/feed/", name="ics")
    def ics(self, request):
        return calendar_response(request, self.events(), name=self.get_parent().title)

    class Meta:
        verbose_name = _("events section")


EVENT_WORDS = {
    "kind": _("Event"),
    "cancelled": _("Cancelled event"),
    "past": _("Past event"),
    "ask": _("Say you are coming"),
    "send": _("Send my answer"),
    "places": _("Places"),
    "who": _("Who is going"),
    "confirm": _("Confirm you are coming"),
    "going": _("You are coming"),
    "history": _("Said they would come"),
}
VOLUNTEERING_WORDS = {
    "kind": _("Volunteer shift"),
    "cancelled": _("Cancelled volunteer shift"),
    "past": _("Past volunteer shift"),
    "ask": _("Offer to help"),
    "send": _("Offer to help"),
    "places": _("Helpers needed"),
    "who": _("Who is helping"),
    "confirm": _("Confirm your offer to help"),
    "going": _("Thank you for offering to help"),
    "history": _("Offered to help"),
}


class EventPage(Page):
    """An event or action: when and where to come, how accessible it is, and RSVPs."""

    page_description = _(
        "A meeting, screening, protest or stall: when and where, and who is coming."
    )

    show_in_latest = True  # listed on its section's home page (core.services.listing)
    digest_label = _("New event")  # how followers' digests introduce it (core.follow_sources)
    kept_from_original = ("postcode",)  # the same in every language (core.translations)

    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue_name = models.CharField(_("place"), max_length=150, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    ward = models.ForeignKey(
        "core.Ward",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Filled in from the postcode where the borough's postcodes are loaded"),
    )
    online_url = models.URLField(_("online link"), blank=True)
    step_free = models.BooleanField(ACCESS_FEATURES["step_free"], default=False)
    bsl = models.BooleanField(ACCESS_FEATURES["bsl"], default=False)
    hearing_loop = models.BooleanField(ACCESS_FEATURES["hearing_loop"], default=False)
    quiet_space = models.BooleanField(ACCESS_FEATURES["quiet_space"], default=False)
    access_notes = models.TextField(_("more about access"), blank=True)
    description = RichTextField(features=EDITOR_FEATURES)
    organiser = models.CharField(max_length=150, blank=True)
    petition = models.ForeignKey(
        "petitions.Petition",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_('For example "come and hand in the petition"'),
    )
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Places, guests included; empty for no limit")
    )
    max_guests = models.PositiveSmallIntegerField(
        default=3, help_text=_("How many guests one person may bring")
    )
    rsvp_open = models.BooleanField(_("taking RSVPs"), default=True)
    volunteering = models.BooleanField(
        _("a volunteer shift"),
        default=False,
        help_text=_(
            "People offer to help rather than say they are coming; the places are the "
            "helpers needed, and each offer joins the helper's history with your group"
        ),
    )
    cancelled = models.BooleanField(default=False)
    cancellation_note = models.CharField(max_length=300, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("When")),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("ward"),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [*(FieldPanel(name) for name in ACCESS_FEATURES), FieldPanel("access_notes")],
            heading=_("Access"),
        ),
        FieldPanel("description"),
        FieldPanel("organiser"),
        FieldPanel("petition"),
        MultiFieldPanel(
            [
                FieldPanel("rsvp_open"),
                FieldPanel("volunteering"),
                FieldPanel("capacity"),
                FieldPanel("max_guests"),
                FieldPanel("cancelled"),
                FieldPanel("cancellation_note"),
            ],
            heading=_("RSVPs"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("venue_name"),
        index.FilterField("starts_at"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []

    @property
    def words(self) -> dict[str, str]:
        """What the page and its emails call answering: coming, or offering to help."""
        return VOLUNTEERING_WORDS if self.volunteering else EVENT_WORDS

    class Meta:
        verbose_name = _("event")
        ordering = ["starts_at"]

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = gettext("The end must be after the start")
        if self.starts_at and not self.first_published_at and self.starts_at < timezone.now():
            errors["starts_at"] = gettext("A new event must start in the future")
        if not (self.venue_name or self.online_url):
            errors["venue_name"] = gettext("Give a place, or an online link")
        if self.postcode and not self.ward_id:
            self.ward = self._ward_from_postcode()
        if errors:
            raise ValidationError(errors)

    def _ward_from_postcode(self):
        """Where the borough's postcodes are loaded, the ward need not be chosen by hand."""
        from townhall.core.services.postcodes import ward_in_any_borough

        return ward_in_any_borough(self.postcode)

    @property
    def access_features(self) -> list[str]:
        return [label for name, label in ACCESS_FEATURES.items() if getattr(self, name)]

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["form"] = RsvpForm(event=self)
        context["places"] = self.place_counts()
        context["going"] = self.public_attendees()
        return context

    def place_counts(self) -> dict:
        """Capacity, places taken and left (None for no limit), for the page."""
        taken = EventPlaces.objects.filter(event=self).values_list("taken", flat=True).first()
        taken = taken or 0
        left = None if self.capacity is None else max(0, self.capacity - taken)
        return {"capacity": self.capacity, "taken": taken, "left": left}

    def public_attendees(self) -> dict:
        """Names of those going who agreed to be shown, and how many others."""
        going = list(
            self.rsvps.filter(state=Rsvp.State.GOING)
            .order_by("confirmed_at")
            .values("name", "hide_name")
        )
        return {
            "names": [row["name"] for row in going if not row["hide_name"]],
            "others": sum(1 for row in going if row["hide_name"]),
        }


class EventPlaces(models.Model):
    """Places taken at an event, kept apart from the page so publishing never overwrites it."""

    event = models.OneToOneField(EventPage, on_delete=models.CASCADE, related_name="places")
    taken = models.PositiveIntegerField(default=0)
    # The time, place and state attendees were last told of (see services.published).
    announced = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return ngettext(
            "%(taken)s place taken at event %(event)s",
            "%(taken)s places taken at event %(event)s",
            self.taken,
        ) % {"taken": self.taken, "event": self.event_id}


@holds_personal_data
class Rsvp(models.Model):
    """One person's answer, with their guests; no account needed."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for email confirmation")
        GOING = "going", pgettext_lazy("an RSVP's state", "Going")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("an RSVP's state", "Cancelled")

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="rsvps")
    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254)
    normalised_email = models.CharField(max_length=254)
    guests = models.PositiveSmallIntegerField(default=0)
    hide_name = models.BooleanField(_("don't show my name"), default=False)
    # Agreed, on the form, to hear from the organisation holding the event (its own box).
    hear_from_organisation = models.BooleanField(default=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)
    link_sent_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    waiting_since = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "normalised_email"], name="one_rsvp_each")
        ]
        indexes = [models.Index(fields=["event", "state", "waiting_since"])]
        verbose_name = _("RSVP")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_state_display()})"

    @property
    def places(self) -> int:
        return 1 + self.guests
