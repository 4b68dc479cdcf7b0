"""Committees from GetCommittees, in one transaction. A committee ModernGov marks deleted or
expired, or no longer lists, is marked so (its page says it no longer meets), never kept as
current; one an officer typed in before the first sync is taken over by its name."""

from django.utils.translation import gettext as _

from townhall.council.models import Committee
from townhall.council.moderngov.answers import CommitteeAnswer
from townhall.council.moderngov.records import differing, unique_slug
from townhall.council.moderngov.report import Report

Ended = Committee.Ended


def _kind(answer: CommitteeAnswer) -> str:
    """A first guess at the kind, from the title; officers may change it."""
    words = f"{answer.title} {answer.category}".lower()
    if answer.title.strip().lower() in ("council", "full council", "county council"):
        return Committee.Kind.COUNCIL
    if "cabinet" in words or "executive" in words:
        return Committee.Kind.CABINET
    if "board" in words or "partnership" in words:
        return Committee.Kind.BOARD
    return Committee.Kind.COMMITTEE


def _ended(answer: CommitteeAnswer) -> str:
    if answer.deleted:
        return Ended.DELETED
    return Ended.EXPIRED if answer.expired else Ended.CURRENT


def _find(answer: CommitteeAnswer) -> Committee | None:
    return (
        Committee.objects.filter(moderngov_id=answer.id).first()
        or Committee.objects.filter(moderngov_id=None, name__iexact=answer.title).first()
    )


def sync_committees(listed: list[CommitteeAnswer], report: Report) -> dict[int, Committee]:
    """Each listed committee stored; returns them by ModernGov id."""
    stored = {}
    for answer in listed:
        if not answer.title:
            report.refuse(_("GetCommittees: committee %d has no title: left as it was") % answer.id)
            continue
        values = {
            "moderngov_id": answer.id,
            "name": answer.title[:150],
            "ended_upstream": _ended(answer),
        }
        committee = _find(answer)
        if committee is None:
            if answer.deleted:
                continue  # never seen, and gone: nothing to show
            committee = Committee(
                slug=unique_slug(Committee, answer.title, answer.id, 150),
                kind=_kind(answer),
                remit="",
                **values,
            )
            committee.save()
            report.add("committee", committee.name)
        elif changed := differing(committee, values):
            committee.save()
            if "ended_upstream" in changed and committee.ended_upstream != Ended.CURRENT:
                report.remove("committee", committee.name, committee.get_ended_upstream_display())
            else:
                report.change("committee", committee.name, changed)
        stored[answer.id] = committee
    gone = Committee.objects.exclude(moderngov_id=None).exclude(moderngov_id__in=stored)
    for committee in gone.exclude(ended_upstream=Ended.DELETED):
        committee.ended_upstream = Ended.DELETED
        committee.save(update_fields=["ended_upstream"])
        report.remove("committee", committee.name, _("no longer listed by ModernGov"))
    return stored
