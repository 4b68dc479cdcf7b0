"""The grant forms: the eligibility check, an application's sections, information requests,
reports, and the assessor's declaration and scores."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from townhall.core.forms import PublicForm, TextChecksMixin, TownhallFormRenderer
from townhall.core.models import Ward
from townhall.grants.models import Assessment, GrantSchemePage, RecipientType


class EligibilityForm(PublicForm):
    """The scheme's yes-or-no questions, each one required."""

    def __init__(self, scheme: GrantSchemePage, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for index, block in enumerate(scheme.eligibility):
            self.fields[f"q{index}"] = forms.ChoiceField(
                label=block.value["question"],
                choices=[("yes", _("Yes")), ("no", _("No"))],
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Answer yes or no: %(question)s")
                    % {"question": block.value["question"]}
                },
            )

    def answers(self) -> dict[int, str]:
        return {
            int(name[1:]): value for name, value in self.cleaned_data.items() if name[1:].isdigit()
        }


class GrantForm(TextChecksMixin, forms.Form):
    """A form for someone signed in: GOV.UK-style rendering, no honeypot needed."""

    default_renderer = TownhallFormRenderer()


def _money(label: str, required_message: str, **kwargs) -> forms.DecimalField:
    """`required_message`: "Enter the " and the label, as its own sentence to translate."""
    return forms.DecimalField(
        label=label,
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "th-input--width-10"}),
        error_messages={
            "required": required_message,
            "invalid": gettext_lazy("Enter an amount in pounds, like 1500 or 1500.50"),
            "min_value": gettext_lazy("Enter an amount more than £0"),
            "max_digits": gettext_lazy("Enter a smaller amount"),
            "max_decimal_places": gettext_lazy("Enter pounds and pence only, like 1500.50"),
        },
        **kwargs,
    )


def _date(label: str, required_message: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": required_message,
            "invalid": gettext_lazy("Enter a real date, for example 27 3 2027"),
        },
    )


class AboutForm(GrantForm):
    applicant_type = forms.ChoiceField(
        label=gettext_lazy("Who is applying?"),
        choices=RecipientType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose who is applying")},
    )
    applicant_name = forms.CharField(
        label=gettext_lazy("Name of the organisation or group, or your own name"),
        max_length=200,
        help_text=gettext_lazy("An individual's name is never published."),
        error_messages={"required": gettext_lazy("Enter the name of who is applying")},
    )
    organisation_id = forms.CharField(
        label=gettext_lazy("Charity or company number"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("If you have one, for example GB-CHC-1234567 or GB-COH-01234567"),
    )
    ward = forms.ModelChoiceField(
        label=gettext_lazy("Ward where most of the people who benefit live"),
        queryset=Ward.objects.order_by("name"),
        empty_label=gettext_lazy("Choose a ward"),
        error_messages={"required": gettext_lazy("Choose a ward")},
    )


class ProjectForm(GrantForm):
    project_title = forms.CharField(
        label=gettext_lazy("Project name"),
        max_length=150,
        error_messages={"required": gettext_lazy("Enter the project's name")},
    )
    project_summary = forms.CharField(
        label=gettext_lazy("What will the project do, and for whom?"),
        help_text=gettext_lazy("150 words or fewer. If funded, this is published with the grant."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        error_messages={"required": gettext_lazy("Describe the project")},
    )
    amount_requested = _money(
        gettext_lazy("Amount you are asking for (£)"),
        gettext_lazy("Enter the amount you are asking for (£)"),
    )
    starts_on = _date(gettext_lazy("Start date"), gettext_lazy("Enter the start date"))
    ends_on = _date(gettext_lazy("End date"), gettext_lazy("Enter the end date"))

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application

    def clean_project_summary(self) -> str:
        text = self.cleaned_data["project_summary"]
        if (count := len(text.split())) > 150:
            raise forms.ValidationError(
                ngettext(
                    "Your description is %(count)s word: use 150 or fewer",
                    "Your description is %(count)s words: use 150 or fewer",
                    count,
                )
                % {"count": count}
            )
        return text

    def clean(self):
        from townhall.grants.applying import amount_problem

        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date must be on or after the start date"))
        amount = cleaned.get("amount_requested")
        if amount is not None and (problem := amount_problem(self.application, amount)):
            self.add_error("amount_requested", problem)
        return cleaned


class BudgetForm(GrantForm):
    """Rows of item and cost, all on the page (no JavaScript needed); blank rows are ignored."""

    def __init__(self, *args, rows: int, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(rows):
            number = {"number": n + 1}
            self.fields[f"item_{n}"] = forms.CharField(
                label=_("Item %(number)s") % number, required=False, max_length=200
            )
            self.fields[f"cost_{n}"] = _money(
                _("Cost of item %(number)s (£)") % number,
                _("Enter the cost of item %(number)s (£)") % number,
                required=False,
            )
        self.rows = rows

    def clean(self):
        cleaned = super().clean()
        lines = []
        for n in range(self.rows):
            item, cost = (cleaned.get(f"item_{n}") or "").strip(), cleaned.get(f"cost_{n}")
            if item and cost is None and f"cost_{n}" not in self.errors:
                self.add_error(f"cost_{n}", _("Enter the cost of “%(item)s”") % {"item": item})
            elif cost is not None and not item:
                self.add_error(
                    f"item_{n}",
                    _("Say what the £%(cost)s on row %(row)s is for")
                    % {"cost": f"{cost:,.2f}", "row": n + 1},
                )
            elif item:
                lines.append({"item": item, "cost": cost})
        if not lines and not self.errors:
            self.add_error("item_0", _("Enter at least one item and its cost"))
        cleaned["lines"] = lines
        return cleaned

    def row_pairs(self):
        return [(self[f"item_{n}"], self[f"cost_{n}"]) for n in range(self.rows)]


class NoteForm(GrantForm):
    note = forms.CharField(
        label=gettext_lazy("Your answer"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": gettext_lazy("Write your answer")},
    )


class ReportForm(GrantForm):
    progress = forms.CharField(
        label=gettext_lazy("What has the project done so far, and for whom?"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10_000,
        error_messages={"required": gettext_lazy("Say what the project has done")},
    )
    spent = _money(
        gettext_lazy("Money spent so far (£)"), gettext_lazy("Enter the money spent so far (£)")
    )


class DeclarationForm(GrantForm):
    has_conflict = forms.TypedChoiceField(
        label=gettext_lazy("Do you have a conflict of interest with this application?"),
        help_text=gettext_lazy(
            "For example: you, your family or close friends are involved in the applicant "
            "or the project, or would gain from it."
        ),
        choices=[("no", gettext_lazy("No")), ("yes", gettext_lazy("Yes"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Say whether you have a conflict of interest")},
    )
    details = forms.CharField(
        label=gettext_lazy("If yes, what is it?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("has_conflict") and not cleaned.get("details", "").strip():
            self.add_error("details", _("Say briefly what the conflict is: it is recorded"))
        return cleaned


class ScoreForm(GrantForm):
    """A score from 0 to 5 and a comment for each of the scheme's criteria, then a
    recommendation."""

    def __init__(self, criteria: list[str], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for n, name in enumerate(criteria):
            criterion = {"criterion": name}
            self.fields[f"score_{n}"] = forms.TypedChoiceField(
                label=_("Score: %(criterion)s") % criterion,
                choices=[(str(s), str(s)) for s in range(6)],
                coerce=int,
                widget=forms.RadioSelect,
                help_text=_("0: does not meet it at all. 5: meets it fully."),
                error_messages={"required": _("Give a score for “%(criterion)s”") % criterion},
            )
            self.fields[f"comment_{n}"] = forms.CharField(
                label=_("Comment: %(criterion)s") % criterion,
                required=False,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self.fields["recommendation"] = forms.ChoiceField(
            label=_("Should it be funded?"),
            choices=Assessment.Recommendation.choices,
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose a recommendation")},
        )
        self.fields["comments"] = forms.CharField(
            label=_("Comments for the panel"),
            required=False,
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 4}),
        )

    def scores(self) -> list[tuple[int, str]]:
        return [
            (self.cleaned_data[f"score_{n}"], self.cleaned_data.get(f"comment_{n}", ""))
            for n in range(len(self.criteria))
        ]
