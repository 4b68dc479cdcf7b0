from django.db import models


class ImportedItem(models.Model):
    """What a WordPress item became, so importing the same export again adds nothing."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    source = models.CharField(
        max_length=300,
        help_text='The export\'s site and item, e.g. "https://blog.example/ post 12"',
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.ForeignKey(
        "comments.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "source"], name="import_each_item_once")
        ]

    def __str__(self) -> str:
        return self.source
