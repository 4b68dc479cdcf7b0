"""Officers decide on residents' questions in the admin: accept, refuse with the reason,
or publish the written answer; each step goes through services.questions, which emails."""

from django import forms
from django.contrib import messages
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from townhall.council.models import PublicQuestion
from townhall.council.services import questions

State = PublicQuestion.State
DECISIONS = {
    "accept": (_("Accept it: publish it with the agenda"), (State.SUBMITTED,)),
    "refuse": (_("Do not accept it: the resident is told the reason"), (State.SUBMITTED,)),
    "answer": (_("Publish the written answer"), (State.ACCEPTED, State.ANSWERED)),
}


class QuestionDecisionForm(WagtailAdminModelForm):
    decision = forms.ChoiceField(
        label=pgettext_lazy("an officer's decision on a public question", "Decision"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            ("", pgettext_lazy("no decision on the question yet", "Not yet")),
            *((key, label) for key, (label, _from) in DECISIONS.items()),
        ],
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if not decision:
            return cleaned
        if self.instance.state not in DECISIONS[decision][1]:
            self.add_error(
                "decision",
                gettext("This is %(state)s: choose again")
                % {"state": self.instance.get_state_display().lower()},
            )
        elif decision == "refuse" and not cleaned.get("refusal_reason", "").strip():
            self.add_error(
                "refusal_reason", gettext("Say why it was not accepted: the resident is told")
            )
        elif decision == "answer" and not cleaned.get("answer", "").strip():
            self.add_error("answer", gettext("Write the answer to publish"))
        return cleaned


class DecideOnQuestion(generic.EditView):
    def save_instance(self):
        question, data = self.form.instance, self.form.cleaned_data
        decision = data.get("decision")
        if decision == "accept":
            questions.accept(question)
        elif decision == "refuse":
            questions.refuse(question, data["refusal_reason"])
        elif decision == "answer":
            questions.answer(question, data["answer"])
        else:  # a draft of the reason or the answer, kept for later
            type(question).objects.filter(pk=question.pk).update(
                refusal_reason=data["refusal_reason"], answer=data["answer"]
            )
        question.refresh_from_db()
        if decision:
            messages.info(
                self.request,
                gettext("The resident has been emailed: %(state)s.")
                % {"state": question.get_state_display()},
            )
        return question


class QuestionViewSet(ModelViewSet):
    model = PublicQuestion
    icon = "help"
    menu_label = _("Public questions")
    edit_view_class = DecideOnQuestion
    list_display = ["meeting", "kind", "name", "state", "submitted_at"]
    list_filter = ["state", "kind", "meeting__committee"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldRowPanel(
                [FieldPanel("meeting", read_only=True), FieldPanel("kind", read_only=True)]
            ),
            FieldRowPanel(
                [FieldPanel("name", read_only=True), FieldPanel("state", read_only=True)]
            ),
            FieldPanel("text", read_only=True),
            FieldPanel("decision"),
            FieldPanel("refusal_reason"),
            FieldPanel("answer"),
        ],
        base_form_class=QuestionDecisionForm,
    )

    def get_queryset(self, request):
        # Unconfirmed ones are not questions yet: their writers have not confirmed.
        return PublicQuestion.objects.exclude(state=State.UNCONFIRMED).select_related(
            "meeting__committee"
        )
