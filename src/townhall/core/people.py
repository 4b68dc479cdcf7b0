"""One record per person per organisation (issue 18): what other apps tell the people app.

An app that sees a person act for an organisation (joining it, signing its petition, going
to its event, putting their name to its statement, giving to it) reports the action here.
The action is kept in that person's history only where the person agreed to hear from that
organisation: signing a petition is never consent to a group's emails (`consent` must say
so, with the wording shown and the purpose). The people app registers the recorder when it
starts, so core and the reporting apps know nothing of its models.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

EMAIL_UPDATES = "email_updates"  # the one purpose so far: the organisation's own emails


@dataclass(frozen=True)
class Consent:
    purpose: str
    wording: str  # exactly what the person agreed to


@dataclass(frozen=True)
class Action:
    organisation_id: int
    email: str
    name: str
    kind: str  # "joined", "signed", "attended", "co-signed", "followed", "gave"
    label: str  # what the history shows: "Signed: Save our libraries"
    at: datetime
    source: str  # the record it came from ("petitions.signature:12"): one entry each
    consent: Consent | None = None
    # The person gave this to the organisation itself (joined it, gave to it), so it is
    # kept even without consent to its emails; anything else needs `consent`.
    direct: bool = False
    postcode: str = ""
    url: str = ""


@dataclass(frozen=True)
class Recorder:
    record: Callable[[Action], object]
    withdraw: Callable[[int, str, str], object]
    forget: Callable[[int, str], object]


def by_ticking_its_box(organisation, record, kind: str, label: str, url: str = "") -> Action:
    """What `record` (a signature, an RSVP, a name on a statement: anything with the
    person's email and name) says of someone who ticked the organisation's own "Email me
    news" box: the consent is to its emails, in its wording."""
    return Action(
        organisation_id=organisation.pk,
        email=record.email,
        name=record.name,
        kind=kind,
        label=label,
        at=timezone.now(),
        source=f"{record._meta.label_lower}:{record.pk}",
        consent=Consent(EMAIL_UPDATES, organisation.consent_wording),
        postcode=getattr(record, "postcode", ""),
        url=url,
    )


_recorders: list[Recorder] = []


def register(recorder: Recorder) -> None:
    _recorders.append(recorder)


def record(action: Action) -> None:
    """Keep the action in the person's history, if they agreed to hear from the group."""
    for recorder in _recorders:
        recorder.record(action)


def withdraw(organisation_id: int, email: str, purpose: str = EMAIL_UPDATES) -> None:
    """The person no longer agrees (an unsubscribe link, a request to the group)."""
    for recorder in _recorders:
        recorder.withdraw(organisation_id, email, purpose)


def forget(organisation_id: int, email: str) -> None:
    """Erase the person and their history with this organisation (their own request)."""
    for recorder in _recorders:
        recorder.forget(organisation_id, email)
