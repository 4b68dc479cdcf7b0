"""What bringing a group's supporters across from another system needs kept: which addresses
were erased (so an old export cannot bring them back), and an upload waiting for its
organiser to confirm the preview."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from townhall.core.personal_data import holds_personal_data
from townhall.core.tokens import new_token


class ErasedAddress(models.Model):
    """An address erased from an organisation's people at the person's request, kept only
    as a keyed one-way digest (people.erasures): enough to recognise it in a later import,
    never enough to read it back or to match it across organisations."""

    # A plain number, not a foreign key: an organisation being deleted erases its people
    # on the way, and the rows made then must not stop that deletion (people.signals
    # removes them once the organisation is gone).
    organisation_id = models.PositiveBigIntegerField(db_index=True)
    digest = models.CharField(max_length=64)
    erased_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = _("erased addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation_id", "digest"], name="one_erasure_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"Erased address {self.pk}"


@holds_personal_data
class SupporterUpload(models.Model):
    """An export uploaded by an organiser, kept between its preview and their confirmation:
    only that organiser's own link (the token, with their session) reaches it, and it is
    deleted when imported, when replaced by their next upload, or an hour later."""

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    shape = models.CharField(max_length=20)  # people.supporter_formats: "nationbuilder"...
    filename = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    data = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Upload {self.pk}"
