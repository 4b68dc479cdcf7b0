"""The text of PDF papers, read once after upload, kept page by page so that search results
can say on which page the words are."""

from django.db import models
from wagtail.search import index


class PaperText(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", "Waiting to be read"
        READ = "read", "Read"
        FAILED = "failed", "Could not be read"

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="paper_text"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    problem = models.CharField(max_length=300, blank=True, help_text="Why it could not be read")
    file_key = models.CharField(max_length=200, help_text="Which upload of the file was read")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = "paper text"

    def __str__(self) -> str:
        return f"Text of {self.document.title}"


class PaperPage(index.Indexed, models.Model):
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="paper_pages"
    )
    number = models.PositiveIntegerField()
    text = models.TextField()

    search_fields = [index.SearchField("text"), index.FilterField("document_id")]

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_text_per_page")
        ]

    def __str__(self) -> str:
        return f"Page {self.number} of {self.document.title}"
