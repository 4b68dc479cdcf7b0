import pytest

from townhall.core.models import Borough, Ward
from townhall.petitions import services
from townhall.petitions.models import Petition


@pytest.fixture
def borough(db) -> Borough:
    return Borough.objects.get(ons_code="E09000003")


@pytest.fixture
def ward(db) -> Ward:
    return Ward.objects.order_by("code").first()


@pytest.fixture
def signer(ward):
    def make(number: int = 0, **changes) -> services.Signer:
        values = {
            "name": f"Person {number}",
            "email": f"person{number}@example.org",
            "postcode": "EN5 4BW",
            "ward": ward,
            "notify_by_email": True,
            "ip_address": "192.0.2.1",
        }
        return services.Signer(**{**values, **changes})

    return make


@pytest.fixture
def new_petition(borough, signer) -> Petition:
    return services.create(
        borough,
        action="Plant more street trees",
        background="Shade.",
        additional_details="",
        organisation=None,
        creator=signer(99, email="creator@example.org"),
    )


def sign_and_confirm(petition, signer_spec):
    return services.confirm_signature(services.sign(petition, signer_spec))


@pytest.fixture
def open_petition(new_petition, signer, as_user) -> Petition:
    from django.contrib.auth import get_user_model

    services.confirm_creator(new_petition)
    for number in range(5):
        sign_and_confirm(new_petition, signer(number))
    new_petition.refresh_from_db()
    services.approve(new_petition, get_user_model().objects.get(username="council-officer"))
    new_petition.refresh_from_db()
    return new_petition
