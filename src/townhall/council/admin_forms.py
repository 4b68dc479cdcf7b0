"""The admin's form for a recorded vote: the ballots are checked with the vote, as one."""

from wagtail.admin.forms import WagtailAdminModelForm

from townhall.council.services.votes import check_vote


class RecordedVoteForm(WagtailAdminModelForm):
    def clean(self) -> dict:
        cleaned = super().clean()
        item = cleaned.get("agenda_item")
        ballots = self.formsets.get("ballots")
        if item is None or ballots is None or not ballots.is_valid():
            return cleaned  # their own errors show first
        chosen = [
            (form.cleaned_data["councillor"], form.cleaned_data["option"])
            for form in ballots.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("councillor")
        ]
        problems = check_vote(
            item, chosen, cleaned.get("result", ""), cleaned.get("casting_vote", False)
        )
        for message in problems.ballots:
            self.add_error(None, message)
        for message in problems.result:
            self.add_error("result", message)
        return cleaned
