"""Joint statements and open letters: drafted by one organisation, co-signed by others,
with individuals adding their names."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from townhall.core.models import Organisation
from townhall.core.personal_data import holds_personal_data
from townhall.core.richtext import EDITOR_FEATURES
from townhall.core.services.organisations import organisation_for_page
from townhall.core.tokens import new_token
from townhall.statements.forms import AddNameForm


class JointStatementPage(RoutablePageMixin, Page):
    """A statement or open letter with numbered demands, and who stands behind it."""

    page_description = _(
        "A statement or open letter that other groups co-sign and anyone may add their name to."
    )

    show_in_latest = True  # listed on its section's home page (core.services.listing)
    digest_label = _("New joint statement")  # in followers' digests (core.follow_sources)

    statement_date = models.DateField(_("date"), default=timezone.localdate)
    summary = models.CharField(max_length=300, help_text=_("One or two sentences for listings"))
    body = RichTextField(features=EDITOR_FEATURES)
    demands = StreamField(
        [("demand", blocks.TextBlock(label=_("Demand")))],
        blank=True,
        help_text=_("Shown numbered, in this order"),
    )
    press_contacts = models.TextField(
        blank=True, help_text=_("Names, roles, phone numbers and emails for journalists")
    )
    accepts_names = models.BooleanField(_("individuals may add their names"), default=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("statement_date"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("demands"),
        MultiFieldPanel(
            [FieldPanel("press_contacts"), FieldPanel("accepts_names")],
            heading=_("Press and support"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["campaigns.OrganisationHomePage"]
    subpage_types: list[str] = []

    @property
    def excerpt(self) -> str:
        return self.summary

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.supporters())
        context["form"] = AddNameForm(organisation=context["author"])
        return context

    def supporters(self) -> dict:
        """Who stands behind the statement, for its pages: no email ever leaves here."""
        names = self.names.filter(confirmed=True)
        return {
            "author": organisation_for_page(self),
            "co_signers": list(
                Organisation.objects.filter(
                    co_signings__statement=self, co_signings__state=CoSigning.State.ACCEPTED
                ).order_by("name")
            ),
            "names_shown": list(
                names.filter(show_name=True).order_by("confirmed_at").values_list("name", flat=True)
            ),
            "names_count": names.count(),
        }

    @path("")
    def statement(self, request):
        return self.render(request)

    @path("press-release/", name="press_release")
    def press_release(self, request):
        return self.render(request, template="statements/press_release.html")

    class Meta:
        verbose_name = _("joint statement")


class CoSigning(models.Model):
    """An invitation to an organisation to co-sign a statement, and its answer."""

    class State(models.TextChoices):
        INVITED = "invited", pgettext_lazy("an invitation's state", "Invited")
        ACCEPTED = "accepted", pgettext_lazy("an invitation's state", "Co-signed")
        DECLINED = "declined", pgettext_lazy("an invitation's state", "Declined")

    statement = models.ForeignKey(
        JointStatementPage, on_delete=models.CASCADE, related_name="co_signings"
    )
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="co_signings"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.INVITED)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement", "organisation"], name="one_invitation")
        ]
        verbose_name = _("invitation to co-sign")

    def __str__(self) -> str:
        return gettext("%(organisation)s on “%(title)s”") % {
            "organisation": self.organisation,
            "title": self.statement.title,
        }


@holds_personal_data
class StatementName(models.Model):
    """A person adding their name; it counts once confirmed by email."""

    statement = models.ForeignKey(
        JointStatementPage, on_delete=models.CASCADE, related_name="names"
    )
    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254)
    normalised_email = models.CharField(max_length=254)
    show_name = models.BooleanField(default=False)
    # Agreed, on the form, to hear from the organisation behind the statement (its own box).
    hear_from_organisation = models.BooleanField(default=False)
    confirmed = models.BooleanField(default=False)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement", "normalised_email"], name="one_name_each")
        ]

    def __str__(self) -> str:
        return self.name
