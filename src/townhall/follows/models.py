"""Residents following organisations, petitions and events by email, for digests."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from townhall.core.personal_data import holds_personal_data
from townhall.core.tokens import new_token


@holds_personal_data
class Follower(models.Model):
    """One email address and how often it wants a digest; its token unsubscribes it."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")

    email = models.EmailField(max_length=254)
    normalised_email = models.CharField(max_length=254, unique=True)
    frequency = models.CharField(max_length=6, choices=Frequency.choices, default="weekly")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)
    # The end of the period the last digest covered (sent or empty): the next one starts here.
    covered_until = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.email


class Follow(models.Model):
    """One thing followed; nothing is sent about it until its emailed link is confirmed."""

    follower = models.ForeignKey(Follower, on_delete=models.CASCADE, related_name="follows")
    kind = models.CharField(max_length=20)  # a key of core.digests.SOURCES
    target_id = models.PositiveBigIntegerField()
    frequency = models.CharField(max_length=6, choices=Follower.Frequency.choices)
    # Following a group: also agreed, on the form, to the group's own emails (its own box).
    hear_from_organisation = models.BooleanField(default=False)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["follower", "kind", "target_id"], name="follow_each_thing_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.follower} follows {self.kind} {self.target_id}"
