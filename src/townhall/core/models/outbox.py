from django.db import models


class OutboxMessage(models.Model):
    """An email as it would have been sent: the demo's stand-in for a mail server."""

    to = models.TextField()
    from_email = models.CharField(max_length=254)
    subject = models.CharField(max_length=998)
    body = models.TextField()
    html = models.TextField(blank=True)
    headers = models.JSONField(default=dict)
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.subject} to {self.to}"
