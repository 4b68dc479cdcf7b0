"""Consultations whose outcome cites a council decision, for the decision's page."""

from django.utils.translation import gettext as _

from townhall.core import translations
from townhall.core.citations import Citation


def consultations_citing(decision_id: int) -> list[Citation]:
    from townhall.consultations.models import ConsultationPage

    # Each once: a translation copies the decision it cites (core.translations).
    pages = translations.originals(ConsultationPage.objects.live().public())
    pages = translations.in_reader_language(pages.filter(outcome_decision_id=decision_id))
    return [Citation(_("Consultation"), page.title, page.url) for page in pages]
