"""Who may do what with supporters: organisers of the supporter's own organisation."""

import rules

from townhall.core import access
from townhall.core.predicates import record_rule


def _organisation(supporter):
    return supporter.organisation


for _action in ("view", "change", "delete", "add"):
    rules.add_perm(
        f"people.{_action}_supporter",
        record_rule(f"people.{_action}_supporter", _organisation),
    )

access.declare(
    {
        "supporters:index*": access.rule("people.view_supporter"),
        "supporters:inspect": access.rule("people.view_supporter"),
        "supporters:history*": access.rule("people.view_supporter"),
        "supporters:usage": access.rule("people.view_supporter"),
        "supporters:edit": access.rule("people.change_supporter"),
        "supporters:delete": access.rule("people.delete_supporter"),
        "supporters:add": access.rule("people.add_supporter"),
        "supporters:copy": access.rule("people.add_supporter"),
        "join": access.public("anyone may join a group; rate-limited, confirmed by email"),
        "join-check-email": access.public("a message page"),
        "join-confirm": access.token("the link emailed to the supporter"),
        "join-unsubscribe": access.token("the link in every email to the supporter"),
    }
)
