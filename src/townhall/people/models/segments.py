"""Saved segments: a named set of an organisation's people, worked out afresh when used."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from townhall.people.models.persons import Activity, Person, PersonQuerySet, Tag


class Segment(models.Model):
    """Everyone in the organisation who matches all the conditions given; a condition
    left empty does not narrow it. Saved as conditions, not as a list, so the people in it
    are who matches on the day it is used."""

    class EmailConsent(models.TextChoices):
        ANY = "", _("Anyone")
        GIVEN = "given", _("Who agree to emails now")
        NOT_GIVEN = "not_given", _("Who do not agree to emails now")

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="segments"
    )
    name = models.CharField(max_length=100)
    tag = models.ForeignKey(
        Tag,
        on_delete=models.PROTECT,  # a segment of a deleted tag would quietly grow to everyone
        null=True,
        blank=True,
        related_name="segments",
        help_text=_("People with this tag"),
    )
    ward = models.ForeignKey(
        "core.Ward",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("People whose postcode is in this ward"),
    )
    action = models.CharField(
        _("did this"),
        max_length=20,
        choices=Activity.Kind.choices,
        blank=True,
        help_text=_("People whose history has at least one of these"),
    )
    first_seen_from = models.DateField(
        _("first seen on or after"), null=True, blank=True, help_text=_("For example, 1/9/2026")
    )
    first_seen_to = models.DateField(_("first seen on or before"), null=True, blank=True)
    email_consent = models.CharField(
        max_length=10, choices=EmailConsent.choices, blank=True, default=EmailConsent.ANY
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="one_segment_per_name")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if (
            self.tag_id
            and self.organisation_id
            and self.tag.organisation_id != self.organisation_id
        ):
            errors["tag"] = gettext("Choose one of this organisation's own tags")
        if (
            self.ward_id
            and self.organisation_id
            and self.ward.borough_id != self.organisation.borough_id
        ):
            errors["ward"] = gettext("Choose a ward in the organisation's borough")
        if (
            self.first_seen_from
            and self.first_seen_to
            and self.first_seen_from > self.first_seen_to
        ):
            errors["first_seen_to"] = gettext("The end date must be on or after the start date")
        if errors:
            raise ValidationError(errors)

    def people(self) -> PersonQuerySet:
        """Its people as of now."""
        found = Person.objects.filter(organisation_id=self.organisation_id)
        if self.tag_id:
            found = found.filter(tags=self.tag_id)
        if self.ward_id:
            found = found.filter(ward_id=self.ward_id)
        if self.action:
            found = found.who_did(self.action)
        if self.first_seen_from:
            found = found.filter(first_seen_at__date__gte=self.first_seen_from)
        if self.first_seen_to:
            found = found.filter(first_seen_at__date__lte=self.first_seen_to)
        if self.email_consent == self.EmailConsent.GIVEN:
            found = found.with_email_consent()
        elif self.email_consent == self.EmailConsent.NOT_GIVEN:
            found = found.without_email_consent()
        return found

    def describe(self) -> str:
        """The conditions in words, for the pages that use the segment."""
        parts = []
        if self.tag_id:
            parts.append(gettext("tagged “%(tag)s”") % {"tag": self.tag})
        if self.ward_id:
            parts.append(gettext("in %(ward)s ward") % {"ward": self.ward.name})
        if self.action:
            did = Activity.Kind(self.action).label.lower()
            # Translators: "did" is what they did, in lower case: "signed a petition".
            parts.append(gettext("who %(did)s") % {"did": did})
        if self.first_seen_from:
            on = date_format(self.first_seen_from, "j E Y")
            parts.append(gettext("first seen from %(date)s") % {"date": on})
        if self.first_seen_to:
            on = date_format(self.first_seen_to, "j E Y")
            parts.append(gettext("first seen up to %(date)s") % {"date": on})
        if self.email_consent:
            parts.append(self.EmailConsent(self.email_consent).label.lower())
        if not parts:
            return gettext("Everyone")
        # Translators: "conditions" are the segment's conditions, joined by commas:
        # "tagged “volunteer”, in Oakleigh ward".
        return gettext("Everyone %(conditions)s") % {"conditions": ", ".join(parts)}
