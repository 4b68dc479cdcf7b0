"""Form plumbing shared by every public form: GOV.UK-style rendering and a honeypot."""

from django import forms
from django.forms.renderers import TemplatesSetting


class TownhallFormRenderer(TemplatesSetting):
    """Renders fields as GOV.UK-style form groups (label, hint, error message, control)."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class PublicForm(forms.Form):
    """A public form with a honeypot: people never see the field, many spam robots fill it."""

    default_renderer = TownhallFormRenderer()
    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(self.add_prefix("website")))

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != "website"]


class PublicModelForm(forms.ModelForm):
    default_renderer = TownhallFormRenderer()
    website = PublicForm.base_fields["website"]
    is_spam = PublicForm.is_spam
    visible_fields = PublicForm.visible_fields
