from django import forms

from townhall.core.forms import PublicForm
from townhall.grants.models import GrantSchemePage


class EligibilityForm(PublicForm):
    """The scheme's yes-or-no questions, each one required."""

    def __init__(self, scheme: GrantSchemePage, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for index, block in enumerate(scheme.eligibility):
            self.fields[f"q{index}"] = forms.ChoiceField(
                label=block.value["question"],
                choices=[("yes", "Yes"), ("no", "No")],
                widget=forms.RadioSelect,
                error_messages={"required": f"Answer yes or no: {block.value['question']}"},
            )

    def answers(self) -> dict[int, str]:
        return {
            int(name[1:]): value for name, value in self.cleaned_data.items() if name[1:].isdigit()
        }
