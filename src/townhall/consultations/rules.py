"""Who may do what with consultations: the people who may edit a consultation's page read,
moderate, export and erase its responses; residents answer through their response's link."""

import rules

from townhall.consultations.models import ConsultationPage
from townhall.core import access
from townhall.core.predicates import can_edit_page, edits_a_page_of_type, is_superuser


@rules.predicate("edits a consultation")
def edits_a_consultation(user) -> bool:
    return edits_a_page_of_type(user, ConsultationPage)


rules.add_perm("consultations.manage_consultation", can_edit_page)
rules.add_perm("consultations.view_consultations", is_superuser | edits_a_consultation)

access.declare(
    {
        "consultation-responses": access.rule("consultations.view_consultations"),
        "consultation-analysis": access.rule("consultations.manage_consultation"),
        "consultation-moderate": access.rule("consultations.manage_consultation"),
        "consultation-answers": access.rule("consultations.manage_consultation"),
        "consultation-erase": access.rule("consultations.manage_consultation"),
        "consultation-file": access.rule("consultations.manage_consultation"),
        "consultation-export": access.rule("consultations.manage_consultation"),
        "consultations": access.reads("the consultations hub"),
        "survey-series": access.reads("a repeated survey's results over time"),
        "consultation-results": access.reads("published results"),
        "consultation-start": access.public("anyone may respond; rate-limited"),
        "consultation-answer": access.token("the response's own resume link"),
        "consultation-save": access.token("the response's own resume link"),
        "consultation-check": access.token("the response's own resume link"),
        "consultation-receipt": access.token("the response's own resume link"),
    }
)
