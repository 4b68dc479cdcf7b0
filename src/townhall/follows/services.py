"""Following by email: double opt-in, digests daily or weekly, one-click unsubscribe."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from townhall.core import people
from townhall.core.digests import SOURCES
from townhall.core.email_addresses import normalise_email
from townhall.core.languages import speaking_to
from townhall.core.mail import send_email_after_commit
from townhall.core.models import Organisation
from townhall.core.services import email_delivery
from townhall.follows.models import Follow, Follower, new_token

# A little under a day or a week, so a timer that runs at slightly different times each day
# still sends each digest.
DUE_AFTER = {"daily": timedelta(hours=20), "weekly": timedelta(days=6, hours=20)}


class UnknownTarget(Exception):
    """There is nothing public of this kind with this id to follow."""


def _url(name: str, token: str) -> str:
    return settings.TOWNHALL_BASE_URL + reverse(name, args=[token])


def _unsubscribe_headers(follower: Follower) -> dict[str, str]:
    # RFC 8058 one-click unsubscribe, which mail programs show as a button.
    return {
        "List-Unsubscribe": f"<{_url('follow-unsubscribe', follower.token)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def target_name(kind: str, target_id: int) -> str:
    source = SOURCES.get(kind)
    name = source.name(target_id) if source else None
    if name is None:
        raise UnknownTarget
    return name


def follow(
    kind: str, target_id: int, email: str, frequency: str, *, hear_from_organisation: bool = False
) -> Follow:
    """Ask to follow; a link to confirm is emailed. Asking again sends a fresh link, and the
    frequency chosen takes effect only when confirmed (so nobody else can change it)."""
    name = target_name(kind, target_id)
    normalised = normalise_email(email)
    with transaction.atomic():
        try:
            with transaction.atomic():
                follower, _ = Follower.objects.get_or_create(
                    normalised_email=normalised, defaults={"email": email}
                )
        except IntegrityError:  # two requests raced to create the follower
            follower = Follower.objects.get(normalised_email=normalised)
        wanted, _ = Follow.objects.get_or_create(
            follower=follower, kind=kind, target_id=target_id, defaults={"frequency": frequency}
        )
        wanted.frequency, wanted.token = frequency, new_token()
        wanted.hear_from_organisation = hear_from_organisation
        wanted.save(update_fields=["frequency", "token", "hear_from_organisation"])
        body = render_to_string(
            "follows/emails/confirm.txt",
            {
                "name": name,
                "frequency": frequency,
                "confirm_url": _url("follow-confirm", wanted.token),
            },
        )
        subject = gettext("Confirm you want to follow %(name)s") % {"name": name}
        send_email_after_commit(email, subject, body)
    return wanted


def confirm(wanted: Follow) -> bool:
    """The emailed link's button: the follow starts, and the follower's frequency is set."""
    with transaction.atomic():
        changed = Follow.objects.filter(pk=wanted.pk, confirmed_at=None).update(
            confirmed_at=timezone.now()
        )
        Follower.objects.filter(pk=wanted.follower_id).update(
            frequency=wanted.frequency, unsubscribed_at=None
        )
        if changed and wanted.kind == "organisation" and wanted.hear_from_organisation:
            _joins_its_people(wanted)
    return bool(changed)


def _joins_its_people(wanted: Follow) -> None:
    """A confirmed follower of a group who ticked its box: one of its people, with the
    follow in their history and the group's wording as their consent."""
    organisation = Organisation.objects.filter(pk=wanted.target_id).first()
    if organisation is None:
        return
    follower = wanted.follower
    people.record(
        people.Action(
            organisation_id=organisation.pk,
            email=follower.email,
            name=follower.email.split("@")[0],  # following asks for no name
            kind="followed",
            label=f"Followed {organisation.name} by email",
            at=timezone.now(),
            source=f"follows.follow:{wanted.pk}",
            consent=people.Consent(people.EMAIL_UPDATES, organisation.consent_wording),
        )
    )


def unsubscribe(follower: Follower) -> bool:
    """Stop every digest to this address; False when it was stopped already."""
    return bool(
        Follower.objects.filter(pk=follower.pk, unsubscribed_at=None).update(
            unsubscribed_at=timezone.now()
        )
    )


def erase(follower: Follower) -> None:
    email_delivery.forget(follower.email)
    follower.delete()


def _news_for(follower: Follower, since: datetime) -> list[tuple[str, list]]:
    sections = []
    for wanted in follower.follows.exclude(confirmed_at=None).order_by("created_at"):
        source = SOURCES.get(wanted.kind)
        name = source.name(wanted.target_id) if source else None
        if name is None:
            continue
        items = source.news_since(wanted.target_id, max(since, wanted.confirmed_at))
        if items:
            sections.append((name, items))
    return sections


def _digest_subject(frequency: str, count: int) -> str:
    if frequency == Follower.Frequency.DAILY:
        subject = ngettext(
            # Translators: an email's subject; count is how many new things it lists.
            "Your daily digest: %(count)s new",
            "Your daily digest: %(count)s new",
            count,
        )
    else:
        subject = ngettext(
            # Translators: an email's subject; count is how many new things it lists.
            "Your weekly digest: %(count)s new",
            "Your weekly digest: %(count)s new",
            count,
        )
    return subject % {"count": count}


def send_digests(now: datetime | None = None) -> int:
    """Send every digest that is due; returns how many were sent. Safe to run often."""
    now = now or timezone.now()
    sent = 0
    followers = Follower.objects.filter(unsubscribed_at=None, follows__confirmed_at__isnull=False)
    for follower in followers.distinct():
        since = follower.covered_until or min(
            f.confirmed_at for f in follower.follows.exclude(confirmed_at=None)
        )
        if follower.covered_until and now - follower.covered_until < DUE_AFTER[follower.frequency]:
            continue
        # In the language the follower used when they followed: items' words and links too.
        with speaking_to(follower.email):
            sections = _news_for(follower, since)
        with transaction.atomic():
            # Claim the period first: a second worker running at once sends nothing.
            claimed = Follower.objects.filter(
                pk=follower.pk, covered_until=follower.covered_until
            ).update(covered_until=now)
            if not claimed or not sections:
                continue
            with speaking_to(follower.email):
                body = render_to_string(
                    "follows/emails/digest.txt",
                    {
                        "sections": sections,
                        "frequency": follower.frequency,
                        "unsubscribe_url": _url("follow-unsubscribe", follower.token),
                    },
                )
                subject = _digest_subject(follower.frequency, sum(len(i) for _, i in sections))
                headers = _unsubscribe_headers(follower)
            send_email_after_commit(follower.email, subject, body, headers)
            sent += 1
    return sent
