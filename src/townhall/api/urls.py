from django.urls import path
from ninja import NinjaAPI

from townhall.api.petitions import router as petitions

api = NinjaAPI(
    title="Townhall public API",
    version="1",
    description="Public facts about petitions: counts, states, thresholds, responses and "
    "signatures by ward. No personal data is ever included.",
    urls_namespace="public-api",
)
api.add_router("/", petitions)

urlpatterns = [path("api/", api.urls)]
