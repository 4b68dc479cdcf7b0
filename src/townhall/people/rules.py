"""Who may do what with supporters: organisers of the supporter's own organisation."""

import rules

from townhall.core import access
from townhall.core.predicates import add_record_rules, record_rule

add_record_rules("people.supporter", lambda supporter: supporter.organisation)
add_record_rules("people.person", lambda person: person.organisation)
add_record_rules("people.tag", lambda tag: tag.organisation)
add_record_rules("people.segment", lambda segment: segment.organisation)
# Downloading a segment's addresses, or tagging all of it, is the editors' (who may change
# people), not the moderators' (who may look at them).
_changes_its_people = record_rule("people.change_person", lambda segment: segment.organisation)
rules.add_perm("people.export_segment", _changes_its_people)
rules.add_perm("people.tag_segment", _changes_its_people)
# Bringing a group's supporters in from NationBuilder or Action Network, and taking them all
# out in those columns, is its editors' too: moderators may look at people, not add them.
_changes_the_groups_people = record_rule("people.change_person", lambda organisation: organisation)
rules.add_perm("people.import_people", _changes_the_groups_people)
rules.add_perm("people.export_people", _changes_the_groups_people)
add_record_rules("people.mailing", lambda mailing: mailing.organisation)
# Sending, and approving another editor's mailing, is the editors' alone: a moderator may
# look at mailings and their results, never send one.
_sends = record_rule("people.send_mailing", lambda mailing: mailing.organisation)
rules.add_perm("people.send_mailing", _sends)
rules.add_perm("people.approve_mailing", _sends)
# People come from their own actions, never made up in the admin (people.wagtail_hooks).
rules.add_perm("people.create_in_admin", rules.always_deny)

access.declare(
    {
        "supporters:index*": access.rule("people.view_supporter"),
        "supporters:inspect": access.rule("people.view_supporter"),
        "supporters:history*": access.rule("people.history_supporter"),
        "supporters:usage": access.rule("people.change_supporter"),
        "supporters:edit": access.rule("people.change_supporter"),
        "supporters:delete": access.rule("people.delete_supporter"),
        "supporters:add": access.rule("people.add_supporter"),
        "supporters:copy": access.rule("people.add_supporter"),
        "people:index*": access.rule("people.view_person"),
        "people:inspect": access.rule("people.view_person"),
        "people:history*": access.rule("people.history_person"),
        "people:usage": access.rule("people.change_person"),
        "people:add": access.rule("people.create_in_admin"),
        "people:edit": access.rule("people.change_person"),
        "people:delete": access.rule("people.delete_person"),
        "people:import": access.rule("people.import_people"),
        "people:import_preview": access.rule("people.import_people"),
        "people:export_as": access.rule("people.export_people"),
        "person_tags:index*": access.rule("people.view_tag"),
        "person_tags:history*": access.rule("people.history_tag"),
        "person_tags:usage": access.rule("people.change_tag"),
        "person_tags:add": access.rule("people.add_tag"),
        "person_tags:edit": access.rule("people.change_tag"),
        "person_tags:delete": access.rule("people.delete_tag"),
        "segments:index*": access.rule("people.view_segment"),
        "segments:inspect": access.rule("people.view_segment"),
        "segments:history*": access.rule("people.history_segment"),
        "segments:usage": access.rule("people.change_segment"),
        "segments:add": access.rule("people.add_segment"),
        "segments:edit": access.rule("people.change_segment"),
        "segments:delete": access.rule("people.delete_segment"),
        "segments:export": access.rule("people.export_segment"),
        "segments:tag": access.rule("people.tag_segment"),
        "mailings:index*": access.rule("people.view_mailing"),
        "mailings:inspect": access.rule("people.view_mailing"),
        "mailings:preview": access.rule("people.view_mailing"),
        "mailings:preview_html": access.rule("people.view_mailing"),
        "mailings:history*": access.rule("people.history_mailing"),
        "mailings:usage": access.rule("people.change_mailing"),
        "mailings:add": access.rule("people.add_mailing"),
        "mailings:edit": access.rule("people.change_mailing"),
        "mailings:test": access.rule("people.change_mailing"),
        "mailings:ask": access.rule("people.change_mailing"),
        "mailings:delete": access.rule("people.delete_mailing"),
        "mailings:send": access.rule("people.send_mailing"),
        "mailings:cancel": access.rule("people.send_mailing"),
        "mailings:approve": access.rule("people.approve_mailing"),
        "mailing-unsubscribe": access.token("the link in each copy of a mailing"),
        "mailing-link": access.token("the counted link in one copy of a mailing"),
        "mailing-events": access.token("the mail provider's shared token (MAIL_EVENTS_TOKEN)"),
        "join": access.public("anyone may join a group; rate-limited, confirmed by email"),
        "join-check-email": access.reads("a message page"),
        "join-confirm": access.token("the link emailed to the supporter"),
        "join-unsubscribe": access.token("the link in every email to the supporter"),
    }
)
