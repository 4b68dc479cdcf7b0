"""Who may do what with joint statements: the statement's editors invite co-signers; only
the invited organisation's editors (not its moderators) answer for it."""

import rules

from townhall.core import access
from townhall.core.predicates import can_edit_page, editor_of, is_admin_user

rules.add_perm("statements.invite_cosigners", can_edit_page)
rules.add_perm(
    "statements.answer_invitation", editor_of(lambda invitation: invitation.organisation)
)
rules.add_perm("statements.view_invitations", is_admin_user)

access.declare(
    {
        "statement-invite": access.rule("statements.invite_cosigners"),
        "statement-invitations": access.rule("statements.view_invitations"),
        "statement-invitation-answer": access.rule("statements.answer_invitation"),
        "statements": access.reads("the list of published statements"),
        "statement-add-name": access.public("anyone may add their name; confirmed by email"),
        "statement-name-confirm": access.token("the link emailed to the co-signer"),
    }
)
