"""Staff record awards in the admin (applications will create them, issue 8)."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from townhall.grants.models import Award


class AwardViewSet(ModelViewSet):
    model = Award
    icon = "pick"
    menu_label = "Grant awards"
    add_to_admin_menu = True
    form_fields = [
        *("scheme", "round", "title", "description", "recipient_type", "recipient_name"),
        *("recipient_org_id", "amount", "awarded_on", "ward", "published"),
    ]
    list_display = ["title", "recipient_name", "amount", "awarded_on", "published"]
    list_filter = ["scheme", "published"]
    search_backend_name = None


@hooks.register("register_admin_viewset")
def register_viewset():
    return AwardViewSet()
