from django.forms import modelform_factory
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.permissions import register_permission_policy

from townhall.core import access
from townhall.core.admin_views import (
    InspectFirstIndexView,
    RefusedActionsPolicy,
    RuleRequiredMixin,
    ScopedDeleteView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedViewSetMixin,
)
from townhall.people import admin_views, erasures, import_admin, mailing_admin
from townhall.people.admin_forms import MailingForm, PersonForm, SegmentForm, TagForm
from townhall.people.models import Mailing, Person, Segment, Supporter, Tag


class ErasureDeleteView(ScopedDeleteView):
    """Deleting a supporter or a person asks whether they asked to be erased: only then is
    their address remembered (people.erasures), so no import brings them back. A duplicate
    or a mistaken row deleted may come in again."""

    template_name = "people/admin/confirm_erasure.html"

    def delete_action(self):
        if self.request.POST.get("erasure_request"):
            erasures.remember(self.object.organisation_id, self.object.email)
        super().delete_action()


class SupporterViewSet(ScopedViewSetMixin, ModelViewSet):
    """Organisers see, filter and export (CSV or Excel) their own organisation's supporters."""

    model = Supporter
    icon = "user"
    menu_label = _("Supporters")
    add_to_admin_menu = True
    index_view_class = ScopedIndexView
    inspect_view_class = ScopedInspectView
    delete_view_class = ErasureDeleteView
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


# People arrive by their own actions; hides the admin's "Add" button, for superusers too.
register_permission_policy(Person, RefusedActionsPolicy(Person, ("add",)))


class PersonIndexView(ScopedIndexView):
    """The People listing, with the way in from NationBuilder and Action Network and the way
    out in their columns (people.import_admin), for those who may use them."""

    def _for_listed_group(self, name: str) -> str:
        organisation = self.request.GET.get("organisation", "")
        return reverse(name) + (f"?organisation={organisation}" if organisation.isdigit() else "")

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if access.allows(self.request.user, import_admin.IMPORT_RULE):
            url = self._for_listed_group("people:import")
            buttons.append(HeaderButton(_("Import supporters"), url=url, icon_name="upload"))
        return buttons

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if access.allows(self.request.user, import_admin.EXPORT_RULE):
            url = self._for_listed_group("people:export_as")
            joiner = "&" if "?" in url else "?"
            for key, label in (
                ("nationbuilder", _("Export for NationBuilder")),
                ("actionnetwork", _("Export for Action Network")),
            ):
                buttons.append(Button(label, url=f"{url}{joiner}shape={key}", icon_name="download"))
        return buttons


class PersonViewSet(ScopedViewSetMixin, ModelViewSet):
    """An organisation's people, one per address: their history and consents (inspect),
    the organisers' own note (edit), erasure on request (delete)."""

    model = Person
    icon = "group"
    menu_label = _("People")
    add_to_admin_menu = True
    index_view_class = PersonIndexView
    inspect_view_class = ScopedInspectView
    delete_view_class = ErasureDeleteView
    inspect_view_enabled = True
    inspect_template_name = "people/admin/person_inspect.html"
    list_display = ["name", "email", "postcode", "ward", "organisation", "last_seen_at"]
    list_filter = ["organisation", "tags", "ward", "history__kind", "consents__purpose"]
    search_fields = ["name", "email", "postcode"]
    search_backend_name = None  # plain database lookups: people are not in the site index
    copy_view_enabled = False
    # No adding by hand: a person comes from their own action, with what they agreed to
    # recorded (people.records); an organiser cannot invent someone's consent.
    add_view_class = NoAddPersonView

    def get_form_class(self, for_update=False):
        return PersonForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/", import_admin.import_supporters, name="import"),
            path("import/preview/", import_admin.preview_import, name="import_preview"),
            path("export-as/", import_admin.export_supporters, name="export_as"),
        ]


def scoped_form(model, form, formfield_callback):
    """Wagtail's own widgets (dates, choosers) on a form whose choices are the user's."""
    return modelform_factory(
        model, form=form, fields=form._meta.fields, formfield_callback=formfield_callback
    )


class TagViewSet(ScopedViewSetMixin, ModelViewSet):
    """Renaming or removing an organisation's tags (they are made where they are used)."""

    model = Tag
    icon = "tag"
    menu_label = _("People's tags")
    add_to_admin_menu = False
    index_view_class = ScopedIndexView
    delete_view_class = ScopedDeleteView
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]
    search_backend_name = None
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return scoped_form(Tag, TagForm, self.formfield_for_dbfield)


class SegmentViewSet(ScopedViewSetMixin, ModelViewSet):
    """Saved segments of an organisation's people: how many now, their download, tagging
    them all, and (people.mailings) writing to them."""

    model = Segment
    icon = "table"
    menu_label = _("Segments")
    add_to_admin_menu = True
    index_view_class = InspectFirstIndexView
    inspect_view_class = ScopedInspectView
    delete_view_class = ScopedDeleteView
    inspect_view_enabled = True
    inspect_template_name = "people/admin/segment_inspect.html"
    list_display = ["name", "organisation", "describe"]
    list_filter = ["organisation"]
    search_backend_name = None
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return scoped_form(Segment, SegmentForm, self.formfield_for_dbfield)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("export/<id:pk>/", admin_views.export_segment, name="export"),
            path("tag/<id:pk>/", admin_views.tag_segment, name="tag"),
        ]


class MailingViewSet(ScopedViewSetMixin, ModelViewSet):
    """Write to the people of an organisation who agree to its emails."""

    model = Mailing
    icon = "mail"
    menu_label = _("Mailings")
    add_to_admin_menu = True
    index_view_class = InspectFirstIndexView
    add_view_class = mailing_admin.MailingCreateView
    edit_view_class = mailing_admin.MailingEditView
    inspect_view_class = mailing_admin.MailingInspectView
    delete_view_class = ScopedDeleteView
    inspect_view_enabled = True
    inspect_template_name = "people/admin/mailing_inspect.html"
    list_display = ["subject", "organisation", "segment", "state", "send_at"]
    list_filter = ["organisation", "state"]
    search_fields = ["subject"]
    search_backend_name = None
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return scoped_form(Mailing, MailingForm, self.formfield_for_dbfield)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("preview/<id:pk>/", mailing_admin.preview, name="preview"),
            path("preview/<id:pk>/html/", mailing_admin.preview_html, name="preview_html"),
            path("test/<id:pk>/", mailing_admin.send_test, name="test"),
            path("send/<id:pk>/", mailing_admin.send, name="send"),
            path("ask/<id:pk>/", mailing_admin.ask_for_approval, name="ask"),
            path("approve/<id:pk>/", mailing_admin.approve, name="approve"),
            path("cancel/<id:pk>/", mailing_admin.cancel, name="cancel"),
        ]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        SupporterViewSet("supporters"),
        PersonViewSet("people"),
        TagViewSet("person_tags"),
        SegmentViewSet("segments"),
        MailingViewSet("mailings"),
    ]
