from django.db import models


class PageFeedback(models.Model):
    """One answer to "Is this page useful?" or one "Report a problem" form."""

    class Kind(models.TextChoices):
        USEFUL = "useful", "Useful"
        NOT_USEFUL = "not_useful", "Not useful"
        PROBLEM = "problem", "Problem reported"

    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    path = models.CharField(max_length=500, help_text="The address the feedback was given on")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    what_doing = models.TextField("what they were doing", blank=True, max_length=1000)
    what_went_wrong = models.TextField("what went wrong", blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "page feedback"
        verbose_name_plural = "page feedback"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.path}"


class PageLike(models.Model):
    """A browser's "like" of a page; one row per browser, so a retry never counts twice."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    liker = models.CharField(max_length=64, help_text="A random id kept in the browser's cookie")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "liker"], name="one_like_per_browser")
        ]

    def __str__(self) -> str:
        return f"Like of page {self.page_id}"
