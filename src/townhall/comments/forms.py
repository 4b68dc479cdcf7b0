from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from townhall.core.forms import PublicForm, clean_person_name, email_field, name_field
from townhall.core.sanitise import COMMENT_TAGS, clean_comment, strip_all


def allowed_tags_text() -> str:
    """The allowed tags as WordPress lists them: <a href="" title=""> <abbr title=""> ..."""
    return " ".join(
        "<" + " ".join([tag, *(f'{a}=""' for a in sorted(attrs))]) + ">"
        for tag, attrs in COMMENT_TAGS.items()
    )


class CommentForm(PublicForm):
    content = forms.CharField(
        label=_("Comment *"),
        max_length=65525,
        widget=forms.Textarea(attrs={"rows": 6, "class": "th-textarea"}),
        error_messages={"required": _("Enter your comment")},
    )
    author_name = name_field(_("Name *"), max_length=245)
    author_email = email_field(_("Email *"), max_length=100)
    author_url = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url", "class": "th-input"}),
        error_messages={"invalid": _("Enter a full web address, like https://example.org")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content"].help_text = gettext(
            "You may use these HTML tags and attributes: %(tags)s"
        ) % {"tags": allowed_tags_text()}
        self.fields["content"].error_messages["max_length"] = gettext("Your comment is too long")

    def clean_author_name(self) -> str:
        return clean_person_name(self.cleaned_data["author_name"])

    def clean_content(self) -> str:
        """Refused when nothing would be left to show once sanitised (only a script, or an
        image the comment tags do not allow), instead of publishing a blank comment."""
        content = self.cleaned_data["content"].strip()
        if not content:
            raise forms.ValidationError(gettext("Enter your comment"))
        if not strip_all(clean_comment(content)).strip():
            raise forms.ValidationError(
                gettext(
                    "Your comment has no text we can show: write it in words (scripts and "
                    "images are removed)"
                )
            )
        return content
