"""`{% staff_field field %}`: a field of one of allauth's forms drawn by the site's own field
template (core/forms/field.html), with the input attributes the site's forms give theirs.
allauth's forms are not Townhall's, so their widgets are adjusted here, as they are drawn."""

from allauth.mfa import app_settings as mfa_settings
from django import forms, template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()

FIELD_TEMPLATE = "core/forms/field.html"


def _code_hint(form: forms.Form) -> str:
    """What to type, said once: the app's code, or (when signing in) a recovery code too."""
    digits = {"totp": mfa_settings.TOTP_DIGITS, "recovery": mfa_settings.RECOVERY_CODE_DIGITS}
    if type(form).__name__ == "ActivateTOTPForm":
        return _("The %(totp)s-digit code your authenticator app shows now") % digits
    return (
        _(
            "The %(totp)s-digit code your authenticator app shows, or one of your "
            "%(recovery)s-digit recovery codes"
        )
        % digits
    )


def _one_time_code(field: forms.BoundField) -> None:
    # A phone offers its number keypad and the code just received (GOV.UK's pattern).
    field.field.widget.attrs.update(
        {"inputmode": "numeric", "autocomplete": "one-time-code", "spellcheck": "false"}
    )
    field.help_text = field.field.help_text = _code_hint(field.form)


def _classes(field: forms.BoundField) -> str:
    classes = ["th-input"]
    if field.name == "code":
        classes.append("th-input--width-10")
    if field.errors:
        classes.append("th-input--error")
    return " ".join(classes)


@register.simple_tag
def staff_field(field: forms.BoundField) -> SafeString:
    widget = field.field.widget
    if field.name == "code":
        _one_time_code(field)
    if not isinstance(widget, forms.CheckboxInput):
        # The label says what to type; a placeholder would vanish as they type it.
        widget.attrs.pop("placeholder", None)
        widget.attrs["class"] = _classes(field)
    # The hint and the error are read out with the field (ids as core/forms/field.html has).
    described = [f"{field.auto_id}_helptext"] if field.help_text else []
    described += [f"{field.auto_id}_error"] if field.errors else []
    if described:
        widget.attrs["aria-describedby"] = " ".join(described)
    return render_to_string(FIELD_TEMPLATE, {"field": field})


@register.filter
def in_groups_of_four(secret: str) -> str:
    """An authenticator secret as people copy it by hand: ABCD EFGH... (apps ignore spaces)."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
