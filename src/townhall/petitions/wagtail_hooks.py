from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from townhall.petitions import admin_views
from townhall.petitions.admin_forms import ThresholdForm
from townhall.petitions.chooser import PetitionChooserViewSet
from townhall.petitions.models import Petition, SigningBlock, Threshold

ACTIONS_BY_STATE = {
    Petition.State.SPONSORED: ["approve", "reject", "flag"],
    Petition.State.FLAGGED: ["approve", "reject"],
    Petition.State.COLLECTING_SPONSORS: ["reject"],
    Petition.State.OPEN: ["respond", "paper"],
    Petition.State.CLOSED: ["respond", "paper"],
}


class PetitionQueueView(IndexView):
    def get_list_buttons(self, instance: Petition):
        buttons = super().get_list_buttons(instance)
        if instance.state in (Petition.State.OPEN, Petition.State.CLOSED):
            buttons.insert(
                0,
                ListingButton(
                    _("Review signatures"), url=reverse("petitions_review", args=[instance.pk])
                ),
            )
            buttons.insert(
                0,
                ListingButton(
                    _("Download signers who opted in"),
                    url=reverse("petitions_signers", args=[instance.pk]),
                ),
            )
        for action in reversed(ACTIONS_BY_STATE.get(instance.state, [])):
            buttons.insert(
                0,
                ListingButton(
                    admin_views.ACTIONS[action][0],
                    url=reverse("petitions_moderate", args=[instance.pk, action]),
                ),
            )
        return buttons


class PetitionViewSet(SnippetViewSet):
    """Officers' queue: petitions waiting for moderation first."""

    model = Petition
    icon = "doc-full"
    menu_label = gettext_lazy("Petitions")
    add_to_admin_menu = True
    index_view_class = PetitionQueueView
    chooser_viewset_class = PetitionChooserViewSet
    list_display = ["action", "state", "created_at", "opened_at", "closes_at"]
    list_filter = ["state"]
    search_fields = ["action", "background"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["action", "background", "additional_details"]

    @property
    def menu_url(self) -> str:
        return reverse(self.get_url_name("list")) + "?state=sponsored"


register_snippet(PetitionViewSet)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path(
            "petitions/moderate/<id:pk>/<str:action>/",
            admin_views.moderate,
            name="petitions_moderate",
        ),
        path("petitions/<id:pk>/signers.csv", admin_views.signers, name="petitions_signers"),
        path("petitions/<id:pk>/review/", admin_views.review, name="petitions_review"),
    ]


class SigningBlockViewSet(ModelViewSet):
    model = SigningBlock
    icon = "warning"
    menu_label = gettext_lazy("Signing blocks")
    add_to_settings_menu = True
    list_display = ["kind", "value", "note", "created_at"]
    form_fields = ["kind", "value", "note"]


class ThresholdViewSet(ModelViewSet):
    """The council's scheme: how many signatures, and what then happens."""

    model = Threshold
    icon = "list-ol"
    menu_label = gettext_lazy("Petition thresholds")
    add_to_settings_menu = True
    list_display = ["signatures", "name", "debated_at", "scheme"]
    edit_handler = ObjectList(
        [
            FieldPanel(name)
            for name in ("scheme", "signatures", "name", "what_happens", "debated_at")
        ],
        base_form_class=ThresholdForm,
    )


@hooks.register("register_admin_viewset")
def register_blocks():
    return [SigningBlockViewSet("signing_blocks"), ThresholdViewSet("petition_thresholds")]
