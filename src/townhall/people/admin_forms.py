"""The organisers' forms for their people: the note and tags, segments, tagging in bulk."""

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from townhall.core.models import Ward
from townhall.core.services.organisations import organisations_for_user
from townhall.people.models import Mailing, Person, Segment, Tag

MAX_TAG_LENGTH = Tag._meta.get_field("name").max_length


def tag_names(text: str) -> list[str]:
    """ "volunteer, Friern Barnet,volunteer" → ["volunteer", "Friern Barnet"]."""
    names: dict[str, str] = {}
    for part in text.split(","):
        name = " ".join(part.split())
        if name:
            names.setdefault(name.casefold(), name)
    return list(names.values())


class NewTagsField(forms.CharField):
    def __init__(self, **kwargs) -> None:
        super().__init__(
            required=False,
            max_length=500,
            help_text=gettext_lazy("Separate tags with commas, for example: volunteer, leaflets"),
            **kwargs,
        )

    def clean(self, value) -> list[str]:
        names = tag_names(super().clean(value))
        too_long = [name for name in names if len(name) > MAX_TAG_LENGTH]
        if too_long:
            raise forms.ValidationError(
                _("Keep each tag to %(limit)s characters or fewer: “%(tag)s…”")
                % {"limit": MAX_TAG_LENGTH, "tag": too_long[0][:60]}
            )
        return names


def tags_named(organisation, names: list[str]) -> list[Tag]:
    """The organisation's tags of these names, made where new (matched without case)."""
    found = []
    for name in names:
        tag = Tag.objects.filter(organisation=organisation, name__iexact=name).first()
        found.append(tag or Tag.objects.create(organisation=organisation, name=name))
    return found


class PersonForm(WagtailAdminModelForm):
    """The organisers' own note and tags; everything else about a person comes from what
    the person did and agreed to, and is not theirs to edit."""

    new_tags = NewTagsField(label=gettext_lazy("Add new tags"))

    class Meta:
        model = Person
        fields = ["note", "tags"]
        widgets = {"tags": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["tags"]
        field.queryset = Tag.objects.filter(organisation_id=self.instance.organisation_id)
        field.help_text = _("Untick a tag to take it off.")

    @transaction.atomic
    def save(self, commit: bool = True) -> Person:
        person = super().save(commit=commit)
        if commit:
            person.tags.add(*tags_named(person.organisation, self.cleaned_data["new_tags"]))
        return person


class OwnOrganisationForm(WagtailAdminModelForm):
    """The record's organisation is one of the user's own."""

    def __init__(self, *args, for_user=None, **kwargs) -> None:
        super().__init__(*args, for_user=for_user, **kwargs)
        self.organisations = organisations_for_user(for_user) if for_user else None
        if self.organisations is not None:
            field = self.fields["organisation"]
            field.queryset = self.organisations
            field.empty_label = None


class TagForm(OwnOrganisationForm):
    class Meta:
        model = Tag
        fields = ["organisation", "name"]


class SegmentForm(OwnOrganisationForm):
    """A segment of one of the user's own organisations, by its own tags and its
    borough's wards."""

    class Meta:
        model = Segment
        fields = [
            "organisation",
            "name",
            "tag",
            "ward",
            "action",
            "first_seen_from",
            "first_seen_to",
            "email_consent",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        organisations = self.organisations
        if organisations is not None:
            self.fields["tag"].queryset = Tag.objects.filter(organisation__in=organisations)
            self.fields["ward"].queryset = Ward.objects.filter(
                borough__organisations__in=organisations
            ).distinct()
        self.fields["ward"].queryset = self.fields["ward"].queryset.defer("boundary")
        self.fields["email_consent"].label = _("Email consent")


class BulkTagForm(forms.Form):
    """Put one tag on everyone in a segment."""

    tag = forms.CharField(
        label=gettext_lazy("Tag to add"),
        max_length=MAX_TAG_LENGTH,
        help_text=gettext_lazy("An existing tag or a new one"),
        error_messages={"required": gettext_lazy("Enter the tag to add")},
    )

    def clean_tag(self) -> str:
        names = tag_names(self.cleaned_data["tag"])
        if len(names) != 1:
            raise forms.ValidationError(_("Enter one tag, without commas"))
        return names[0]


class MailingForm(OwnOrganisationForm):
    class Meta:
        model = Mailing
        fields = ["organisation", "segment", "subject", "body"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.organisations is not None:
            self.fields["segment"].queryset = Segment.objects.filter(
                organisation__in=self.organisations
            )
        self.fields["segment"].empty_label = _("Everyone who agrees to emails")

    def clean(self) -> dict:
        cleaned = super().clean()
        segment, organisation = cleaned.get("segment"), cleaned.get("organisation")
        if segment and organisation and segment.organisation_id != organisation.pk:
            self.add_error("segment", _("Choose one of this organisation's own segments"))
        return cleaned


class SendForm(forms.Form):
    """Now, or at a time."""

    when = forms.ChoiceField(
        label=gettext_lazy("When to send it"),
        choices=[("now", gettext_lazy("Now")), ("later", gettext_lazy("At a time"))],
        widget=forms.RadioSelect,
        initial="now",
    )
    send_at = forms.DateTimeField(
        label=gettext_lazy("Date and time"),
        required=False,
        help_text=gettext_lazy("For example, 24/12/2026 09:00 (UK time)"),
        input_formats=["%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"],
        error_messages={"invalid": gettext_lazy("Enter a date and time like 24/12/2026 09:00")},
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("when") == "later":
            at = cleaned.get("send_at")
            if at is None and "send_at" not in self.errors:
                self.add_error("send_at", _("Enter when to send it"))
            elif at is not None and at <= timezone.now():
                self.add_error("send_at", _("Choose a time in the future"))
        return cleaned

    @property
    def at(self):
        return self.cleaned_data["send_at"] if self.cleaned_data["when"] == "later" else None
