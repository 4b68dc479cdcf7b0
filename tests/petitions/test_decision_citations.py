"""A petition's response can cite a council decision or agenda item; the decision's page
lists the petitions that cite it."""

from datetime import date

import pytest

from townhall.council.models import AgendaItem
from townhall.petitions.models import PetitionResponse

pytestmark = pytest.mark.django_db


def test_a_decision_lists_its_programme_contracts_and_the_petitions_citing_it(
    client, business_case, awarded, open_petition
):
    PetitionResponse.objects.create(
        petition=open_petition,
        text="The council decided this in 2011.",
        responded_on=date(2026, 11, 1),
        decision=business_case,
    )
    html = client.get(business_case.get_absolute_url()).content.decode()
    assert "New Support and Customer Service Organisation" in html  # its project
    assert f'href="{awarded.get_absolute_url()}"' in html
    assert f'Petition: <a href="/petitions/{open_petition.pk}/">' in html


def test_a_petition_response_citing_an_agenda_item_links_the_meeting(client, open_petition):
    item = AgendaItem.objects.get(title__startswith="Library strategy")
    PetitionResponse.objects.create(
        petition=open_petition, text="Debated.", responded_on=date(2026, 11, 1), agenda_item=item
    )
    html = client.get(f"/petitions/{open_petition.pk}/").content.decode()
    assert f'href="{item.meeting.get_absolute_url()}#item-{item.number}"' in html
    decision_page = client.get(item.decisions.get().get_absolute_url()).content.decode()
    assert open_petition.action in decision_page


def test_a_petition_not_yet_public_is_not_listed_on_the_decision(
    client, business_case, new_petition
):
    PetitionResponse.objects.create(
        petition=new_petition, text="x", responded_on=date(2026, 11, 1), decision=business_case
    )
    assert new_petition.action not in client.get(business_case.get_absolute_url()).content.decode()


def test_officers_cite_a_decision_in_a_petition_response(as_user, open_petition, business_case):
    as_user("council-officer").post(
        f"/admin/petitions/moderate/{open_petition.pk}/respond/",
        {"text": "See the decision.", "responded_on": "2026-11-22", "decision": business_case.pk},
    )
    assert PetitionResponse.objects.get(petition=open_petition).decision == business_case
