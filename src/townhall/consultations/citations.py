"""Consultations whose outcome cites a council decision, for the decision's page."""

from townhall.core.citations import Citation


def consultations_citing(decision_id: int) -> list[Citation]:
    from townhall.consultations.models import ConsultationPage

    pages = ConsultationPage.objects.live().public().filter(outcome_decision_id=decision_id)
    return [Citation("Consultation", page.title, page.url) for page in pages]
