"""Defences against fake signatures: blocks, bulk invalidation, and who signs unusually often."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Count, Q, Value
from django.db.models.functions import Cast, Concat, Lower
from django.utils import timezone
from django.utils.translation import gettext

from townhall.petitions import counts
from townhall.petitions.models import (
    Petition,
    PetitionEvent,
    PetitionScheme,
    Signature,
    SigningBlock,
)


def is_blocked(email: str, ip_address: str | None) -> bool:
    domain = email.rpartition("@")[2].lower()
    query = Q(kind=SigningBlock.Kind.DOMAIN, value__iexact=domain)
    if ip_address:
        query |= Q(kind=SigningBlock.Kind.IP, value=ip_address)
    return SigningBlock.objects.filter(query).exists()


@dataclass(frozen=True)
class Selection:
    """Which signatures to invalidate; every given condition must hold."""

    ip_address: str = ""
    domain: str = ""
    email: str = ""
    signed_after: datetime | None = None
    signed_before: datetime | None = None

    def query(self) -> Q:
        query = Q()
        if self.ip_address:
            query &= Q(ip_address=self.ip_address)
        if self.domain:
            query &= Q(normalised_email__iendswith=f"@{self.domain.lower()}")
        if self.email:
            query &= Q(email__iexact=self.email)
        if self.signed_after:
            query &= Q(created_at__gte=self.signed_after)
        if self.signed_before:
            query &= Q(created_at__lt=self.signed_before)
        return query

    def __str__(self) -> str:
        parts = [f"{name}={value}" for name, value in vars(self).items() if value]
        return ", ".join(parts)


class EmptySelection(ValueError):
    pass


@transaction.atomic
def invalidate(petition: Petition, selection: Selection, user, note: str = "") -> int:
    """Invalidate the selected signatures and take the confirmed ones off the count, in one
    transaction, and log what was done. Returns how many signatures were invalidated."""
    condition = selection.query()
    if not condition:
        raise EmptySelection(
            gettext("Say which signatures: an IP address, domain, email or time window.")
        )
    chosen = petition.signatures.filter(condition).exclude(state=Signature.State.INVALIDATED)
    # Lock the rows so a confirmation cannot slip in between counting and invalidating.
    rows = list(chosen.select_for_update().values_list("pk", "state"))
    confirmed = sum(1 for _, state in rows if state == Signature.State.VALIDATED)
    Signature.objects.filter(pk__in=[pk for pk, _ in rows]).update(
        state=Signature.State.INVALIDATED,
        invalidated_at=timezone.now(),
        invalidation_note=note[:200],
    )
    if confirmed:
        counts.add(petition.pk, -confirmed)
        transaction.on_commit(lambda: counts.refresh(petition.pk))
    PetitionEvent.objects.create(
        petition=petition,
        action="signatures invalidated",
        user=user,
        note=f"{len(rows)} invalidated ({confirmed} had been counted) where {selection}. {note}",
    )
    return len(rows)


def unusual_sources(petition: Petition, minimum: int = 5) -> dict[str, list[dict]]:
    """IP addresses and email domains with `minimum` or more signatures on this petition."""
    signatures = petition.signatures.exclude(state=Signature.State.INVALIDATED)
    by_ip = (
        signatures.exclude(ip_address=None)
        .values("ip_address")
        .annotate(count=Count("pk"))
        .filter(count__gte=minimum)
        .order_by("-count")
    )
    domains = signatures.annotate(address=Lower("normalised_email")).values_list(
        "address", flat=True
    )
    domain_counts: dict[str, int] = {}
    for address in domains.iterator():
        domain = address.rpartition("@")[2]
        domain_counts[domain] = domain_counts.get(domain, 0) + 1
    by_domain = sorted(
        ({"domain": d, "count": n} for d, n in domain_counts.items() if n >= minimum),
        key=lambda row: -row["count"],
    )
    return {"ips": list(by_ip[:50]), "domains": by_domain[:50]}


@transaction.atomic
def anonymise_due(now=None) -> int:
    """Remove signers' details from petitions closed long enough ago; ward counts stay."""
    now = now or timezone.now()
    done = 0
    for petition in Petition.objects.filter(
        state=Petition.State.CLOSED, anonymised_at=None, closed_at__isnull=False
    ).select_related("borough"):
        days = PetitionScheme.objects.for_borough(petition.borough).anonymise_after_days
        if petition.closed_at + timedelta(days=days) > now:
            continue
        # One statement for the whole petition (200,000 signers took 200,000 before);
        # normalised_email stays unique per petition, as its constraint needs.
        petition.signatures.update(
            name="",
            email="",
            normalised_email=Concat(Value("anonymised-"), Cast("pk", CharField())),
            postcode="",
            ip_address=None,
        )
        Petition.objects.filter(pk=petition.pk).update(anonymised_at=now)
        PetitionEvent.objects.create(petition=petition, action="signatures anonymised")
        done += 1
    return done


@transaction.atomic
def remove_unconfirmed(now=None) -> tuple[int, int]:
    """Delete signatures and new petitions whose confirmation link expired unconfirmed.

    They never counted, and keeping the names and emails of people who did not confirm serves
    no purpose. Returns how many signatures and petitions were removed."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.TOWNHALL_CONFIRM_LINK_DAYS)
    signatures, _ = Signature.objects.filter(
        state=Signature.State.PENDING, link_sent_at__lt=cutoff, is_creator=False
    ).delete()
    petitions = Petition.objects.filter(state=Petition.State.PENDING, created_at__lt=cutoff)
    count = petitions.count()
    petitions.delete()
    return signatures, count
