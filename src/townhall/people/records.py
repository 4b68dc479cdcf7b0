"""Each organisation's people, one record per address, from the actions other apps report
through core.people: who they are, what they did, what they agreed to, and when."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from townhall.core import people
from townhall.core.email_addresses import normalise_email
from townhall.core.models import Borough, Ward
from townhall.core.services.postcodes import ward_for_postcode
from townhall.people.models import Activity, Consent, Person


def record(action: people.Action) -> Person | None:
    """Keep the action in the person's history; None when it may not be kept (no consent
    to hear from the organisation, and not given to it directly). Safe to repeat: each
    source record gives one entry, and a consent already current is not given twice."""
    if action.consent is None and not action.direct:
        return None
    email = normalise_email(action.email)
    for _attempt in range(2):  # a second try when two requests create the person at once
        try:
            with transaction.atomic():
                return _record(action, email)
        except IntegrityError:
            continue
    raise RuntimeError("could not record the action")  # pragma: no cover - two races in a row


def _record(action: people.Action, email: str) -> Person:
    person = (
        Person.objects.select_for_update()
        .filter(organisation_id=action.organisation_id, email=email)
        .first()
    )
    if person is None:
        person = Person.objects.create(
            organisation_id=action.organisation_id,
            email=email,
            name=action.name,
            postcode=action.postcode,
            ward=_ward(action),
            first_seen_at=action.at,
            last_seen_at=action.at,
        )
    elif action.at >= person.last_seen_at:
        person.name = action.name or person.name  # the latest name they gave
        if action.postcode and action.postcode != person.postcode:
            person.postcode = action.postcode
            person.ward = _ward(action)
        person.last_seen_at = action.at
        person.undeliverable_since = None  # they gave the address again: try it again
        person.save(
            update_fields=["name", "postcode", "ward", "last_seen_at", "undeliverable_since"]
        )
    if action.consent and action.consent.purpose not in person.consents_now():
        Consent.objects.create(
            person=person,
            purpose=action.consent.purpose,
            wording=action.consent.wording,
            source=action.source,
            given_at=action.at,
        )
    Activity.objects.get_or_create(
        person=person,
        source=action.source,
        defaults={
            "kind": action.kind,
            "label": action.label[:300],
            "url": action.url,
            "at": action.at,
        },
    )
    return person


def _ward(action: people.Action) -> Ward | None:
    if not action.postcode:
        return None
    borough = Borough.objects.filter(organisations=action.organisation_id).first()
    return ward_for_postcode(borough, action.postcode) if borough else None


def withdraw(organisation_id: int, email: str, purpose: str) -> int:
    """End the person's current consent to `purpose`; how many were ended."""
    return Consent.objects.filter(
        person__organisation_id=organisation_id,
        person__email=normalise_email(email),
        purpose=purpose,
        withdrawn_at=None,
    ).update(withdrawn_at=timezone.now())


def forget(organisation_id: int, email: str) -> int:
    """Delete the person, their consents and their history with this organisation, and
    their address from the mailings they were sent (the figures keep an anonymous copy)."""
    found = Person.objects.filter(organisation_id=organisation_id, email=normalise_email(email))
    deleted, _ = found.delete()  # people.signals empties their mailing copies' address
    return deleted


def current_email_consent(person: Person) -> bool:
    return people.EMAIL_UPDATES in person.consents_now()
