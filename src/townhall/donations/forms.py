"""The donation form: an amount (suggested or typed), how often, who is giving, and for a
charity a Gift Aid declaration with the donor's home address."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from townhall.core.forms import PublicForm, clean_person_name, email_field, name_field
from townhall.core.services import sections
from townhall.core.services.postcodes import EXAMPLE_POSTCODE, normalise_postcode

# HMRC's model declaration for a single donation and those to come (Gift Aid declarations
# guidance, chapter 3), with the organisation's name put in; kept with each declaration, in
# the words the donor read.
GIFT_AID_WORDING = gettext_lazy(
    # Translators: HMRC's model Gift Aid declaration. Use HMRC's own wording in your
    # language where it publishes one (it does in Welsh); otherwise translate it closely.
    "I want to Gift Aid my donation and any donations I make in the future or have made in "
    "the past 4 years to %(organisation)s. I am a UK taxpayer and understand that if I pay "
    "less Income Tax and/or Capital Gains Tax than the amount of Gift Aid claimed on all my "
    "donations in that tax year it is my responsibility to pay any difference."
)


def gift_aid_wording(organisation_name: str) -> str:
    """The declaration with the organisation's name put in, in the active language."""
    return GIFT_AID_WORDING % {"organisation": organisation_name}


OTHER = "other"


def pounds(pence: int) -> str:
    whole, part = divmod(pence, 100)
    return f"£{whole:,}" if not part else f"£{whole:,}.{part:02d}"


def amount_in_pence(text: str) -> int:
    """ "12.50", "£12.50", "1,000" → pence; a clear message for anything else, NaN and
    Infinity included (Decimal would take them)."""
    cleaned = text.strip().lstrip("£").replace(",", "").strip()
    if len(cleaned) > 12:
        raise forms.ValidationError(_("Enter an amount in pounds, like 15 or 12.50"))
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise forms.ValidationError(_("Enter an amount in pounds, like 15 or 12.50")) from None
    if not value.is_finite():
        raise forms.ValidationError(_("Enter an amount in pounds, like 15 or 12.50"))
    minimum, maximum = settings.TOWNHALL_DONATION_MIN_PENCE, settings.TOWNHALL_DONATION_MAX_PENCE
    # Sizes first: "1e400" is a finite Decimal too big to round to the penny.
    if value * 100 < minimum:
        raise forms.ValidationError(
            _("The smallest donation we can take is %(amount)s") % {"amount": pounds(minimum)}
        )
    if value * 100 > maximum:
        raise forms.ValidationError(
            _("Online we can take up to %(amount)s: for a larger gift, please contact us")
            % {"amount": pounds(maximum)}
        )
    if value != value.quantize(Decimal("0.01")):
        raise forms.ValidationError(_("Enter the amount to the penny, like 12.50"))
    return int(value * 100)


def _text(label: str, max_length: int, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=False, **kwargs)


def _needed_if(field: forms.Field, hint: str = "") -> forms.Field:
    """Required only with another answer (Other amount, Gift Aid): not marked optional."""
    field.conditional = True
    field.help_text = hint
    return field


class DonateForm(PublicForm):
    amount = forms.ChoiceField(
        label=gettext_lazy("How much would you like to give?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose an amount, or choose Other and enter one")
        },
    )
    other_amount = _needed_if(
        _text(
            gettext_lazy("Other amount, in pounds"),
            20,
            widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "th-input--width-10"}),
        ),
        gettext_lazy("If you chose Other amount, for example 15 or 12.50"),
    )
    frequency = forms.ChoiceField(
        label=gettext_lazy("How often?"),
        widget=forms.RadioSelect,
        choices=[("one_off", gettext_lazy("Once")), ("monthly", gettext_lazy("Every month"))],
        initial="one_off",
    )
    name = name_field(gettext_lazy("Your name"), max_length=100)
    email = email_field(
        gettext_lazy("Email address"),
        max_length=254,
        help_text=gettext_lazy("We will email your receipt."),
    )

    def __init__(self, *args, page, **kwargs) -> None:  # page: a DonatePage
        super().__init__(*args, **kwargs)
        self.page = page
        self.fields["amount"].choices = [
            *[(str(amount * 100), f"£{amount:,}") for amount in page.amounts()],
            (OTHER, _("Other amount")),
        ]
        if not page.allow_monthly:
            del self.fields["frequency"]
        organisation = sections.section_owner(page)
        if organisation is not None:
            # Unticked and separate: giving money is not agreeing to a group's emails.
            self.fields["hear_from_organisation"] = forms.BooleanField(
                label=_("Email me news from %(group)s") % {"group": organisation.name},
                help_text=organisation.consent_wording,
                required=False,
            )
        if page.gift_aid:
            self._add_gift_aid_fields(organisation)

    def _add_gift_aid_fields(self, organisation) -> None:
        # Translators: who the Gift Aid declaration gives to, when no group is named.
        name = organisation.name if organisation else pgettext("Gift Aid to", "us")
        self.fields["gift_aid"] = forms.BooleanField(
            label=_("Yes, add Gift Aid: 25p more for every £1, at no cost to me"),
            help_text=gift_aid_wording(name),
            required=False,
        )
        hint = _("Needed for Gift Aid: HMRC asks for your name and home address")
        # Translators: a person's title, such as Mr or Dr.
        self.fields["title"] = _text(pgettext("form of address", "Title"), 20)
        self.fields["first_name"] = _needed_if(_text(_("First name"), 35), hint)
        self.fields["last_name"] = _needed_if(_text(_("Last name"), 35))
        self.fields["house"] = _needed_if(_text(_("House name or number"), 40))
        self.fields["address"] = _needed_if(
            forms.CharField(
                label=_("Rest of your home address"),
                required=False,
                max_length=300,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        )
        self.fields["postcode"] = _needed_if(
            _text(_("Postcode"), 10, widget=forms.TextInput(attrs={"autocomplete": "postal-code"}))
        )

    def clean_name(self) -> str:
        return clean_person_name(self.cleaned_data["name"])

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("amount") == OTHER:
            try:
                cleaned["amount_pence"] = amount_in_pence(cleaned.get("other_amount", ""))
            except forms.ValidationError as error:
                self.add_error("other_amount", error)
        elif cleaned.get("amount"):
            try:
                cleaned["amount_pence"] = amount_in_pence(str(int(cleaned["amount"]) / 100))
            except (ValueError, forms.ValidationError) as error:
                self.add_error("amount", str(error))
        cleaned.setdefault("frequency", "one_off")
        if cleaned.get("gift_aid"):
            self._check_declaration(cleaned)
        return cleaned

    def _check_declaration(self, cleaned: dict) -> None:
        """HMRC needs the donor's name, house name or number and postcode to accept a
        claim: a declaration without an address is refused here, not at claim time."""
        needed = {
            "first_name": _("Enter your first name for Gift Aid"),
            "last_name": _("Enter your last name for Gift Aid"),
            "house": _("Enter your house name or number for Gift Aid"),
            "address": _("Enter your home address for Gift Aid"),
            "postcode": _("Enter your postcode for Gift Aid"),
        }
        for field, message in needed.items():
            if not cleaned.get(field, "").strip():
                self.add_error(field, message)
        if cleaned.get("postcode", "").strip():
            postcode = normalise_postcode(cleaned["postcode"])
            if postcode is None:
                self.add_error(
                    "postcode",
                    _("Enter a UK postcode, like %(example)s") % {"example": EXAMPLE_POSTCODE},
                )
            else:
                cleaned["postcode"] = postcode
