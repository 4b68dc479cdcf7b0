"""Who may do what with events' answers: organisers of the event's own organisation."""

import rules

from townhall.core import access
from townhall.core.predicates import add_record_rules, can_edit_page, section_of

add_record_rules("events.rsvp", section_of(lambda rsvp: rsvp.event))
rules.add_perm("events.email_attendees", can_edit_page)

access.declare(
    {
        "event_answers:index*": access.rule("events.view_rsvp"),
        "event_answers:inspect": access.rule("events.view_rsvp"),
        "event_answers:history*": access.rule("events.history_rsvp"),
        "event_answers:usage": access.rule("events.change_rsvp"),
        "event_answers:edit": access.rule("events.change_rsvp"),
        "event_answers:delete": access.rule("events.delete_rsvp"),
        "event_answers:add": access.rule("events.add_rsvp"),
        "event_answers:copy": access.rule("events.add_rsvp"),
        "event-email-attendees": access.rule("events.email_attendees"),
        "events*": access.reads("the events listings and calendars"),
        "event-ics": access.reads("one event's calendar file"),
        "event-rsvp": access.public("anyone may answer; rate-limited, confirmed by email"),
        "rsvp-confirm": access.token("the link emailed to the attendee"),
        "rsvp-cancel": access.token("the link emailed to the attendee"),
    }
)
