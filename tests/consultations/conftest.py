import pytest

from townhall.consultations.models import ConsultationPage


@pytest.fixture
def libraries(db) -> ConsultationPage:
    return ConsultationPage.objects.get(slug="libraries-consultation")


@pytest.fixture
def started(client, libraries):
    """A resident who pressed Start: the address of their first page."""
    response = client.post(f"/consultations/{libraries.pk}/respond/")
    assert response.status_code == 302
    return response["Location"]
