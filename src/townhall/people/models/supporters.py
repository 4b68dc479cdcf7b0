"""People who joined an organisation's campaign through its "Join" form."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from townhall.core.personal_data import holds_personal_data
from townhall.core.tokens import new_token


@holds_personal_data
class Supporter(models.Model):
    """Someone who joined an organisation's campaign. Never shown publicly."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for email confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="supporters"
    )
    name = models.CharField(max_length=100)
    email = models.EmailField(help_text=_("Stored in lower case, so each address joins once"))
    postcode = models.CharField(max_length=8, blank=True)
    consent_to_contact = models.BooleanField(_("agreed to be contacted"), default=False)
    consent_wording = models.TextField(help_text=_("The privacy wording shown when they agreed"))
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
