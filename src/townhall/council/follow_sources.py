"""Following a committee or a councillor, for the digests: the agendas, papers, minutes and
decisions of the committee (or of the committees the councillor sits on) since a time."""

from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from townhall.core.digests import DigestItem
from townhall.council.models import Committee, CommitteeUpdate, Councillor


def record(committee_id: int, kind: str, title: str, path: str, about: str) -> None:
    """Note an update once; the same agenda, paper or minutes again is no news."""
    try:
        with transaction.atomic():
            CommitteeUpdate.objects.create(
                committee_id=committee_id,
                kind=kind,
                title=title[:300],
                path=path,
                about=about,
                at=timezone.now(),
            )
    except IntegrityError:
        pass


def _items(updates) -> list[DigestItem]:
    return [
        DigestItem(
            f"{update.get_kind_display()} ({update.committee.name})",
            update.title,
            settings.TOWNHALL_BASE_URL + update.path,
            update.at,
        )
        for update in updates.select_related("committee")[:50]
    ]


def committee_name(target_id: int) -> str | None:
    return Committee.objects.filter(pk=target_id).values_list("name", flat=True).first()


def committee_news(target_id: int, since: datetime) -> list[DigestItem]:
    return _items(CommitteeUpdate.objects.filter(committee_id=target_id, at__gt=since))


def councillor_name(target_id: int) -> str | None:
    found = Councillor.objects.filter(pk=target_id).first()
    return str(found) if found else None


def councillor_news(target_id: int, since: datetime) -> list[DigestItem]:
    """The news of the committees they sit on now."""
    today = timezone.localdate()
    sitting = Committee.objects.filter(
        Q(memberships__ends_on__isnull=True) | Q(memberships__ends_on__gte=today),
        memberships__councillor_id=target_id,
    )
    return _items(CommitteeUpdate.objects.filter(committee__in=sitting, at__gt=since))
