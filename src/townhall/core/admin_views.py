"""Admin listings that show each editor or moderator only their own organisations' records."""

from datetime import datetime

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from wagtail.admin.views.generic import DeleteView, IndexView, InspectView
from wagtail.permission_policies import ModelPermissionPolicy

from townhall.core import access


class OrganisationScopedMixin:
    """Limits a listing to rows belonging to the user's organisations.

    Subclasses name `organisation_filter`, the lookup from the model to Organisation.
    """

    organisation_filter: str = "organisation__in"

    def scope(self, queryset: QuerySet) -> QuerySet:
        from townhall.core.services.organisations import organisations_for_user

        return queryset.filter(
            **{self.organisation_filter: organisations_for_user(self.request.user)}
        )

    def get_base_queryset(self) -> QuerySet:
        return self.scope(super().get_base_queryset())


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """Text a spreadsheet would run as a formula gets a leading quote; other values as given.

    Supporters, feedback and answers are typed by the public, and exports open in Excel."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def readable(value: object) -> object:
    """A value as a person reads it in a CSV: yes or no, and a local date and time a
    spreadsheet still recognises as one ("2026-12-03 14:05"), not Python's own spelling."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value.tzinfo else value
    if value is None:
        return ""
    return spreadsheet_safe(value)


class ScopedIndexView(OrganisationScopedMixin, IndexView):
    def preprocess_field_value(self, field, value, export_format):
        """Text a spreadsheet would run as a formula is exported with a leading quote.

        Wagtail does this for XLSX; CSV opened in a spreadsheet needs it too, since
        supporters and feedback are typed by the public."""
        value = super().preprocess_field_value(field, value, export_format)
        return readable(value) if export_format == self.FORMAT_CSV else value


class InspectFirstIndexView(ScopedIndexView):
    """A listing whose titles open the record's page (its figures, what to do next), not
    its edit form: for segments and mailings, looking comes before changing."""

    def _get_title_column(self, field_name, column_class=None, **kwargs):
        column = super()._get_title_column(field_name, **kwargs)
        column._get_url_func = lambda instance: (
            self.get_inspect_url(instance) or self.get_edit_url(instance)
        )
        return column


class ScopedInspectView(OrganisationScopedMixin, InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            self.scope(self.model._default_manager.all()), pk=unquote(str(self.pk))
        )


class ScopedDeleteView(OrganisationScopedMixin, DeleteView):
    """Erasure on request: an organiser deletes one of their own organisation's records."""

    def get_object(self, queryset=None):
        if getattr(self, "object", None):
            return self.object
        return super().get_object(self.scope(self.model._default_manager.all()))


class PageSectionScopeMixin(OrganisationScopedMixin):
    """For records attached to a page: they belong to the organisations whose sections
    hold that page. Admins see all of them, including those on pages outside any section.

    Subclasses name `page_field`, the record's foreign key to the page."""

    page_field = "page"

    def scope(self, queryset: QuerySet) -> QuerySet:
        return scope_to_sections(queryset, self.request.user, self.page_field)


def scope_to_sections(queryset: QuerySet, user, page_field: str = "page") -> QuerySet:
    from wagtail.models import Page

    from townhall.core.services.organisations import organisations_for_user, pages_of

    if user.is_superuser:
        return queryset
    pages = Page.objects.filter(pages_of(organisations_for_user(user)))
    return queryset.filter(**{f"{page_field}__in": pages})


class ScopedObjectMixin:
    """A view of one record (edit, delete, inspect, history, usage, copy) asks the app's
    rule for `record_permission` about the record: without the permission at all the answer
    is 403; another organisation's record is not found (404), so its existence is not
    given away either."""

    record_permission: str

    def get_object(self, *args, **kwargs):
        found = super().get_object(*args, **kwargs)
        record = getattr(self, "live_object", None) or found
        user = self.request.user
        if not access.allows(user, self.record_permission):
            raise PermissionDenied  # nobody in their role may do this to any record
        if not access.allows(user, self.record_permission, record):
            raise Http404("Not one of your organisation's records.")
        return found


class ScopedViewSetMixin:
    """Scopes every view of a Wagtail view set, the ones Wagtail adds by itself too
    (history, usage), so none is left answering for every organisation: listings show the
    user's organisations' records, and each single-record view asks the app's rule for the
    record (`<app>.view_<model>`, `change_`, `delete_`, `history_`, `add_` for a copy).

    Listings find records through `organisation_filter`, or, with `page_field` set,
    through the page they are attached to."""

    organisation_filter = "organisation__in"
    page_field: str | None = None
    SINGLE_RECORD_VIEWS = {
        "edit": "change",
        "delete": "delete",
        "inspect": "view",
        "history": "history",  # as Wagtail: whoever may add, change or delete
        "usage": "change",
        "copy": "add",
    }

    def scope_records(self, queryset: QuerySet, user) -> QuerySet:
        from townhall.core.services.organisations import organisations_for_user

        if self.page_field:
            return scope_to_sections(queryset, user, self.page_field)
        return queryset.filter(**{self.organisation_filter: organisations_for_user(user)})

    def __init__(self, *args, **kwargs) -> None:
        meta = self.model._meta
        for name, action in self.SINGLE_RECORD_VIEWS.items():
            attribute = f"{name}_view_class"
            view_class = getattr(self, attribute, None)
            if view_class is None:
                continue
            scoped = type(
                f"Scoped{view_class.__name__}",
                (ScopedObjectMixin, view_class),
                {"record_permission": f"{meta.app_label}.{action}_{meta.model_name}"},
            )
            setattr(self, attribute, scoped)
        super().__init__(*args, **kwargs)


class RuleRequiredMixin:
    """A view Wagtail lets any admin user open, narrowed to those holding `required_rule`."""

    required_rule: str

    def dispatch(self, request, *args, **kwargs):
        access.ensure(request.user, self.required_rule)
        return super().dispatch(request, *args, **kwargs)


class RefusedActionsPolicy(ModelPermissionPolicy):
    """Refuses some admin actions on a model to everyone, superusers too, so that its
    buttons are not drawn: records that only arrive from outside (a provider's webhook, a
    resident's own action) are never added or changed by hand."""

    def __init__(self, model, refused: tuple[str, ...]) -> None:
        super().__init__(model)
        self.refused = refused

    def user_has_permission(self, user, action: str) -> bool:
        return action not in self.refused and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions) -> bool:
        allowed = [action for action in actions if action not in self.refused]
        return super().user_has_any_permission(user, allowed)
