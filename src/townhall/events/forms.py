from django import forms
from django.utils.translation import gettext, ngettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from townhall.core.forms import PublicForm, clean_person_name, email_field, name_field
from townhall.core.services import sections


class RsvpForm(PublicForm):
    name = name_field(_("Your name"), max_length=100)
    email = email_field(
        _("Email address"), max_length=254, help_text=_("We will send you a link to confirm.")
    )
    guests = forms.TypedChoiceField(
        label=_("Guests you are bringing"),
        coerce=int,
        initial=0,
        choices=[(0, pgettext_lazy("no guests", "None"))],
    )
    hide_name = forms.BooleanField(
        label=_("Don't show my name on the list of people going"), required=False
    )

    def __init__(self, *args, event, **kwargs) -> None:  # event: an EventPage
        super().__init__(*args, **kwargs)
        self.fields["guests"].choices = [(0, pgettext("no guests", "None"))] + [
            (n, str(n)) for n in range(1, event.max_guests + 1)
        ]
        self.fields["guests"].error_messages["invalid_choice"] = ngettext(
            "Choose up to %(count)s guest", "Choose up to %(count)s guests", event.max_guests
        ) % {"count": event.max_guests}
        organisation = sections.section_owner(event)
        if organisation is not None:
            # A separate box, unticked: coming to an event is not consent to a group's emails.
            self.fields["hear_from_organisation"] = forms.BooleanField(
                label=gettext("Email me news from %(name)s") % {"name": organisation.name},
                help_text=organisation.consent_wording,
                required=False,
            )

    def clean_name(self) -> str:
        return clean_person_name(self.cleaned_data["name"])
