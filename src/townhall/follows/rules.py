"""Following needs no account: anyone may ask, and the emailed links confirm or stop it."""

from townhall.core import access

access.declare(
    {
        "follow": access.public("anyone may follow; rate-limited, confirmed by email"),
        "follow-confirm": access.token("the link emailed to the follower"),
        "follow-unsubscribe": access.token("the link in every email to the follower"),
    }
)
