"""Petitions in the site search: the public ones, open first among equals."""

from django.urls import reverse
from django.utils.translation import gettext as _

from townhall.core.search.fulltext import best_matches
from townhall.core.search.sources import Hit, Query
from townhall.petitions.models import Petition

PUBLIC = [Petition.State.OPEN, Petition.State.CLOSED, Petition.State.REJECTED]


def petitions(query: Query) -> list[Hit]:
    found = Petition.objects.filter(state__in=PUBLIC).select_related("organisation")
    if query.organisation is not None:
        found = found.filter(organisation=query.organisation)
    return [
        Hit(
            title=petition.action,
            url=reverse("petition", args=[petition.pk]),
            text=_("%(state)s petition.") % {"state": petition.get_state_display()}
            + f" {petition.background} {petition.additional_details}",
            terms=query.terms,
            organisation=petition.organisation.name if petition.organisation else "",
            when=petition.opened_at.date() if petition.opened_at else None,
        )
        for petition in best_matches(query.terms, found, query.limit)
    ]
