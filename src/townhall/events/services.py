"""RSVPs as plain functions: email confirmation, exact places, the waiting list, reminders.

Places are counted in one `EventPlaces` row per event and taken with a conditional UPDATE
(`taken + n <= capacity`), so concurrent confirmations from any number of processes can
never overbook: the database refuses the update that would. Cancelling gives the places
back and offers them to the waiting list in the order people joined it, in one transaction.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from townhall.core import pagecache, people
from townhall.core.email_addresses import normalise_email
from townhall.core.errors import Refused
from townhall.core.languages import speaking_to
from townhall.core.mail import send_email_after_commit
from townhall.core.services import sections
from townhall.events.models import EventPage, EventPlaces, Rsvp, new_token

State = Rsvp.State


@dataclass(frozen=True)
class Answer:
    name: str
    email: str
    guests: int = 0
    hide_name: bool = False
    hear_from_organisation: bool = False  # its own box: see Rsvp


def _link(name: str, *args) -> str:
    return settings.TOWNHALL_BASE_URL + reverse(name, args=args)


def _email(rsvp: Rsvp, template: str, subject: str | Callable[[], str], **context) -> None:
    """Write to one person in their language, links included. Where this runs outside their
    own request (an organiser's publishing, the worker), pass the subject as a function."""
    with speaking_to(rsvp.email):
        body = render_to_string(
            f"events/emails/{template}.txt",
            {
                "rsvp": rsvp,
                "event": rsvp.event,
                "event_url": settings.TOWNHALL_BASE_URL + rsvp.event.url,
                "cancel_url": _link("rsvp-cancel", rsvp.token),
                **context,
            },
        )
        subject = subject() if callable(subject) else subject
    send_email_after_commit(rsvp.email, subject, body)


def _changed(event: EventPage) -> None:
    """The event's page shows places left and who is going: show the change at once."""
    transaction.on_commit(lambda: pagecache.invalidate(pagecache.page_tag(event.pk)))


def _take(event: EventPage, count: int) -> bool:
    """Take `count` places if they are free; False (and nothing taken) if not."""
    EventPlaces.objects.get_or_create(event=event)
    rows = EventPlaces.objects.filter(event=event)
    if event.capacity is not None:
        rows = rows.filter(taken__lte=event.capacity - count)
    return rows.update(taken=F("taken") + count) == 1


def _give_back(event: EventPage, count: int) -> None:
    EventPlaces.objects.filter(event=event).update(taken=F("taken") - count)


def _lock(rsvp: Rsvp) -> Rsvp:
    # Lock the answer only (of=self): locking the joined event page too would make every
    # confirmation, and editors publishing the page, queue behind each other.
    return Rsvp.objects.select_for_update(of=("self",)).select_related("event").get(pk=rsvp.pk)


def check_open(event: EventPage) -> None:
    if not event.live:
        raise Refused(gettext("This event is not published."))
    if event.cancelled:
        raise Refused(gettext("This event has been cancelled."))
    if event.is_past:
        raise Refused(gettext("This event is over."))
    if not event.rsvp_open:
        raise Refused(gettext("This event is not taking RSVPs."))


def rsvp(event: EventPage, answer: Answer) -> Rsvp:
    """Record an answer and email a link to confirm it.

    The same email again updates the first answer rather than adding a second: before
    confirming (or after cancelling) it sends a fresh link; once going or waiting, it changes
    the name shown and the guests, taking or giving back places as needed.
    """
    check_open(event)
    if answer.guests > event.max_guests:
        raise Refused(
            ngettext(
                "You can bring up to %(count)s guest.",
                "You can bring up to %(count)s guests.",
                event.max_guests,
            )
            % {"count": event.max_guests}
        )
    normalised = normalise_email(answer.email)
    with transaction.atomic():
        found, created = Rsvp.objects.select_for_update().get_or_create(
            event=event,
            normalised_email=normalised,
            defaults={
                "name": answer.name,
                "email": answer.email,
                "guests": answer.guests,
                "hide_name": answer.hide_name,
                "hear_from_organisation": answer.hear_from_organisation,
            },
        )
        found.event = event
        if created or found.state in (State.PENDING, State.CANCELLED):
            found.name, found.email, found.hide_name = answer.name, answer.email, answer.hide_name
            found.guests, found.state = answer.guests, State.PENDING
            found.hear_from_organisation = answer.hear_from_organisation
            found.token, found.link_sent_at = new_token(), timezone.now()
            found.save()
            _email(
                found,
                "confirm",
                f"{event.words['confirm']}: {event.title}",
                confirm_url=_link("rsvp-confirm", found.token),
            )
            return found
        change = answer.guests - found.guests
        if found.state == State.GOING and change > 0 and not _take(event, change):
            raise Refused(
                ngettext(
                    "There are not enough places left for %(count)s more guest.",
                    "There are not enough places left for %(count)s more guests.",
                    change,
                )
                % {"count": change}
            )
        if found.state == State.GOING and change < 0:
            _give_back(event, -change)
            _offer_places(event)
        found.name, found.hide_name, found.guests = answer.name, answer.hide_name, answer.guests
        found.save(update_fields=["name", "hide_name", "guests"])
        _changed(event)
        _email(
            found, "updated", gettext("Your RSVP is updated: %(title)s") % {"title": event.title}
        )
        return found


def confirm(rsvp: Rsvp) -> str:
    """The emailed link's button: going if there are places, otherwise the waiting list.

    Repeats change nothing and return the state the answer is already in."""
    with transaction.atomic():
        found = _lock(rsvp)
        if found.state != State.PENDING:
            return found.state
        check_open(found.event)
        now = timezone.now()
        if _take(found.event, found.places):
            found.state, found.confirmed_at = State.GOING, now
            _email(found, "going", f"{found.event.words['going']}: {found.event.title}")
        else:
            found.state, found.waiting_since = State.WAITING, now
            _email(
                found,
                "waiting",
                gettext("You are on the waiting list: %(title)s") % {"title": found.event.title},
            )
        found.save(update_fields=["state", "confirmed_at", "waiting_since"])
        _changed(found.event)
        # Only those who ticked the group's box, or offered the group their help: the
        # others cost no lookup on this path.
        wanted = found.hear_from_organisation or found.event.volunteering
        organisation = wanted and sections.section_owner(found.event)
        if organisation:
            people.record(_answered(found, organisation))
        return found.state


def _answered(rsvp: Rsvp, organisation) -> people.Action:
    """A confirmed answer for the group's people: from someone who ticked its own box, or
    an offer to help, which is made to the group itself (its emails still need the box)."""
    event = rsvp.event
    # Kept in the group's records of its people: in the site's language, whoever answered.
    with translation.override(settings.LANGUAGE_CODE):
        label = f"{event.words['history']}: {event.title}"
    kind = "volunteered" if event.volunteering else "rsvp"
    action = people.by_ticking_its_box(organisation, rsvp, kind, label, event.url or "")
    if event.volunteering:
        consent = action.consent if rsvp.hear_from_organisation else None
        action = replace(action, direct=True, consent=consent)
    return action


def cancel(rsvp: Rsvp) -> bool:
    """The emailed cancel link's button; False if it was cancelled already."""
    with transaction.atomic():
        found = _lock(rsvp)
        if found.state == State.CANCELLED:
            return False
        was_going = found.state == State.GOING
        found.state, found.cancelled_at = State.CANCELLED, timezone.now()
        found.save(update_fields=["state", "cancelled_at"])
        if was_going:
            _give_back(found.event, found.places)
            _offer_places(found.event)
            _changed(found.event)
    return True


def _offer_places(event: EventPage) -> list[Rsvp]:
    """Move people from the waiting list while their party fits, first come first served.

    Call inside the transaction that freed the places."""
    promoted = []
    # skip_locked: two cancellations at once each promote a different person, instead of
    # the second waiting on the first and then finding nobody (PostgreSQL re-checks the row).
    lock = {"skip_locked": True} if connection.features.has_select_for_update_skip_locked else {}
    while True:
        waiting = (
            Rsvp.objects.select_for_update(**lock)
            .filter(event=event, state=State.WAITING)
            .order_by("waiting_since", "pk")
            .first()
        )
        if waiting is None or not _take(event, waiting.places):
            return promoted
        waiting.state, waiting.confirmed_at = State.GOING, timezone.now()
        waiting.save(update_fields=["state", "confirmed_at"])
        waiting.event = event
        _email(
            waiting,
            "promoted",
            lambda: gettext("A place is yours: %(title)s") % {"title": event.title},
        )
        promoted.append(waiting)


def capacity_changed(event: EventPage) -> list[Rsvp]:
    """After an organiser raises the capacity: offer the new places to the waiting list."""
    with transaction.atomic():
        _changed(event)
        return _offer_places(event)


def _local_day_bounds(day) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.combine(day, datetime.min.time(), tzinfo=zone)
    return start, datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=zone)


def send_reminders(now: datetime | None = None) -> int:
    """Remind everyone going to an event that starts tomorrow (local time), once each."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    start, end = _local_day_bounds(tomorrow)
    sent = 0
    for found in Rsvp.objects.filter(
        state=State.GOING,
        reminded_at=None,
        event__starts_at__gte=start,
        event__starts_at__lt=end,
        event__cancelled=False,
        event__live=True,
    ).select_related("event"):
        with transaction.atomic():
            # The conditional update makes a second worker running at once send nothing.
            if Rsvp.objects.filter(pk=found.pk, reminded_at=None).update(reminded_at=now):
                _email(
                    found,
                    "reminder",
                    lambda title=found.event.title: (
                        gettext("Tomorrow: %(title)s") % {"title": title}
                    ),
                )
                sent += 1
    return sent


def _schedule(event: EventPage) -> dict:
    return {
        "starts_at": event.starts_at.isoformat(),
        "ends_at": event.ends_at.isoformat(),
        "place": " ".join(filter(None, [event.venue_name, event.address, event.online_url])),
        "cancelled": event.cancelled,
    }


def published(event: EventPage) -> int:
    """After each publication: if the time, place or cancellation changed since attendees
    were last told, tell everyone going or waiting. Returns how many were emailed."""
    with transaction.atomic():
        record, _ = EventPlaces.objects.select_for_update().get_or_create(event=event)
        schedule, told = _schedule(event), record.announced
        record.announced = schedule
        record.save(update_fields=["announced"])
        if not told or told == schedule:
            _offer_places(event)
            return 0
        template = "cancelled" if event.cancelled and not told["cancelled"] else "moved"
        if template == "cancelled":
            subject = lambda: gettext("Cancelled: %(title)s") % {"title": event.title}  # noqa: E731
        else:
            subject = lambda: gettext("Changed: %(title)s") % {"title": event.title}  # noqa: E731
        people = list(event.rsvps.filter(state__in=[State.GOING, State.WAITING]))
        for found in people:
            found.event = event
            _email(found, template, subject)
        return len(people)


def email_attendees(event: EventPage, subject: str, message: str, include_waiting=False) -> int:
    """An organiser's message to everyone going (and waiting, if chosen)."""
    states = [State.GOING, State.WAITING] if include_waiting else [State.GOING]
    people = list(event.rsvps.filter(state__in=states))
    for found in people:
        found.event = event
        _email(found, "organiser", subject, message=message)
    return len(people)
