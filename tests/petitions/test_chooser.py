"""The admin's petition chooser (an event page's "petition" field opens it): petition
officers choose among every petition; other staff only among those the public can see,
never one still waiting for its creator's email or for moderation (issue 30)."""

import pytest

from townhall.petitions.models import Petition

pytestmark = pytest.mark.django_db

CHOOSE = "/admin/snippets/choose/petitions/petition/"


@pytest.fixture
def unconfirmed(new_petition) -> Petition:
    assert new_petition.state == Petition.State.PENDING
    return new_petition


@pytest.fixture
def public_petition() -> Petition:
    return Petition.objects.filter(state=Petition.State.OPEN).first()


@pytest.mark.parametrize("path", [CHOOSE, f"{CHOOSE}results/?q=trees", f"{CHOOSE}results/"])
def test_an_editor_never_sees_an_unconfirmed_petition(as_user, unconfirmed, public_petition, path):
    html = as_user("alliance-editor").get(path).content.decode()
    assert unconfirmed.action not in html
    if "q=" not in path:
        assert public_petition.action in html


def test_an_editor_cannot_choose_an_unconfirmed_petition_by_its_number(as_user, unconfirmed):
    client = as_user("alliance-editor")
    assert client.get(f"{CHOOSE}chosen/{unconfirmed.pk}/").status_code == 404


def test_an_editor_chooses_a_public_petition(as_user, public_petition):
    response = as_user("alliance-editor").get(f"{CHOOSE}chosen/{public_petition.pk}/")
    assert response.status_code == 200
    assert public_petition.action in response.content.decode()


def test_a_petition_officer_chooses_among_every_petition(as_user, unconfirmed):
    client = as_user("council-officer")
    assert unconfirmed.action in client.get(f"{CHOOSE}results/?q=trees").content.decode()
    assert client.get(f"{CHOOSE}chosen/{unconfirmed.pk}/").status_code == 200
