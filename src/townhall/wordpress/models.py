from django.db import models


class ImportedItem(models.Model):
    """What a WordPress item became, so importing the same export again adds nothing.

    An item is known by the site it came from and its number there: two sites' "post 1" are
    two items, and the same site imported twice is one."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    site = models.CharField(
        max_length=300,
        blank=True,
        help_text='The WordPress site, as host and path: "blog.example" or "example.org/news"',
    )
    kind = models.CharField(max_length=20, help_text="post, page, comment or attachment")
    wordpress_id = models.PositiveBigIntegerField(help_text="Its number on that site")
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.ForeignKey(
        "comments.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "site", "kind", "wordpress_id"],
                name="import_each_site_item_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.site} {self.kind} {self.wordpress_id}"
