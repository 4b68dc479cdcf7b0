"""Assessment of a round's eligible applications: assessors, their declarations of conflicts
of interest, and their scores against the scheme's criteria."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from townhall.grants.models.applications import Application
from townhall.grants.models.schemes import GrantRound

SCORES = [(n, str(n)) for n in range(6)]  # 0 (does not meet the criterion) to 5 (fully)


class Assessor(models.Model):
    """Someone staff asked to assess a round's applications."""

    round = models.ForeignKey(GrantRound, on_delete=models.CASCADE, related_name="assessors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grant_assessments"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="one_assessor_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.user} assesses {self.round}"


class ConflictDeclaration(models.Model):
    """An assessor's answer, before opening an application, to "do you have a conflict of
    interest?". A conflict hides the application from them for good; both answers are kept."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="conflict_declarations"
    )
    # Kept, unnamed, if the assessor's account is deleted: the record of who declared what.
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    has_conflict = models.BooleanField()
    details = models.TextField(blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "assessor"], name="one_declaration_per_assessor"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessor}: {'conflict' if self.has_conflict else 'no conflict'}"


class Assessment(models.Model):
    class Recommendation(models.TextChoices):
        YES = "yes", _("Yes, fund it")
        MAYBE = "maybe", _("Maybe")
        NO = "no", _("No")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assessments"
    )
    # Kept, unnamed, if the assessor's account is deleted: decisions rest on these scores.
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    scores = models.JSONField(default=list)  # [{"criterion": str, "score": 0-5, "comment": str}]
    recommendation = models.CharField(max_length=5, choices=Recommendation.choices)
    comments = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "assessor"], name="one_assessment_per_assessor"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessor} on {self.application.reference}: {self.total}"

    @property
    def total(self) -> int:
        return sum(int(line["score"]) for line in self.scores)
