"""The base of every admin page form: a post missing what the editor's JavaScript adds (a
StreamField's counts, an inline panel's management form) is a form error, not a 500.

Wagtail's blocks read their counts with `data[...]` and `int(...)`, so a post without them
raised `MultiValueDictKeyError` (issue 30). The form shows the saved value instead and
refuses to save, asking the editor to reload the page.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.forms.models import WagtailAdminModelFormMetaclass
from wagtail.models import Page, get_page_models

INCOMPLETE = _("The form was incomplete: reload the page and try again")


class CompleteDataMixin:
    """Reads each field's data as Django does; a field whose data is missing or malformed
    reads as its saved value, and the form is then invalid."""

    incomplete = False

    def _widget_data_value(self, widget, html_name: str):
        try:
            return super()._widget_data_value(widget, html_name)
        except (KeyError, ValueError):  # a count or marker absent, or not a number
            self.incomplete = True
            name = next(n for n in self.fields if self.add_prefix(n) == html_name)
            return self.get_initial_for_field(self.fields[name], name)

    def clean(self):
        cleaned = super().clean()
        formsets = getattr(self, "formsets", {}).values()  # inline panels' child forms
        if self.incomplete or not all(f.management_form.is_valid() for f in formsets):
            raise ValidationError(INCOMPLETE, code="incomplete")
        return cleaned


class CompleteFormMetaclass(WagtailAdminModelFormMetaclass):
    @classmethod
    def child_form(cls):
        """An inline panel's child forms check their own blocks the same way."""
        return AdminModelForm


class AdminModelForm(CompleteDataMixin, WagtailAdminModelForm, metaclass=CompleteFormMetaclass):
    pass


class AdminPageForm(CompleteDataMixin, WagtailAdminPageForm, metaclass=CompleteFormMetaclass):
    pass


def use_for_every_page_type() -> None:
    """Every page type without a form of its own gets AdminPageForm. Called from core's
    ready(), which runs before wagtail.admin's sets Page's own default, so each page type
    gets it (a page type's own form subclasses AdminPageForm)."""
    for page_type in get_page_models():
        if page_type is not Page and getattr(page_type, "base_form_class", None) is None:
            page_type.base_form_class = AdminPageForm
