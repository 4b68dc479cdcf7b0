"""A petition's life as an explicit state machine, and signing, as plain functions.

pending ──creator confirms──▶ collecting ──N supporters──▶ sponsored ──approve──▶ open ──▶ closed
                                                              │  ▲flag/unflag     │
                                                              └──reject──▶ rejected / hidden
Each transition checks the state it starts from, records when and by whom, and is idempotent.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, Min
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from townhall.core import pagecache, people
from townhall.core.email_addresses import normalise_email
from townhall.core.errors import Refused
from townhall.core.languages import speaking_to, written_in_their_languages
from townhall.core.mail import send_email_after_commit
from townhall.core.models import Borough, Organisation, Ward
from townhall.petitions import counts, debates, fraud
from townhall.petitions.models import (
    PaperSignatures,
    Petition,
    PetitionEvent,
    PetitionScheme,
    Signature,
    Threshold,
    ThresholdReached,
    new_token,
)

State = Petition.State
# An officer's change to the tiers reaches the hot path within this time; the scheduled
# `close_petitions` also checks every open petition, so nothing is missed for long.
NEXT_TIER_CACHE_SECONDS = 60


class WrongState(Refused):
    """The petition is not in a state that allows this; the message says why, for people."""


@dataclass(frozen=True)
class Signer:
    name: str
    email: str
    postcode: str
    ward: Ward | None
    notify_by_email: bool
    ip_address: str | None = None
    hear_from_organisation: bool = False  # its own box: see Signature


def _new_signature(petition: Petition, signer: Signer, is_creator: bool = False) -> Signature:
    return Signature.objects.create(
        petition=petition,
        name=signer.name,
        email=signer.email,
        normalised_email=normalise_email(signer.email),
        postcode=signer.postcode,
        ward=signer.ward,
        notify_by_email=signer.notify_by_email or is_creator,
        hear_from_organisation=signer.hear_from_organisation,
        is_creator=is_creator,
        ip_address=signer.ip_address,
    )


def scheme_for(borough: Borough) -> PetitionScheme:
    return PetitionScheme.objects.for_borough(borough)


def _record(petition: Petition, action: str, user=None, note: str = "") -> None:
    PetitionEvent.objects.create(petition=petition, action=action, user=user, note=note)


def _changed(petition: Petition) -> None:
    transaction.on_commit(lambda: pagecache.invalidate(f"petition:{petition.pk}", "petitions"))


def _move(petition: Petition, allowed_from: set[str], to: str, **fields) -> bool:
    """Change state only from an allowed one, atomically; False if it was already done."""
    updated = Petition.objects.filter(pk=petition.pk, state__in=allowed_from).update(
        state=to, **fields
    )
    if updated:
        petition.refresh_from_db()
        _changed(petition)
    return bool(updated)


def link(path_name: str, *args) -> str:
    return settings.TOWNHALL_BASE_URL + reverse(path_name, args=args)


def _email(to: str, template: str, subject: str | Callable[[], str], **context) -> None:
    """Write to one person in their language. Where this may run outside their own request
    (an officer's, another signer's, the worker), pass the subject and any worded or linked
    value as functions (lambdas around gettext or link): they are then worded in it."""
    with speaking_to(to):
        context = {name: value() if callable(value) else value for name, value in context.items()}
        body = render_to_string(f"petitions/emails/{template}.txt", context)
        subject = subject() if callable(subject) else subject
    send_email_after_commit(to, subject, body)


@transaction.atomic
def create(
    borough: Borough,
    *,
    action: str,
    background: str,
    additional_details: str,
    organisation: Organisation | None,
    creator: Signer,
    topic: str = "",
) -> Petition:
    """A new petition waiting for its creator to confirm by email.

    Sending the same petition again (a replayed form, a double submit, a retry after a
    timeout) while the first waits for confirmation makes no second one: the creator is
    sent the link again."""
    waiting = _waiting_for_creator(action, creator.email)
    if waiting is not None:
        _email_creator_link(waiting, waiting.signatures.get(is_creator=True), creator.email)
        return waiting
    petition = Petition.objects.create(
        borough=borough,
        action=action,
        background=background,
        additional_details=additional_details,
        organisation=organisation,
        topic=topic,
    )
    counts.create_shards(petition)
    signature = _new_signature(petition, creator, is_creator=True)
    _record(petition, "created")
    _email_creator_link(petition, signature, creator.email)
    return petition


def _waiting_for_creator(action: str, email: str) -> Petition | None:
    since = timezone.now() - timedelta(days=settings.TOWNHALL_CONFIRM_LINK_DAYS)
    return (
        Petition.objects.select_for_update(of=("self",))
        .filter(
            state=State.PENDING,
            created_at__gte=since,
            action__iexact=action.strip(),
            signatures__is_creator=True,
            signatures__normalised_email=normalise_email(email),
        )
        .first()
    )


def _email_creator_link(petition: Petition, signature: Signature, email: str) -> None:
    _email(
        email,
        "confirm_creator",
        _("Confirm your petition"),
        petition=petition,
        confirm_url=link("petition-confirm-creator", petition.creator_token),
        signature=signature,
        link_days=settings.TOWNHALL_CONFIRM_LINK_DAYS,
    )


@transaction.atomic
def confirm_creator(petition: Petition) -> bool:
    """The creator's emailed link: the petition starts collecting supporters."""
    if petition.state == State.PENDING and link_expired(petition.created_at):
        raise LinkExpired
    if not _move(petition, {State.PENDING}, State.COLLECTING_SPONSORS, confirmed_at=timezone.now()):
        return False
    creator = petition.signatures.get(is_creator=True)
    _validate(creator)
    _record(petition, "creator confirmed")
    _email(
        creator.email,
        "share_with_supporters",
        _("Ask supporters to sign your petition"),
        petition=petition,
        sponsors_needed=scheme_for(petition.borough).sponsors_needed,
        share_url=link("petition-sponsor", petition.pk, petition.sponsor_token),
    )
    return True


OFFICERS_GROUP = "Petition officers"


def _notify_officers(
    petition: Petition, subject: Callable[[], str], what: Callable[[], str]
) -> None:
    from django.contrib.auth.models import Group

    group = Group.objects.filter(name=OFFICERS_GROUP).first()
    if group is None:
        return
    emails = group.user_set.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    for email in sorted(set(emails)):
        _email(
            email,
            "officers",
            subject,
            petition=petition,
            what=what,
            admin_url=lambda: (
                settings.TOWNHALL_BASE_URL + reverse("wagtailsnippets_petitions_petition:list")
            ),
        )


def _check_sponsors(petition: Petition) -> None:
    """Enough confirmed supporters (besides the creator) send it to moderation."""
    needed = scheme_for(petition.borough).sponsors_needed
    supporters = petition.signatures.filter(
        state=Signature.State.VALIDATED, is_creator=False
    ).count()
    if supporters >= needed and _move(
        petition, {State.COLLECTING_SPONSORS}, State.SPONSORED, sponsored_at=timezone.now()
    ):
        _record(petition, "sent to moderation", note=f"{supporters} supporters")
        _notify_officers(
            petition,
            lambda: _("A petition is waiting for moderation"),
            lambda: (
                ngettext(
                    "It has %(count)s supporter and is waiting for moderation.",
                    "It has %(count)s supporters and is waiting for moderation.",
                    supporters,
                )
                % {"count": supporters}
            ),
        )


def approve(petition: Petition, user, topic: str | None = None) -> None:
    """Open it for signatures; the moderator may set its topic (None keeps the creator's)."""
    with transaction.atomic():
        scheme = scheme_for(petition.borough)
        now = timezone.now()
        if not _move(
            petition,
            {State.SPONSORED, State.FLAGGED},
            State.OPEN,
            opened_at=now,
            closes_at=now + timedelta(days=scheme.open_for_days),
        ):
            raise WrongState(_("Only a petition waiting for moderation can be approved."))
        if topic is not None and topic != petition.topic:
            if topic and topic not in Petition.Topic.values:
                raise WrongState(_("Choose a topic from the list."))
            petition.topic = topic
            petition.save(update_fields=["topic"])
        _record(petition, "approved", user)
        creator = petition.signatures.get(is_creator=True)
        _email(
            creator.email,
            "opened",
            lambda: _("Your petition is open"),
            petition=petition,
            petition_url=lambda: link("petition", petition.pk),
            signers_url=lambda: link("petition-creator-signers", petition.creator_token),
        )


def reject(petition: Petition, user, reason: str, details: str = "") -> None:
    if reason not in Petition.RejectionReason.values:
        raise WrongState(_("Choose a reason from the list."))
    hidden = reason in (
        Petition.RejectionReason.OFFENSIVE,
        Petition.RejectionReason.PERSONAL,
        Petition.RejectionReason.CONFIDENTIAL,
    )
    with transaction.atomic():
        if not _move(
            petition,
            {State.SPONSORED, State.FLAGGED, State.COLLECTING_SPONSORS},
            State.HIDDEN if hidden else State.REJECTED,
            rejected_at=timezone.now(),
            rejection_reason=reason,
            rejection_details=details,
        ):
            raise WrongState(_("This petition cannot be rejected now."))
        _record(petition, "rejected", user, note=reason)


def flag(petition: Petition, user, note: str) -> None:
    with transaction.atomic():
        if not _move(petition, {State.SPONSORED}, State.FLAGGED):
            raise WrongState(_("Only a petition waiting for moderation can be flagged."))
        _record(petition, "flagged for a colleague", user, note=note)


def close_due(now=None) -> int:
    """Close every open petition whose time is up (run by the worker or a scheduled command).

    It first checks every open petition's tiers in full, so a tier that the signing path's
    brief cache of the next tier missed (an officer lowered it, say) is recorded on this run.
    """
    now = now or timezone.now()
    for petition in Petition.objects.filter(state=State.OPEN):
        check_thresholds(petition)
    closed = 0
    for petition in Petition.objects.filter(state=State.OPEN, closes_at__lte=now):
        if _move(petition, {State.OPEN}, State.CLOSED, closed_at=now):
            _record(petition, "closed")
            closed += 1
    return closed


class LinkExpired(Exception):
    """An emailed confirmation link used after CONFIRM_LINK_DAYS: nothing changes."""


def _email_confirmation_link(petition: Petition, signature: Signature) -> None:
    _email(
        signature.email,
        "confirm_signature",
        _("Confirm your signature"),
        petition=petition,
        signature=signature,
        confirm_url=link("signature-confirm", signature.token),
        link_days=settings.TOWNHALL_CONFIRM_LINK_DAYS,
    )


def sign(petition: Petition, signer: Signer) -> Signature:
    """A new pending signature, and its confirmation link emailed.

    Signing again before confirming sends a new link (the old one stops working), with the
    details as now given; signing again after confirming emails the address to say it has
    signed already, and changes nothing. The page after signing is the same in every case,
    so it does not tell anyone whether an address has signed (issue 15).
    """
    if not petition.accepts_signatures:
        raise WrongState(_("This petition is not taking signatures."))
    if fraud.is_blocked(signer.email, signer.ip_address):
        raise WrongState(_("Signatures from this email domain or connection are not accepted."))
    try:
        with transaction.atomic():
            signature = _new_signature(petition, signer)
            _email_confirmation_link(petition, signature)
            return signature
    except IntegrityError:
        pass  # this person has signed before: the unique email constraint says so
    with transaction.atomic():
        signature = (
            Signature.objects.select_for_update()
            .filter(petition=petition, normalised_email=normalise_email(signer.email))
            .first()
        )
        if signature is None or signature.state != Signature.State.PENDING:
            _email(
                signer.email,
                "already_signed",
                _("You have already signed this petition"),
                petition=petition,
                petition_url=link("petition", petition.pk),
            )
            return signature
        signature.name, signature.email, signature.postcode = (
            signer.name,
            signer.email,
            signer.postcode,
        )
        signature.ward, signature.notify_by_email = signer.ward, signer.notify_by_email
        signature.hear_from_organisation = signer.hear_from_organisation
        signature.token, signature.link_sent_at = new_token(), timezone.now()
        signature.save()
        _email_confirmation_link(petition, signature)
    return signature


def link_expired(sent_at) -> bool:
    return sent_at < timezone.now() - timedelta(days=settings.TOWNHALL_CONFIRM_LINK_DAYS)


def _validate(signature: Signature) -> bool:
    """Pending → validated, counted once: the conditional update makes repeats harmless."""
    now = timezone.now()
    changed = Signature.objects.filter(pk=signature.pk, state=Signature.State.PENDING).update(
        state=Signature.State.VALIDATED, validated_at=now
    )
    if changed:
        counts.add(signature.petition_id)
    return bool(changed)


def confirm_signature(signature: Signature) -> bool:
    """The signer pressed the confirm button; False when it was confirmed before.

    This is the hot path of a viral petition, so it stays short: one conditional update, one
    shard update and one commit; the tiers are checked in full only once the count reaches the
    next one. No page is invalidated: the petition page is cached for a few seconds only.
    """
    petition = signature.petition
    if signature.state == Signature.State.PENDING and link_expired(signature.link_sent_at):
        raise LinkExpired
    with transaction.atomic():
        if not _validate(signature):
            return False
        if petition.state == State.COLLECTING_SPONSORS:
            _check_sponsors(petition)
        if signature.hear_from_organisation and petition.organisation_id:
            people.record(_signed(petition, signature))
    if petition.state == State.OPEN:
        online, paper = counts.refresh(petition.pk)
        if online + paper >= next_tier(petition):
            check_thresholds(petition)
    return True


def _signed(petition: Petition, signature: Signature) -> people.Action:
    """A confirmed signer who ticked the group's own box, for that group's people."""
    label = f"Signed: {petition.action}"
    url = reverse("petition", args=[petition.pk])
    return people.by_ticking_its_box(petition.organisation, signature, "signed", label, url)


def total(petition: Petition) -> int:
    """Confirmed online signatures plus paper ones: what thresholds are measured against."""
    return sum(counts.refresh(petition.pk))


NO_TIER = 2**31  # a count no petition reaches: there is no tier left


def next_tier(petition: Petition) -> int:
    """The signatures of the lowest tier not yet reached, cached briefly for the hot path."""
    key = f"petition-next-tier:{petition.pk}"
    tier = cache.get(key)
    if tier is None:
        tier = (
            Threshold.objects.filter(scheme__borough_id=petition.borough_id)
            .exclude(pk__in=petition.reached.values("threshold_id"))
            .aggregate(lowest=Min("signatures"))["lowest"]
            or NO_TIER
        )
        cache.set(key, tier, NEXT_TIER_CACHE_SECONDS)
    return tier


def check_thresholds(petition: Petition) -> list[ThresholdReached]:
    """Record each tier the petition has newly reached, and tell moderators and the creator."""
    reached_now = []
    signatures = total(petition)
    already = set(petition.reached.values_list("threshold_id", flat=True))
    for threshold in Threshold.objects.filter(
        scheme__borough=petition.borough, signatures__lte=signatures
    ).exclude(pk__in=already):
        try:
            with transaction.atomic():
                reached = ThresholdReached.objects.create(
                    petition=petition, threshold=threshold, reached_at=timezone.now()
                )
        except IntegrityError:
            continue  # another process recorded it first
        reached_now.append(reached)
        _record(petition, "threshold reached", note=threshold.name)
        creator = petition.signatures.filter(is_creator=True).first()
        if creator is not None:
            _email(
                creator.email,
                "threshold",
                lambda count=threshold.signatures: (
                    _("Your petition reached %(count)s") % {"count": count}
                ),
                petition=petition,
                threshold=threshold,
            )
        counted = {"count": threshold.signatures, "what": threshold.what_happens}
        _notify_officers(
            petition,
            lambda counted=counted: (
                ngettext(
                    "A petition reached %(count)s signature",
                    "A petition reached %(count)s signatures",
                    counted["count"],
                )
                % counted
            ),
            lambda counted=counted: (
                ngettext(
                    "It reached %(count)s signature: %(what)s",
                    "It reached %(count)s signatures: %(what)s",
                    counted["count"],
                )
                % counted
            ),
        )
        debates.propose(petition, threshold, signatures)
        _changed(petition)
    if reached_now:
        cache.delete(f"petition-next-tier:{petition.pk}")
    return reached_now


def add_paper_signatures(petition: Petition, user, count: int, received_on, note: str = ""):
    with transaction.atomic():
        batch = PaperSignatures.objects.create(
            petition=petition, count=count, received_on=received_on, note=note, recorded_by=user
        )
        _record(petition, "paper signatures added", user, note=f"{count}: {note}")
        _changed(petition)
    if petition.state == State.OPEN:
        check_thresholds(petition)
    return batch


def record_response(petition: Petition, user) -> None:
    """After an officer publishes the response: record it and tell the opted-in signers."""
    _record(petition, "response published", user)
    _changed(petition)
    signers = petition.signatures.filter(state=Signature.State.VALIDATED, notify_by_email=True)

    def write() -> tuple[str, str]:
        context = {"petition": petition, "petition_url": link("petition", petition.pk)}
        return (
            _("The council has responded to a petition you signed"),
            render_to_string("petitions/emails/response.txt", context),
        )

    addresses = signers.values_list("email", flat=True).iterator()
    for email, subject, body in written_in_their_languages(addresses, write):
        send_email_after_commit(email, subject, body)


BY_WARD_EXACT_BELOW = 10_000  # signatures; above this the breakdown is kept briefly
BY_WARD_SECONDS = 30


def signatures_by_ward(petition: Petition) -> list[dict]:
    """Confirmed signatures per ward, most first. Counting them is one pass over the
    petition's signatures (50 ms at 200,000, on a page rendered every few seconds while it
    is read), so a big petition's breakdown is kept for BY_WARD_SECONDS; its headline count
    stays as exact as before (counts.shown)."""
    if counts.shown(petition.pk) < BY_WARD_EXACT_BELOW:
        return _count_by_ward(petition)
    key = f"petition-by-ward:{petition.pk}"
    rows = cache.get(key)
    if rows is None:
        rows = _count_by_ward(petition)
        cache.set(key, rows, BY_WARD_SECONDS)
    return rows


def _count_by_ward(petition: Petition) -> list[dict]:
    return list(
        petition.signatures.filter(state=Signature.State.VALIDATED, ward__isnull=False)
        .values("ward__code", "ward__name")
        .annotate(count=Count("pk"))
        .order_by("-count")
    )
