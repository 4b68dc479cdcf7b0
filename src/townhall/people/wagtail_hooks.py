from wagtail import hooks
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from townhall.core.admin_views import (
    RuleRequiredMixin,
    ScopedDeleteView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedViewSetMixin,
)
from townhall.people.models import Person, Supporter


class SupporterViewSet(ScopedViewSetMixin, ModelViewSet):
    """Organisers see, filter and export (CSV or Excel) their own organisation's supporters."""

    model = Supporter
    icon = "user"
    menu_label = "Supporters"
    add_to_admin_menu = True
    index_view_class = ScopedIndexView
    inspect_view_class = ScopedInspectView
    delete_view_class = ScopedDeleteView
    inspect_view_enabled = True
    list_display = ["name", "email", "postcode", "organisation", "status", "joined_at"]
    list_filter = ["status", "organisation", "consent_to_contact"]
    search_fields = ["name", "email", "postcode"]
    search_backend_name = None  # plain database lookups: supporters are not in the site index
    list_export = [
        "name",
        "email",
        "postcode",
        "organisation",
        "status",
        "consent_to_contact",
        "consent_wording",
        "joined_at",
        "confirmed_at",
        "unsubscribed_at",
    ]
    export_filename = "supporters"
    form_fields = ["name", "postcode", "consent_to_contact"]


class NoAddPersonView(RuleRequiredMixin, CreateView):
    required_rule = "people.create_in_admin"


class NobodyAddsPeople(ModelPermissionPolicy):
    """Hides the admin's "Add" button for people, for superusers too."""

    def user_has_permission(self, user, action: str) -> bool:
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions) -> bool:
        return super().user_has_any_permission(user, [a for a in actions if a != "add"])


register_permission_policy(Person, NobodyAddsPeople(Person))


class PersonViewSet(ScopedViewSetMixin, ModelViewSet):
    """An organisation's people, one per address: their history and consents (inspect),
    the organisers' own note (edit), erasure on request (delete)."""

    model = Person
    icon = "group"
    menu_label = "People"
    add_to_admin_menu = True
    index_view_class = ScopedIndexView
    inspect_view_class = ScopedInspectView
    delete_view_class = ScopedDeleteView
    inspect_view_enabled = True
    inspect_template_name = "people/admin/person_inspect.html"
    list_display = ["name", "email", "postcode", "organisation", "last_seen_at"]
    list_filter = ["organisation", "consents__purpose"]
    search_fields = ["name", "email", "postcode"]
    search_backend_name = None  # plain database lookups: people are not in the site index
    form_fields = ["note"]
    copy_view_enabled = False
    # No adding by hand: a person comes from their own action, with what they agreed to
    # recorded (people.records); an organiser cannot invent someone's consent.
    add_view_class = NoAddPersonView


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [SupporterViewSet("supporters"), PersonViewSet("people")]
