from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet

DEFAULT_CONSENT_WORDING = (
    "We will use your name and email address to send you news about our campaign and ways "
    "to get involved. We keep your postcode, if you give it, to tell you about things near "
    "you. We never publish or share your details, and every email has a link to stop them."
)


@register_snippet
class ContactDetails(index.Indexed, models.Model):
    """A reusable contact block: where to write, phone or email."""

    shown_on_many_pages = True  # a change empties the page cache (core.signals)

    name = models.CharField(max_length=120, help_text=_("Shown as the block's heading"))
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    opening_hours = models.CharField(max_length=200, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("opening_hours"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """The council or a campaign group: it owns one section of the page tree.

    Its editors and moderators are Wagtail groups whose permissions stop at that section
    and at its document collection (see core.services.organisations).
    """

    shown_on_many_pages = True  # its name and menu are on every page of its section

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council")
        CAMPAIGN = "campaign", _("Campaign group")
        RESIDENTS = "residents", _("Residents' association")
        UNION = "union", _("Trade union branch")

    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CAMPAIGN)
    borough = models.ForeignKey(
        "core.Borough", on_delete=models.PROTECT, related_name="organisations"
    )
    home_page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.PROTECT, related_name="organisation"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", on_delete=models.PROTECT, related_name="organisation"
    )
    editors = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="+")
    moderators = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="+")
    consent_wording = models.TextField(
        default=DEFAULT_CONSENT_WORDING,
        help_text=_("The privacy wording people agree to when they join."),
    )
    # Every mailing says who sent it and where to write (PECR and the ICO's direct
    # marketing guidance), and replies go to the group, not to the site.
    postal_address = models.TextField(
        blank=True, help_text=_("Printed at the foot of every mailing. Needed before sending one.")
    )
    reply_to_email = models.EmailField(
        blank=True, help_text=_("Where replies to the organisation's mailings go.")
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
