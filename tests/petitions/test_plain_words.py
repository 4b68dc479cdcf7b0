"""Plain words for the council's response to a petition (issue 29, point 4): written with
the response in the admin, shown first in it on the petition's page with its reading age."""

import pytest

from townhall.core.plain_words import reading_age
from townhall.petitions.models import PetitionResponse

pytestmark = pytest.mark.django_db

PLAIN = (
    "The council will plant 200 new trees this winter. Most will go on streets with few "
    "trees now.\nYou can ask for a tree outside your home."
)


def test_an_officer_writes_the_plain_words_with_the_response(as_user, open_petition, client):
    as_user("council-officer").post(
        f"/admin/petitions/moderate/{open_petition.pk}/respond/",
        {
            "text": "The council has agreed a programme of street tree planting.",
            "plain_summary": PLAIN,
            "responded_on": "2026-11-22",
        },
    )
    assert PetitionResponse.objects.get(petition=open_petition).plain_summary == PLAIN
    html = client.get(f"/petitions/{open_petition.pk}/").content.decode()
    response = html[html.index('id="response-title"') :]
    assert response.index("In plain words") < response.index("programme of street tree")
    assert '<h3 class="th-heading-s" id="plain-words-response">' in response
    assert "<p>You can ask for a tree outside your home.</p>" in response
    assert f"Reading age: about {reading_age(PLAIN)}." in response


def test_a_response_without_plain_words_shows_no_box(as_user, open_petition, client):
    as_user("council-officer").post(
        f"/admin/petitions/moderate/{open_petition.pk}/respond/",
        {"text": "We will plant trees.", "responded_on": "2026-11-22"},
    )
    html = client.get(f"/petitions/{open_petition.pk}/").content.decode()
    assert "We will plant trees." in html and "In plain words" not in html


def test_the_demo_response_has_plain_words(client):
    response = PetitionResponse.objects.exclude(plain_summary="").get()
    html = client.get(f"/petitions/{response.petition_id}/").content.decode()
    assert "In plain words" in html
