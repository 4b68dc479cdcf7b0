from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from townhall.core.forms import PublicForm, email_field
from townhall.core.models import Organisation
from townhall.follows.models import Follower


class FollowForm(PublicForm):
    email = email_field(
        gettext_lazy("Email address for the digest"),
        max_length=254,
        help_text=gettext_lazy("We will send you a link to confirm."),
    )
    frequency = forms.ChoiceField(
        label=gettext_lazy("How often"),
        choices=Follower.Frequency.choices,
        initial=Follower.Frequency.WEEKLY,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose how often"),
            "invalid_choice": gettext_lazy("Choose how often"),
        },
    )

    def __init__(self, *args, kind: str = "", target_id: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if kind == "organisation" and target_id is not None:
            organisation = Organisation.objects.filter(pk=target_id).first()
            if organisation is not None and organisation.kind != Organisation.Kind.COUNCIL:
                # Separate and unticked: the digest comes from this site; the group's own
                # emails need the group's own consent.
                self.fields["hear_from_organisation"] = forms.BooleanField(
                    label=_("Also let %(organisation)s email me its news")
                    % {"organisation": organisation.name},
                    help_text=organisation.consent_wording,
                    required=False,
                )
