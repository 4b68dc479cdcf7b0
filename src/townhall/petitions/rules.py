"""Who may do what with petitions: the council's petition officers moderate them; a
petition's signers may be downloaded by officers and by the editors of the organisation
that started it. Staff choose a petition (for an event "to hand it in") only among those the
public can see; officers among every one."""

import rules

from townhall.core import access
from townhall.core.predicates import editor_of, is_admin_user, is_petition_officer


@rules.predicate("the petition is public")
def is_public_petition(user, petition=None) -> bool:
    """Asked without a petition (opening the chooser at all), it holds: the listing then
    shows public petitions only."""
    return petition is None or petition.is_public


rules.add_perm("petitions.moderate_petition", is_petition_officer)
rules.add_perm(
    "petitions.download_signers",
    is_petition_officer | editor_of(lambda petition: petition.organisation),
)
rules.add_perm(
    "petitions.choose_petition", is_petition_officer | (is_admin_user & is_public_petition)
)

_WAGTAIL = "the council's petition records, by Wagtail's model permissions (petition officers)"

access.declare(
    {
        "petitions_moderate": access.rule("petitions.moderate_petition"),
        "petitions_review": access.rule("petitions.moderate_petition"),
        "petitions_signers": access.rule("petitions.download_signers"),
        "wagtailsnippets_petitions_petition:*": access.wagtail(_WAGTAIL),
        "wagtailsnippetchoosers_petitions_petition:*": access.rule("petitions.choose_petition"),
        "wagtailsnippetchoosers_petitions_petition:create": access.wagtail(_WAGTAIL),
        "petition_thresholds:*": access.wagtail(_WAGTAIL),
        "signing_blocks:*": access.wagtail(_WAGTAIL),
        "petitions": access.reads("the petitions list"),
        "petition": access.reads("a published petition"),
        "petition-translated": access.public(
            "a published petition machine-translated for a reader who asked (GET); "
            "rate-limited, kept once translated"
        ),
        "petition-check": access.reads("searching for a similar petition first"),
        "petition-help": access.reads("help page"),
        "petition-create": access.public("anyone may start a petition; rate-limited"),
        "petition-sign": access.public("anyone may sign; rate-limited, confirmed by email"),
        "petition-confirm-creator": access.token("the link emailed to the creator"),
        "petition-creator-signers": access.token("the creator's own link"),
        "petition-sponsor": access.token("the link the creator shares with supporters"),
        "signature-confirm": access.token("the link emailed to the signer"),
    }
)
