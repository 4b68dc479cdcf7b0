"""Forms behind the feedback block at the foot of every public page."""

from django import forms
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from townhall.core.forms import PublicForm


def is_same_site_path(value: str | None) -> bool:
    """A path on this site ("/petitions/3/"): never another site, a scheme such as
    javascript:, or a protocol-relative "//host"."""
    return bool(value) and value.startswith("/") and url_has_allowed_host_and_scheme(value, None)


def same_site_path(value: str | None, default: str = "/") -> str:
    """`value` when it is a path on this site, else `default`: for links built from a query
    string or a form, which are rendered into pages and must not carry a script."""
    return value if is_same_site_path(value) else default


class OnPageForm(PublicForm):
    """Feedback given on a page: where it was given, and which Wagtail page, if any."""

    path = forms.CharField(max_length=500, widget=forms.HiddenInput)
    page = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    def clean_path(self) -> str:
        path = self.cleaned_data["path"]
        if not is_same_site_path(path):
            raise forms.ValidationError(_("The page address is not one of ours."))
        return path

    def clean_page(self) -> Page | None:
        page_id = self.cleaned_data.get("page") or ""
        if not page_id.isdigit():
            return None
        return Page.objects.live().public().filter(pk=int(page_id)).first()


class UsefulForm(OnPageForm):
    useful = forms.ChoiceField(choices=[("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))])


class ProblemForm(OnPageForm):
    what_doing = forms.CharField(
        label=gettext_lazy("What were you doing?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    what_went_wrong = forms.CharField(
        label=gettext_lazy("What went wrong?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Enter what went wrong")},
    )
    field_order = ["what_doing", "what_went_wrong"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["what_doing"].error_messages["max_length"] = _(
            "What you were doing must be %(limit_value)s characters or fewer"
        )
        self.fields["what_went_wrong"].error_messages["max_length"] = _(
            "What went wrong must be %(limit_value)s characters or fewer"
        )


class LikeForm(OnPageForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("page") is None and "page" not in self.errors:
            raise forms.ValidationError(_("This page cannot be liked."))
        return cleaned
