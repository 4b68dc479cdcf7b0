"""A petition machine-translated when a reader asks, with Townhall's own labelled test
translator (the translators' APIs are tested in tests/i18n/test_machine_translation.py)."""

import pytest
from django.utils.html import escape

from townhall.core.models import MachineTranslation
from townhall.petitions.models import Petition

pytestmark = pytest.mark.django_db


@pytest.fixture
def petition(settings) -> Petition:
    settings.TOWNHALL_MACHINE_TRANSLATION_URL = "labelled://?source=pl"
    return Petition.objects.filter(state=Petition.State.OPEN).first()


def test_the_petition_page_offers_a_translation_and_the_translation_is_labelled(client, petition):
    page = client.get(f"/pl/petitions/{petition.pk}/").content.decode()
    assert f'action="/pl/petitions/{petition.pk}/translated/"' in page
    html = client.get(f"/petitions/{petition.pk}/translated/").content.decode()
    assert escape(f"[en-gb] {petition.action}") in html
    assert (
        "Machine translation from Polish by <bdi>Townhall&#x27;s labelled test translator" in html
    )
    assert f'<a href="/petitions/{petition.pk}/">show the original</a>' in html


def test_a_petition_not_yet_public_has_no_translation(client, petition):
    Petition.objects.filter(pk=petition.pk).update(state=Petition.State.SPONSORED)
    assert client.get(f"/petitions/{petition.pk}/translated/").status_code == 404
    assert not MachineTranslation.objects.exists()
