from django import forms

from townhall.core.forms import PublicForm, email_field
from townhall.follows.models import Follower


class FollowForm(PublicForm):
    email = email_field(
        "Email address for the digest",
        max_length=254,
        help_text="We will send you a link to confirm.",
    )
    frequency = forms.ChoiceField(
        label="How often",
        choices=Follower.Frequency.choices,
        initial=Follower.Frequency.WEEKLY,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how often", "invalid_choice": "Choose how often"},
    )
