"""Applications to a round: drafted and submitted by an applicant with an account, screened
and decided by staff, with requests for more information and a record of every change."""

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from townhall.core.personal_data import holds_personal_data
from townhall.core.storage import private_storage
from townhall.grants.models.schemes import GrantRound, RecipientType


@holds_personal_data
class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        INFO_REQUESTED = "info_requested", _("More information needed")
        IN_ASSESSMENT = "in_assessment", _("Being assessed")
        INELIGIBLE = "ineligible", _("Not eligible")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Not funded")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    round = models.ForeignKey(GrantRound, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grant_applications"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    project_title = models.CharField(max_length=150, blank=True)
    project_summary = models.TextField(blank=True)
    applicant_type = models.CharField(max_length=12, choices=RecipientType.choices, blank=True)
    applicant_name = models.CharField(
        max_length=200, blank=True, help_text=_("The organisation or group, or the person's name")
    )
    organisation_id = models.CharField(max_length=100, blank=True)
    ward = models.ForeignKey(
        "core.Ward", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    amount_requested = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    budget = models.JSONField(default=list, blank=True)  # [{"item": str, "cost": "12.50"}]
    answers = models.JSONField(default=dict, blank=True)  # the scheme's own questions, by key
    saved_sections = models.JSONField(default=list, blank=True)  # keys, for the task list
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    screening_note = models.TextField(blank=True)
    scores_released = models.BooleanField(default=False)
    amount_approved = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One live application per applicant and round, so a repeated "start" adds nothing.
            models.UniqueConstraint(
                fields=["round", "applicant"],
                condition=~models.Q(status="withdrawn"),
                name="one_live_application_per_round",
            ),
        ]
        permissions = [
            ("decide_application", "Can approve or decline grant applications"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.project_title or gettext('untitled')}"

    @property
    def reference(self) -> str:
        return f"GR-{self.pk:05d}" if self.pk else "GR-new"

    @property
    def scheme(self):
        return self.round.scheme

    @property
    def budget_total(self):
        from decimal import Decimal

        return sum((Decimal(line["cost"]) for line in self.budget), Decimal(0))


def application_file_path(instance: "ApplicationFile", filename: str) -> str:
    return f"grant-files/{instance.application_id}/{filename}"


class ApplicationFile(models.Model):
    """An attachment: kept outside public media, seen by its applicant and the grant staff."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    key = models.CharField(max_length=40)
    file = models.FileField(upload_to=application_file_path, storage=private_storage)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "key"], name="one_file_per_question")
        ]

    def __str__(self) -> str:
        return self.original_name


class InformationRequest(models.Model):
    """Staff ask the applicant for more; the application waits until they answer."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="information_requests"
    )
    question = models.TextField()
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]

    def __str__(self) -> str:
        return gettext("Asked %(date)s: %(question)s") % {
            "date": date_format(self.asked_at, "j E Y"),
            "question": self.question[:60],
        }


class ApplicationEvent(models.Model):
    """The application's history: who did what, from which status to which, and why."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Submitted")
        WITHDRAW = "withdraw", _("Withdrew it")
        REQUEST_INFO = "request_info", _("Asked for more information")
        ANSWER_INFO = "answer_info", _("Answered the request")
        SCREEN_IN = "screen_in", _("Screened in as eligible")
        SCREEN_OUT = "screen_out", _("Screened out as not eligible")
        APPROVE = "approve", _("Approved")
        DECLINE = "decline", _("Declined")
        PAYMENT_PAID = "payment_paid", _("Marked a payment paid")
        REPORT_SENT = "report_sent", _("Sent a report")
        REPORT_ACCEPTED = "report_accepted", _("Accepted a report")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=30, choices=Action.choices)
    from_status = models.CharField(max_length=20)
    to_status = models.CharField(max_length=20)
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return gettext("%(action)s: %(from)s to %(to)s") % {
            "action": self.get_action_display(),
            "from": self.from_label,
            "to": self.to_label,
        }

    @property
    def from_label(self) -> str:
        return Application.Status(self.from_status).label

    @property
    def to_label(self) -> str:
        return Application.Status(self.to_status).label
