from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class PageFeedback(models.Model):
    """One answer to "Is this page useful?" or one "Report a problem" form."""

    class Kind(models.TextChoices):
        USEFUL = "useful", _("Useful")
        NOT_USEFUL = "not_useful", _("Not useful")
        PROBLEM = "problem", _("Problem reported")

    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    path = models.CharField(max_length=500, help_text=_("The address the feedback was given on"))
    kind = models.CharField(max_length=20, choices=Kind.choices)
    what_doing = models.TextField(_("what they were doing"), blank=True, max_length=1000)
    what_went_wrong = models.TextField(_("what went wrong"), blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")

    def __str__(self) -> str:
        # Translators: "Problem reported on /petitions/3/"
        return gettext("%(kind)s on %(path)s") % {
            "kind": self.get_kind_display(),
            "path": self.path,
        }


class PageLike(models.Model):
    """A browser's "like" of a page; one row per browser, so a retry never counts twice."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    liker = models.CharField(max_length=64, help_text=_("A random id kept in the browser's cookie"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "liker"], name="one_like_per_browser")
        ]

    def __str__(self) -> str:
        return gettext("Like of page %(id)s") % {"id": self.page_id}
