"""Who may do what with donations: organisers see their own organisation's; its editors
download its Gift Aid claims; nobody adds or edits one (it is what the provider said)."""

import rules

from townhall.core import access
from townhall.core.predicates import add_record_rules, record_rule

add_record_rules("donations.donation", lambda donation: donation.organisation)
rules.set_perm("donations.add_donation", rules.always_deny)
rules.set_perm("donations.change_donation", rules.always_deny)
rules.add_perm("donations.claim_gift_aid", record_rule("donations.claim_gift_aid", lambda org: org))

access.declare(
    {
        "donations:index*": access.rule("donations.view_donation"),
        "donations:inspect": access.rule("donations.view_donation"),
        "donations:history*": access.rule("donations.history_donation"),
        "donations:usage": access.rule("donations.change_donation"),
        "donations:add": access.rule("donations.add_donation"),
        "donations:edit": access.rule("donations.change_donation"),
        "donations:delete": access.rule("donations.delete_donation"),
        "donations:gift_aid": access.rule("donations.claim_gift_aid"),
        "donation-start": access.public("anyone may give; rate-limited, paid at the provider"),
        "donation-thanks": access.token("the donation's own link, from the provider's return"),
        "donation-test-checkout": access.token("the donation's own link (test provider only)"),
        "donation-webhook": access.token("the provider's signature on each event"),
    }
)
