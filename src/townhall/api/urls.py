from django.urls import path
from ninja import NinjaAPI

from townhall.api.consultations import router as consultations
from townhall.api.council import router as council
from townhall.api.petitions import router as petitions

api = NinjaAPI(
    title="Townhall public API",
    version="1",
    description="Public facts about petitions (counts, states, thresholds, responses and "
    "signatures by ward) and the council's record (committees, meetings, decisions, "
    "programmes with their figures, and contracts), and consultations with their questions "
    "and published results. No personal data is ever included: "
    "councillors appear only in their public roles.",
    urls_namespace="public-api",
)
api.add_router("/", petitions)
api.add_router("/", council)
api.add_router("/", consultations)

urlpatterns = [path("api/", api.urls)]
