from django.db import models

from townhall.core.personal_data import holds_personal_data
from townhall.core.tokens import new_token


@holds_personal_data
class Supporter(models.Model):
    """Someone who joined an organisation's campaign. Never shown publicly."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for email confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="supporters"
    )
    name = models.CharField(max_length=100)
    email = models.EmailField(help_text="Stored in lower case, so each address joins once")
    postcode = models.CharField(max_length=8, blank=True)
    consent_to_contact = models.BooleanField("agreed to be contacted", default=False)
    consent_wording = models.TextField(help_text="The privacy wording shown when they agreed")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    # Two secrets: the link that confirms joining, and the one in every email that stops
    # them; a forwarded welcome email cannot be used to confirm someone else's request.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    confirm_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    joined_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-joined_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"], name="one_supporter_per_email"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


@holds_personal_data
class Person(models.Model):
    """One person as one organisation knows them: the joins, signatures, RSVPs and gifts
    they agreed to share with it, their consents and the organisers' own note and tags.
    Never shown publicly; each organisation sees only its own people (people.rules)."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="people"
    )
    email = models.EmailField(help_text="Normalised, so one address is one person")
    name = models.CharField(max_length=100)
    postcode = models.CharField(max_length=8, blank=True)
    note = models.TextField(blank=True, help_text="Organisers' own note; never shown to others")
    first_seen_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "people"
        ordering = ["-last_seen_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "email"], name="one_person_per_email")
        ]

    def __str__(self) -> str:
        return f"Person {self.pk}"

    def consents_now(self) -> set[str]:
        return set(
            self.consents.filter(withdrawn_at=None).values_list("purpose", flat=True).distinct()
        )


class Consent(models.Model):
    """Agreement to one purpose, with the wording shown and when; withdrawn, never deleted
    while the person is kept (the record of what they agreed to is the point)."""

    class Purpose(models.TextChoices):
        EMAIL_UPDATES = "email_updates", "Email updates from the organisation"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=30, choices=Purpose.choices)
    wording = models.TextField()
    source = models.CharField(max_length=80, help_text="Where it was given")
    given_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}, given {self.given_at:%-d %B %Y}"


class Activity(models.Model):
    """One thing in a person's history with the organisation."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="history")
    kind = models.CharField(max_length=20)
    label = models.CharField(max_length=300)
    url = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField()
    source = models.CharField(max_length=80)

    class Meta:
        verbose_name_plural = "activities"
        ordering = ["-at"]
        constraints = [
            models.UniqueConstraint(fields=["person", "source"], name="one_activity_per_source")
        ]

    def __str__(self) -> str:
        return self.label
