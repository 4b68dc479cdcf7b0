"""Councillors' registered interests, every version kept, and the interests they declare
at meetings. The categories are those of the Relevant Authorities (Disclosable Pecuniary
Interests) Regulations 2012, with gifts and hospitality as councils' codes add them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from townhall.council.models.register import AgendaItem, Councillor, Membership

CATEGORIES = [
    ("employment", _("Employment, office, trade, profession or vocation")),
    ("sponsorship", _("Sponsorship")),
    ("contracts", _("Contracts with the council")),
    ("land", _("Land in the borough")),
    ("licences", _("Licences to occupy land")),
    ("tenancies", _("Corporate tenancies")),
    # Translators: shares and other investments, in the register of interests
    ("securities", _("Securities")),
    ("gifts", _("Gifts and hospitality")),
]
ONE_PER_LINE = _("One interest per line; leave empty if there are none")


def _category(name: str) -> models.TextField:
    return models.TextField(dict(CATEGORIES)[name], blank=True, help_text=ONE_PER_LINE)


class InterestsVersion(models.Model):
    """The register of one councillor as it stood from `registered_on`. A change is a new
    version (the admin offers no editing of an old one), so the public history is whole."""

    councillor = models.ForeignKey(
        Councillor, on_delete=models.CASCADE, related_name="interest_versions"
    )
    number = models.PositiveIntegerField(editable=False)
    registered_on = models.DateField(help_text=_("The date the councillor registered this version"))
    employment = _category("employment")
    sponsorship = _category("sponsorship")
    contracts = _category("contracts")
    land = _category("land")
    licences = _category("licences")
    tenancies = _category("tenancies")
    securities = _category("securities")
    gifts = _category("gifts")
    change_summary = models.CharField(
        max_length=200, blank=True, help_text=_("What this version changes, in a line")
    )

    class Meta:
        ordering = ["councillor", "-number"]
        verbose_name = _("register of interests version")
        constraints = [
            models.UniqueConstraint(fields=["councillor", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return gettext("%(councillor)s: interests, version %(number)s") % {
            "councillor": self.councillor,
            "number": self.number,
        }

    def save(self, *args, **kwargs) -> None:
        if self.number is None:
            with transaction.atomic():
                # Lock the councillor, so two officers adding versions at once number them apart.
                Councillor.objects.select_for_update().filter(pk=self.councillor_id).first()
                latest = InterestsVersion.objects.filter(councillor_id=self.councillor_id)
                self.number = (latest.aggregate(n=Max("number"))["n"] or 0) + 1
                super().save(*args, **kwargs)
            return
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("councillor-interests-version", args=[self.councillor.slug, self.number])

    def clean(self) -> None:
        if self.councillor_id is None or self.registered_on is None:
            return
        latest = (
            InterestsVersion.objects.filter(councillor_id=self.councillor_id)
            .exclude(pk=self.pk)
            .order_by("-number")
            .first()
        )
        if latest and self.registered_on < latest.registered_on:
            raise ValidationError(
                {
                    "registered_on": gettext(
                        "Version %(number)s was registered later, on %(day)s: a new version "
                        "cannot be older"
                    )
                    % {"number": latest.number, "day": long_date(latest.registered_on)}
                }
            )

    def entries(self) -> list[tuple[str, str, list[str]]]:
        """(field, label, lines) for each category, in the regulations' order."""
        threshold = settings.TOWNHALL_GIFTS_THRESHOLD_POUNDS
        return [
            (
                name,
                (
                    gettext("%(category)s over £%(amount)s")
                    % {"category": label, "amount": threshold}
                    if name == "gifts"
                    else str(label)  # text, not a lazy translation: the API returns it too
                ),
                [line.strip() for line in getattr(self, name).splitlines() if line.strip()],
            )
            for name, label in CATEGORIES
        ]


class Declaration(models.Model):
    """An interest a member declared on an agenda item, as the minutes record it."""

    class Kind(models.TextChoices):
        PECUNIARY = "pecuniary", _("Disclosable pecuniary interest")
        OTHER_REGISTRABLE = "registrable", _("Other registrable interest")
        NON_REGISTRABLE = "non-registrable", _("Non-registrable interest")

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="declarations"
    )
    councillor = models.ForeignKey(
        Councillor, on_delete=models.CASCADE, related_name="declarations"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    nature = models.CharField(max_length=300, help_text=_("What the interest is, as minuted"))
    left_the_room = models.BooleanField(
        default=False, help_text=_("They left the meeting for this item and took no part")
    )

    class Meta:
        ordering = ["agenda_item", "councillor__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "councillor", "kind"], name="one_declaration_each"
            )
        ]

    def __str__(self) -> str:
        return gettext("%(councillor)s: %(kind)s on item %(item)s") % {
            "councillor": self.councillor,
            "kind": self.get_kind_display(),
            "item": self.agenda_item,
        }

    def clean(self) -> None:
        if self.agenda_item_id is None or self.councillor_id is None:
            return
        meeting = self.agenda_item.meeting
        if not sat_on(
            self.councillor_id, meeting.committee_id, timezone.localdate(meeting.starts_at)
        ):
            raise ValidationError(
                {
                    "councillor": gettext(
                        "%(councillor)s was not a member of %(committee)s on %(day)s"
                    )
                    % {
                        "councillor": self.councillor,
                        "committee": meeting.committee,
                        "day": long_date(timezone.localdate(meeting.starts_at)),
                    }
                }
            )


def long_date(day) -> str:
    return date_format(day, "j E Y")  # "5 March 2024", as GOV.UK writes dates


def sat_on(councillor_id: int, committee_id: int, on) -> bool:
    """Whether the councillor was a member of the committee on that day."""
    return Membership.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on),
        councillor_id=councillor_id,
        committee_id=committee_id,
        starts_on__lte=on,
    ).exists()
