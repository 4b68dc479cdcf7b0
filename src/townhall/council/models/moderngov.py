"""What the council's ModernGov site holds, mirrored: each mirrored record keeps ModernGov's id
(so a second sync updates it rather than adding it again) and names the fields ModernGov
owns; officers edit the rest. One row per site records when its nightly sync is next due."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FromModernGov(models.Model):
    """A record that may come from ModernGov. `SYNCED_FIELDS` are ModernGov's: the admin shows
    them as such and each sync writes them; every other field is the officers'."""

    SYNCED_FIELDS: tuple[str, ...] = ()

    moderngov_id = models.PositiveIntegerField(
        _("ModernGov id"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("Set when the record comes from the council's ModernGov site"),
    )

    class Meta:
        abstract = True

    @property
    def from_moderngov(self) -> bool:
        return self.moderngov_id is not None


class ModernGovRun(models.Model):
    """The nightly sync of one ModernGov site: the worker that moves `due_at` on (one
    conditional update) is the one that runs it, however many workers look."""

    site = models.URLField(max_length=300, unique=True)
    due_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(blank=True, help_text=_("The last run's report"))

    class Meta:
        verbose_name = _("ModernGov sync")

    def __str__(self) -> str:
        return self.site
