"""Forms behind the feedback block at the foot of every public page."""

from django import forms
from django.utils.http import url_has_allowed_host_and_scheme
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
            raise forms.ValidationError("The page address is not one of ours.")
        return path

    def clean_page(self) -> Page | None:
        page_id = self.cleaned_data.get("page") or ""
        if not page_id.isdigit():
            return None
        return Page.objects.live().public().filter(pk=int(page_id)).first()


class UsefulForm(OnPageForm):
    useful = forms.ChoiceField(choices=[("yes", "Yes"), ("no", "No")])


class ProblemForm(OnPageForm):
    what_doing = forms.CharField(
        label="What were you doing?",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    what_went_wrong = forms.CharField(
        label="What went wrong?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what went wrong"},
    )
    field_order = ["what_doing", "what_went_wrong"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["what_doing"].error_messages["max_length"] = (
            "What you were doing must be 1000 characters or fewer"
        )
        self.fields["what_went_wrong"].error_messages["max_length"] = (
            "What went wrong must be 1000 characters or fewer"
        )


class LikeForm(OnPageForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("page") is None and "page" not in self.errors:
            raise forms.ValidationError("This page cannot be liked.")
        return cleaned
