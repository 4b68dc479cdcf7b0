"""The public list of petitions: filtered by state, topic and organisation, and sorted, from
the reader's query string. Values it does not know fall back to the defaults, so a mangled
link shows petitions rather than an error."""

from urllib.parse import urlencode

from django import forms
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from townhall.core.models import Organisation
from townhall.petitions import counts
from townhall.petitions.models import Petition

STATES = {
    "open": Petition.State.OPEN,
    "closed": Petition.State.CLOSED,
    "rejected": Petition.State.REJECTED,
}
SORTS = {
    "signatures": (_("Most signatures"), [(F("online_count") + F("paper_count")).desc(), "-pk"]),
    "newest": (_("Newest"), [F("opened_at").desc(nulls_last=True), "-pk"]),
    "closing": (_("Closing soonest"), [F("closes_at").asc(nulls_last=True), "pk"]),
}


class PetitionFilters(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        choices=[
            ("open", pgettext_lazy("a petition's state", "Open")),
            ("closed", pgettext_lazy("a petition's state", "Closed")),
            ("rejected", pgettext_lazy("a petition's state", "Rejected")),
        ],
        required=False,
    )
    topic = forms.ChoiceField(
        label=_("Topic"), choices=[("", _("All topics")), *Petition.Topic.choices], required=False
    )
    organisation = forms.ChoiceField(label=_("Started with"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
        required=False,
    )

    def __init__(self, data) -> None:
        # Each unknown value is dropped on its own, so one bad filter keeps the others.
        super().__init__(data)
        self.fields["organisation"].choices = [
            ("", _("Any organisation or none")),
            *Organisation.objects.filter(petitions__state__in=STATES.values())
            .distinct()
            .order_by("name")
            .values_list("slug", "name"),
        ]

    def chosen(self) -> dict[str, str]:
        """The filters as asked for, each unknown value replaced by its default."""
        chosen = {}
        for name, field in self.fields.items():
            value = self.data.get(name, "")
            known = {str(key) for key, _label in field.choices}
            chosen[name] = value if value in known else ""
        chosen["state"] = chosen["state"] or "open"
        chosen["sort"] = chosen["sort"] or ("signatures" if chosen["state"] == "open" else "newest")
        for name in ("state", "topic", "sort"):
            chosen[f"{name}_label"] = dict(self.fields[name].choices).get(chosen[name], "")
        return chosen


def petitions_for(chosen: dict[str, str]) -> QuerySet:
    """The petitions the filters choose, with their counts, in the order asked for."""
    petitions = Petition.objects.filter(state=STATES[chosen["state"]])
    if chosen["topic"]:
        petitions = petitions.filter(topic=chosen["topic"])
    if chosen["organisation"]:
        petitions = petitions.filter(organisation__slug=chosen["organisation"])
    petitions = counts.with_counts(petitions.select_related("organisation"))
    return petitions.order_by(*SORTS[chosen["sort"]][1])


def organisation_petitions_url(organisation: Organisation) -> str | None:
    """The list of an organisation's petitions, for its section's menu, when it has any."""
    states = set(
        Petition.objects.filter(organisation=organisation, state__in=STATES.values())
        .values_list("state", flat=True)
        .distinct()
    )
    if not states:
        return None
    state = next(key for key, state in STATES.items() if state in states)  # open first
    query = urlencode({"organisation": organisation.slug, "state": state})
    return f"{reverse('petitions')}?{query}"
