"""Who may do what with supporters: organisers of the supporter's own organisation."""

from townhall.core import access
from townhall.core.predicates import add_record_rules

add_record_rules("people.supporter", lambda supporter: supporter.organisation)

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
        "join": access.public("anyone may join a group; rate-limited, confirmed by email"),
        "join-check-email": access.reads("a message page"),
        "join-confirm": access.token("the link emailed to the supporter"),
        "join-unsubscribe": access.token("the link in every email to the supporter"),
    }
)
