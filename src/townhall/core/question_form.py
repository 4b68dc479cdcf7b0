"""A form of staff-built questions (core.question_blocks): a consultation's page, a grant
application's section."""

from townhall.core.forms import PublicForm
from townhall.core.questions import (
    Question,
    answer_from,
    check_ranking,
    fields_for,
    initial_for,
    ward_from,
)


class QuestionPageForm(PublicForm):
    """The questions of one page or section that show, given the earlier answers (skip logic)."""

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
                    chooser = self.fields[question.key]
                    chooser.widget = getattr(chooser, "hidden_until_needed", chooser.widget)
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
