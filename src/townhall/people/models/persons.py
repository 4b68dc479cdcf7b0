"""One person as one organisation knows them, with what they agreed to and did."""

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from townhall.core import people
from townhall.core.personal_data import holds_personal_data


class Tag(models.Model):
    """An organisation's own label for its people ("volunteer", "Friern Barnet"); each
    organisation has its own tags, so one group's labels are never shown to another."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="person_tags"
    )
    name = models.CharField(max_length=50)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="one_tag_per_name")
        ]

    def __str__(self) -> str:
        return self.name


class PersonQuerySet(models.QuerySet):
    def with_email_consent(self) -> "PersonQuerySet":
        """People who agree, now, to the organisation's emails: the only ones a mailing
        may go to."""
        current = Consent.objects.filter(
            person=OuterRef("pk"), purpose=people.EMAIL_UPDATES, withdrawn_at=None
        )
        return self.filter(Exists(current), undeliverable_since=None)

    def without_email_consent(self) -> "PersonQuerySet":
        current = Consent.objects.filter(
            person=OuterRef("pk"), purpose=people.EMAIL_UPDATES, withdrawn_at=None
        )
        return self.exclude(Exists(current), undeliverable_since=None)

    def who_did(self, kind: str) -> "PersonQuerySet":
        return self.filter(Exists(Activity.objects.filter(person=OuterRef("pk"), kind=kind)))

    def for_download(self) -> "PersonQuerySet":
        """With what a download writes of each, in a few queries for the lot: their ward,
        tags, current consent to emails (`email_consents`) and the kinds of their history."""
        return (
            self.select_related("ward")
            .prefetch_related(
                "tags",
                Prefetch(
                    "consents",
                    queryset=Consent.objects.filter(
                        purpose=people.EMAIL_UPDATES, withdrawn_at=None
                    ),
                    to_attr="email_consents",
                ),
                Prefetch("history", queryset=Activity.objects.only("person_id", "kind")),
            )
            .order_by("name", "pk")
        )


@holds_personal_data
class Person(models.Model):
    """One person as one organisation knows them: the joins, signatures, RSVPs and gifts
    they agreed to share with it, their consents and the organisers' own note and tags.
    Never shown publicly; each organisation sees only its own people (people.rules)."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="people"
    )
    email = models.EmailField(help_text=_("Normalised, so one address is one person"))
    name = models.CharField(max_length=100)
    postcode = models.CharField(max_length=8, blank=True)
    # Brought across from a group's NationBuilder or Action Network export (people.supporter_
    # formats); Townhall's own forms do not ask for them.
    phone = models.CharField(max_length=30, blank=True)
    address = models.CharField(max_length=300, blank=True, help_text=_("Street lines, by commas"))
    town = models.CharField(max_length=100, blank=True)
    # From the postcode, when the borough's postcode directory knows it: segments by ward.
    ward = models.ForeignKey(
        "core.Ward", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="people")
    note = models.TextField(blank=True, help_text=_("Organisers' own note; never shown to others"))
    # Set by a hard bounce: mail to the address cannot be delivered, so mailings skip it
    # until the person gives an address again (any new action with it clears this).
    undeliverable_since = models.DateTimeField(null=True, blank=True)
    first_seen_at = models.DateTimeField(_("first seen"))
    last_seen_at = models.DateTimeField(_("last seen"))

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name_plural = _("people")
        ordering = ["-last_seen_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "email"], name="one_person_per_email")
        ]

    def __str__(self) -> str:
        return gettext("Person %(number)s") % {"number": self.pk}

    def consents_now(self) -> set[str]:
        return set(
            self.consents.filter(withdrawn_at=None).values_list("purpose", flat=True).distinct()
        )


class Consent(models.Model):
    """Agreement to one purpose, with the wording shown and when; withdrawn, never deleted
    while the person is kept (the record of what they agreed to is the point)."""

    class Purpose(models.TextChoices):
        EMAIL_UPDATES = people.EMAIL_UPDATES, _("Email updates from the organisation")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=30, choices=Purpose.choices)
    wording = models.TextField()
    source = models.CharField(max_length=80, help_text=_("Where it was given"))
    given_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return gettext("%(purpose)s, given %(date)s") % {
            "purpose": self.get_purpose_display(),
            "date": date_format(self.given_at, "j E Y"),
        }


class Activity(models.Model):
    """One thing in a person's history with the organisation."""

    class Kind(models.TextChoices):
        # The kinds the reporting apps give (core.people.Action.kind).
        JOINED = "joined", _("Joined")
        SIGNED = "signed", _("Signed a petition")
        RSVP = "rsvp", _("Answered an event invitation")
        NAMED = "named", _("Put their name to a statement")
        FOLLOWED = "followed", _("Followed the group by email")
        GAVE = "gave", _("Gave money")
        VOLUNTEERED = "volunteered", _("Offered to volunteer")
        IMPORTED = "imported", _("Brought across from another system")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="history")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    label = models.CharField(max_length=300)
    url = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField()
    source = models.CharField(max_length=80)

    class Meta:
        verbose_name_plural = _("activities")
        ordering = ["-at"]
        constraints = [
            models.UniqueConstraint(fields=["person", "source"], name="one_activity_per_source")
        ]
        indexes = [models.Index(fields=["kind", "person"])]

    def __str__(self) -> str:
        return self.label
