from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class MachineTranslation(models.Model):
    """One field of one record (a petition's title, a comment's text) machine-translated into
    one language, asked for by a reader and kept so the translator is asked once.

    Kept under a digest of the text it translated: an edited text no longer matches, so it is
    translated again, and the old copy is deleted when the record is saved. Deleting the
    record deletes its translations (core.services.machine_translation.translatable)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    field = models.CharField(max_length=64)
    language = models.CharField(_("translated into"), max_length=15)
    source_digest = models.CharField(max_length=64, help_text=_("SHA-256 of the original text"))
    source_language = models.CharField(
        _("original language"), max_length=15, blank=True, help_text=_("As the translator saw it")
    )
    translator = models.CharField(max_length=30, help_text=_('e.g. "deepl", "libretranslate"'))
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("machine translation")
        verbose_name_plural = _("machine translations")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language", "source_digest"],
                name="one_machine_translation_per_text_and_language",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.field} of {self.content_type_id}:{self.object_id} in {self.language}"
