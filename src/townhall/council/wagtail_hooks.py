"""Officers keep the council's record in the admin, under one "Council" menu."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from townhall.core.admin_views import RefusedActionsPolicy
from townhall.council.admin_forms import RecordedVoteForm
from townhall.council.admin_views import (
    FigureImportViewSet,
    InterestsViewSet,
    ReadOnlyPolicy,
    failed_papers_panel,
)
from townhall.council.models import (
    AgendaItem,
    Committee,
    Contract,
    Councillor,
    Decision,
    Declaration,
    FromModernGov,
    InterestsVersion,
    KeyDecision,
    Measure,
    MeasureValue,
    Meeting,
    MeetingPaper,
    Membership,
    PaperText,
    Payment,
    PublicQuestion,
    RecordedVote,
)
from townhall.council.moderngov.admin_forms import showing_moderngov_source
from townhall.council.question_admin import QuestionViewSet
from townhall.council.spending_admin import SpendingImportViewSet


class _ModelViewSet(ModelViewSet):
    def get_form_class(self, for_update: bool = False):
        form_class = super().get_form_class(for_update)
        if issubclass(self.model, FromModernGov):
            return showing_moderngov_source(form_class)
        return form_class


def _viewset(model_class, icon: str, fields: list[str] | None, listed: list[str], **options):
    return type(
        f"{model_class.__name__}ViewSet",
        (_ModelViewSet,),
        {
            "model": model_class,
            "icon": icon,
            **({"form_fields": fields} if fields else {}),
            "list_display": listed,
            "search_backend_name": None,  # plain database lookups
            **options,
        },
    )


register_permission_policy(PaperText, ReadOnlyPolicy(PaperText))
# Questions come from residents, through the public form.
register_permission_policy(PublicQuestion, RefusedActionsPolicy(PublicQuestion, ("add",)))
# A register's version is never changed or deleted: a correction is a new version.
register_permission_policy(
    InterestsVersion, RefusedActionsPolicy(InterestsVersion, ("change", "delete"))
)


class CouncilGroup(ViewSetGroup):
    menu_label = _("Council")
    menu_icon = "site"
    items = (
        _viewset(
            Committee,
            "group",
            ["name", "slug", "kind", "remit"],
            ["name", "kind", "ended_upstream"],
        ),
        _viewset(
            Councillor,
            "user",
            [
                *("name", "slug", "party", "ward", "elected_on", "photo", "photo_alt"),
                *("email", "phone", "surgeries"),
            ],
            ["name", "party", "ward"],
        ),
        _viewset(
            Membership,
            "list-ul",
            ["committee", "councillor", "role", "starts_on", "ends_on"],
            ["councillor", "committee", "role", "starts_on", "ends_on"],
            list_filter=["committee", "role"],
        ),
        _viewset(
            Meeting,
            "date",
            None,  # the model's panels: the meeting, its agenda and its papers in one form
            ["committee", "starts_at", "status", "minutes"],
            list_filter=["committee", "status"],
        ),
        _viewset(
            AgendaItem,
            "list-ol",
            ["meeting", "number", "title", "plain_summary", "outcome"],
            ["meeting", "number", "title"],
        ),
        _viewset(
            Declaration,
            "warning",
            ["agenda_item", "councillor", "kind", "nature", "left_the_room"],
            ["councillor", "agenda_item", "kind"],
            list_filter=["kind"],
            menu_label=_("Declarations of interest"),
        ),
        _viewset(
            RecordedVote,
            "tasks",
            None,
            ["motion", "agenda_item", "result"],
            edit_handler=ObjectList(RecordedVote.panels, base_form_class=RecordedVoteForm),
            menu_label=_("Recorded votes"),
        ),
        _viewset(
            KeyDecision,
            "calendar-alt",
            [
                *("title", "summary", "decision_maker", "decided_by", "wards"),
                *("expected_on", "first_published_on", "papers_to_come", "urgent_reason"),
                *("status", "decision"),
            ],
            ["title", "expected_on", "decision_maker", "status"],
            list_filter=["status", "decision_maker"],
            menu_label=_("Forward plan"),
        ),
        InterestsViewSet(),
        QuestionViewSet(),
        _viewset(
            MeetingPaper,
            "doc-full",
            ["meeting", "agenda_item", "kind", "document", "page_count"],
            ["document", "meeting", "kind", "page_count"],
        ),
        _viewset(
            Decision,
            "success",
            [
                *("title", "summary", "plain_summary", "decided_on", "maker", "committee"),
                *("decided_by", "meeting", "agenda_item", "status", "topic", "papers"),
                *("subject_to_call_in", "called_in_on", "call_in_outcome", "call_in_note"),
            ],
            ["title", "decided_on", "committee", "status"],
            list_filter=["committee", "status", "maker"],
            search_fields=["title", "summary"],
        ),
        _viewset(
            Contract,
            "form",
            [
                *("supplier", "service", "value", "starts_on", "ends_on"),
                *("awarded_by", "project"),
            ],
            ["supplier", "service", "value", "starts_on", "ends_on"],
        ),
        _viewset(
            Measure,
            "table",
            ["page", "contract", "name", "unit", "role", "description"],
            ["name", "page", "role", "unit"],
            list_filter=["role", "unit"],
        ),
        _viewset(
            MeasureValue,
            "pick",
            ["measure", "on", "value", "source", "source_url"],
            ["measure", "on", "value", "source"],
            list_filter=["measure"],
            menu_label=_("Figures"),
        ),
        FigureImportViewSet(),
        _viewset(
            Payment,
            "pick",
            None,
            ["paid_on", "supplier", "service", "amount", "contract"],
            list_filter=["service"],
            search_fields=["supplier", "service", "transaction"],
            form_fields=[
                *("transaction", "paid_on", "supplier", "supplier_ref", "service"),
                *("expense_type", "purpose", "amount", "irrecoverable_vat", "contract"),
            ],
            menu_label=_("Spending"),
        ),
        SpendingImportViewSet(),
        _viewset(
            PaperText,
            "search",
            ["document"],
            ["document", "state", "page_count", "problem", "updated_at"],
            list_filter=["state"],
            inspect_view_enabled=True,
            menu_label=_("Paper texts"),
        ),
    )


@hooks.register("construct_homepage_panels")
def add_failed_papers_panel(request, panels) -> None:
    if panel := failed_papers_panel(request):
        panels.append(panel)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return CouncilGroup()
