"""Who may do what with the council's records: democratic services keep the register,
meetings and figures (Wagtail's model permissions, given to that group); the public reads."""

import rules

from townhall.core import access
from townhall.core.predicates import has_model_permission

rules.add_perm("council.import_figures", has_model_permission("council.add_measurevalue"))
rules.add_perm("council.import_spending", has_model_permission("council.add_payment"))

_WAGTAIL = "the council's register, by Wagtail's model permissions (democratic services)"

access.declare(
    {
        "figure-import:index": access.rule("council.import_figures"),
        "spending-import:index": access.rule("council.import_spending"),
        "spending*": access.reads("payments over £500, their charts and downloads"),
        **{
            f"{viewset}:*": access.wagtail(_WAGTAIL)
            for viewset in (
                "agendaitem",
                "committee",
                "contract",
                "councillor",
                "decision",
                "declaration",
                "interestsversion",
                "keydecision",
                "recordedvote",
                "measure",
                "measurevalue",
                "meeting",
                "meetingpaper",
                "membership",
                "papertext",
                "payment",
                "publicquestion",
            )
        },
        "councillors": access.reads("the councillors, and finding yours by postcode or ward"),
        "councillor-detail": access.reads("a councillor's public page"),
        "councillor-interests*": access.reads(
            "a councillor's register of interests, every version"
        ),
        "councillor-write": access.public(
            "anyone may write to a councillor who publishes an email; rate-limited, "
            "confirmed by email"
        ),
        "councillor-message-confirm": access.token("the link emailed to the writer"),
        "councillor-message-reply": access.token("the follow-up link emailed to the writer"),
        "committee*": access.reads("committees and their meetings"),
        "meeting-ask": access.public(
            "anyone may send a question or ask to speak before the deadline; rate-limited, "
            "confirmed by email"
        ),
        "question-confirm": access.token("the link emailed to the resident"),
        "meeting*": access.reads("meetings, their agendas and papers"),
        "forward-plan": access.reads("key decisions to come"),
        "decision*": access.reads("the decisions register and its feeds"),
        "contract*": access.reads("the contracts register"),
        "council-search": access.reads("searching the council's papers"),
    }
)
