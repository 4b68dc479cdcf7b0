"""The admin's petition chooser, which an event page's "petition" field opens: petition
officers choose among every petition, other staff among the public ones only, so a petition
waiting for its creator's email or for moderation is never shown to them (issue 30)."""

from django.db.models import QuerySet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)

from townhall.core import access
from townhall.core.admin_views import RuleRequiredMixin
from townhall.petitions.models import Petition

CHOOSE = "petitions.choose_petition"


def choosable(user, petitions: QuerySet) -> QuerySet:
    if access.allows(user, "petitions.moderate_petition"):
        return petitions
    return petitions.public()


class PetitionChooseView(RuleRequiredMixin, ChooseView):
    required_rule = CHOOSE

    def get_object_list(self):
        return choosable(self.request.user, super().get_object_list())


class PetitionChooseResultsView(RuleRequiredMixin, ChooseResultsView):
    required_rule = CHOOSE

    def get_object_list(self):
        return choosable(self.request.user, super().get_object_list())


class PetitionChosenView(RuleRequiredMixin, SnippetChosenView):
    required_rule = CHOOSE

    def get_object(self, pk):
        return access.get_or_404(self.request.user, CHOOSE, Petition, pk=pk)


class PetitionChosenMultipleView(RuleRequiredMixin, SnippetChosenMultipleView):
    required_rule = CHOOSE

    def get_objects(self, pks):
        return choosable(self.request.user, Petition.objects.filter(pk__in=pks))


class PetitionChooserViewSet(SnippetChooserViewSet):
    choose_view_class = PetitionChooseView
    choose_results_view_class = PetitionChooseResultsView
    chosen_view_class = PetitionChosenView
    chosen_multiple_view_class = PetitionChosenMultipleView
