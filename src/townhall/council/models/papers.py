"""The text of PDF papers, read once after upload, kept page by page so that search results
can say on which page the words are."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class PaperText(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting to be read")
        # Translators: a paper's text has been read (past tense)
        READ = "read", _("Read")
        FAILED = "failed", _("Could not be read")

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="paper_text"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    problem = models.CharField(max_length=300, blank=True, help_text=_("Why it could not be read"))
    file_key = models.CharField(max_length=200, help_text=_("Which upload of the file was read"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("paper text")

    def __str__(self) -> str:
        return gettext("Text of %(title)s") % {"title": self.document.title}


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
        return gettext("Page %(number)s of %(title)s") % {
            "number": self.number,
            "title": self.document.title,
        }
