"""The public forms of a consultation: one page of questions, saving for later, submitting."""

from django import forms

from townhall.consultations.models import Response
from townhall.consultations.questions import (
    Question,
    answer_from,
    check_ranking,
    fields_for,
    initial_for,
    ward_from,
)
from townhall.core.forms import PublicForm, clean_person_name, email_field, name_field


class QuestionPageForm(PublicForm):
    """The questions of one page that show given the earlier answers (skip logic)."""

    def __init__(self, questions: list[Question], answers: dict, *args, **kwargs):
        initial = {}
        for question in questions:
            initial.update(initial_for(question, answers.get(question.key)))
        super().__init__(*args, initial=initial, **kwargs)
        self.questions = [question for question in questions if question.shown_when(answers)]
        for question in self.questions:
            self.fields.update(fields_for(question))

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            if question.kind == "ranking" and (problem := check_ranking(question, cleaned)):
                self.add_error(f"{question.key}__0", problem)
            if question.kind == "ward":
                ward, problem = ward_from(question, cleaned)
                if problem:
                    self.add_error(question.key, problem)
                cleaned[question.key] = ward
                cleaned.pop(f"{question.key}__postcode", None)  # never kept
        return cleaned

    def answers(self) -> dict:
        return {
            q.key: answer_from(q, self.cleaned_data) for q in self.questions if q.kind != "file"
        }

    def uploads(self) -> dict:
        return {
            q.key: self.cleaned_data[q.key]
            for q in self.questions
            if q.kind == "file" and self.cleaned_data.get(q.key)
        }


class SaveForm(PublicForm):
    email = email_field(
        "Email address",
        254,
        help_text="We send you a link to come back to your answers. We never publish it.",
    )


class SubmitForm(PublicForm):
    publish = forms.ChoiceField(
        label="May we publish your answers?",
        choices=Response.Publish.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether we may publish your answers"},
        help_text="Staff check every answer before anything is published.",
    )
    email = email_field(
        "Email address (optional)",
        254,
        help_text="For a copy of your answers. We never publish it.",
    )

    def __init__(self, *args, ask_name: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = False
        if not ask_name:
            self.fields["publish"].choices = [
                choice for choice in Response.Publish.choices if choice[0] != "named"
            ]
        if ask_name:
            self.fields["name"] = name_field("Your name", 100)
            self.order_fields(["name", "publish", "email"])

    def clean_name(self) -> str:
        return clean_person_name(self.cleaned_data["name"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("publish") == Response.Publish.NAMED and not cleaned.get("name"):
            self.add_error(
                "publish", "To publish with your name, give your name, or choose another option"
            )
        return cleaned
