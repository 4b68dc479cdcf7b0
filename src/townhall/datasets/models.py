"""Datasets any organisation publishes (air quality at schools, a survey's trust figure):
what is measured, in what unit, from which source under which licence and by what method;
its observations over time and place; and the limits or targets it is judged against."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

LICENCES = [
    ("OGL-UK-3.0", _("Open Government Licence v3.0")),
    ("CC-BY-4.0", _("Creative Commons Attribution 4.0")),
    ("CC0-1.0", _("Creative Commons Zero (public domain)")),
    ("ODbL-1.0", _("Open Database Licence 1.0")),
]
LICENCE_URLS = {
    "OGL-UK-3.0": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
}


def default_licence() -> str:
    return settings.TOWNHALL_OPEN_DATA_LICENCE


class DatasetQuerySet(models.QuerySet):
    def public(self) -> "DatasetQuerySet":
        return self.filter(published=True)


class Dataset(ClusterableModel):
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="datasets"
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(help_text=_("What it measures and why it matters"))
    unit = models.CharField(
        max_length=40, help_text=_('As it is written after a value: "µg/m³", "%"')
    )
    source = models.CharField(max_length=250, help_text=_("Who measured it"))
    source_url = models.URLField(blank=True)
    licence = models.CharField(max_length=20, choices=LICENCES, default=default_licence)
    method = models.TextField(blank=True, help_text=_("How it was measured, and its limits"))
    illustrative = models.BooleanField(
        default=False,
        help_text=_("The values are examples, not measurements: it says so wherever it shows"),
    )
    published = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DatasetQuerySet.as_manager()

    panels = [
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("title"), FieldPanel("slug")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("licence")]),
        MultiFieldPanel(
            [FieldPanel("source"), FieldPanel("source_url"), FieldPanel("method")],
            heading=_("Where it comes from"),
        ),
        FieldRowPanel([FieldPanel("illustrative"), FieldPanel("published")]),
        InlinePanel("limits", heading=_("Limits and targets"), label=_("limit or target")),
    ]

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dataset", args=[self.slug])

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")


class Limit(models.Model):
    """A legal limit or a target, from a date: when it changes, a new row from the new date."""

    class Kind(models.TextChoices):
        LIMIT = "limit", _("Limit")
        TARGET = "target", _("Target")

    dataset = ParentalKey(Dataset, on_delete=models.CASCADE, related_name="limits")
    kind = models.CharField(max_length=6, choices=Kind.choices, default=Kind.LIMIT)
    label = models.CharField(max_length=150, help_text=_('e.g. "Legal annual limit"'))
    value = models.DecimalField(max_digits=18, decimal_places=4)
    applies_from = models.DateField()

    panels = [
        FieldPanel("kind"),
        FieldPanel("label"),
        FieldPanel("value"),
        FieldPanel("applies_from"),
    ]

    class Meta:
        ordering = ["dataset", "applies_from"]

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"


class Observation(models.Model):
    """One value for a period and, optionally, a place: a ward, a named point (a school) or,
    with neither, the whole borough."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="observations")
    period_start = models.DateField()
    period_end = models.DateField(null=True, blank=True, help_text=_("Empty for a single day"))
    period_label = models.CharField(max_length=60, blank=True, help_text=_('e.g. "Spring 2016"'))
    value = models.DecimalField(max_digits=18, decimal_places=4)
    ward = models.ForeignKey(
        "core.Ward", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField(
        max_length=150, blank=True, help_text=_("A named point, like a school")
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    place_key = models.CharField(max_length=160, editable=False, default="")

    # Nothing an editor would need to find the users of (its only reference is a ward), and
    # Wagtail's reference index listens to each indexed model's deletes: without this, a
    # dataset's million observations would be fetched and deleted one by one.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["dataset", "period_start", "place_key"]
        constraints = [
            # One value per period and place: importing a file again changes it, never repeats it.
            models.UniqueConstraint(
                fields=["dataset", "period_start", "place_key"], name="one_observation_each"
            )
        ]
        indexes = [
            models.Index(
                fields=["dataset", "place_key", "period_start"], name="datasets_obs_series"
            )
        ]
        permissions = [("import_observations", "Can import observations from a CSV file")]

    def __str__(self) -> str:
        return f"{self.dataset}: {self.value} ({self.period_start})"

    def save(self, *args, **kwargs) -> None:
        self.place_key = place_key(self.ward_id, self.place)
        super().save(*args, **kwargs)
        # The dataset changed: what is kept of its shape (presenting._shape) is looked at anew.
        self.dataset_changed()

    def delete(self, *args, **kwargs):
        """Deleted by hand (the admin): the dataset changed. A method, not a post_delete
        receiver, so that deleting a dataset deletes its million observations in one query
        rather than fetching and signalling each."""
        deleted = super().delete(*args, **kwargs)
        self.dataset_changed()
        return deleted

    def dataset_changed(self) -> None:
        Dataset.objects.filter(pk=self.dataset_id).update(updated_at=timezone.now())

    def clean(self) -> None:
        if self.period_end and self.period_start and self.period_end < self.period_start:
            raise ValidationError({"period_end": gettext("The period cannot end before it starts")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(
                {"longitude": gettext("Give both the latitude and the longitude, or neither")}
            )


def place_key(ward_id: int | None, place: str) -> str:
    """Where an observation is, as one comparable value: "ward:12", "point:oak school" or ""."""
    if place:
        return f"point:{' '.join(place.casefold().split())}"[:160]
    return f"ward:{ward_id}" if ward_id else ""
