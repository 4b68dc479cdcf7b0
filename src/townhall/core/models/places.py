from django.db import models
from django.utils.translation import gettext_lazy as _


class Borough(models.Model):
    """The local authority area a Townhall site serves (one per Wagtail site)."""

    name = models.CharField(max_length=100)
    ons_code = models.CharField(_("ONS code"), max_length=9, unique=True)
    site = models.OneToOneField(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.SET_NULL, related_name="borough"
    )

    def __str__(self) -> str:
        return self.name


class Ward(models.Model):
    """An electoral ward; its boundary is GeoJSON in WGS84, drawn server-side as SVG."""

    shown_on_many_pages = True  # on every petition's map (core.wardmap keeps its outline)

    borough = models.ForeignKey(Borough, on_delete=models.CASCADE, related_name="wards")
    code = models.CharField(_("ONS code"), max_length=9, unique=True)
    name = models.CharField(max_length=100)
    boundary = models.JSONField(help_text=_("GeoJSON geometry (WGS84)"))

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Postcode(models.Model):
    """Which ward a postcode is in, from the ONS postcode directory (`townhall load_postcodes`).

    Where a borough has these, forms take the ward from the postcode instead of asking. A row
    without a ward is a postcode of another authority in one of the borough's postcode
    districts: known to be outside, not merely unknown."""

    borough = models.ForeignKey(Borough, on_delete=models.CASCADE, related_name="postcodes")
    postcode = models.CharField(max_length=8, help_text=_('Normalised: "EN5 1AB"'))
    ward = models.ForeignKey(
        Ward, null=True, blank=True, on_delete=models.CASCADE, related_name="postcodes"
    )
    # The ONS keeps a terminated postcode with the ward it was in, and the month it ended
    # ("doterm"): people still give them, and are told it is no longer in use.
    terminated_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["borough", "postcode"], name="one_row_per_postcode")
        ]

    def __str__(self) -> str:
        return self.postcode

    def save(self, *args, **kwargs) -> None:
        if self.borough_id is None and self.ward_id is not None:
            self.borough_id = self.ward.borough_id
        super().save(*args, **kwargs)
