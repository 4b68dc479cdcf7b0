"""No personal data in the API (issue 20): every GET path of the OpenAPI document is called,
with a real id or slug wherever the path takes one, and no answer holds an email address
(other than a councillor's published one) or a full postcode."""

import re

import pytest

from townhall.core.models import Organisation
from townhall.council.models import Councillor, Meeting
from townhall.datasets.models import Dataset
from townhall.petitions.models import Petition

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")


def _values() -> dict[str, str]:
    return {
        "pk": str(Petition.objects.filter(state="open").first().pk),
        "slug": Councillor.objects.first().slug,
        "page_id": "1",
    }


def _paths(client) -> list[str]:
    schema = client.get("/api/openapi.json").json()
    values = _values()
    found = []
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        filled = re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), "1"), path)
        found.append(filled)
    # The paths whose parameter is another record's key: one of each kind too.
    meeting = Meeting.objects.filter(agenda__isnull=False).first()
    found += [
        f"/api/meetings/{meeting.pk}",
        f"/api/committees/{meeting.committee.slug}",
        f"/api/datasets/{Dataset.objects.first().slug}/observations",
        f"/api/organisations/{Organisation.objects.first().slug}",
    ]
    return found


def test_no_api_answer_holds_an_email_or_a_postcode(client):
    published = set(Councillor.objects.exclude(email="").values_list("email", flat=True))
    called = 0
    for path in _paths(client):
        answer = client.get(path)
        if answer.status_code != 200:
            continue
        called += 1
        text = answer.content.decode()
        emails = set(EMAIL.findall(text)) - published
        assert not emails, (path, emails)
        assert not POSTCODE.findall(text), (path, POSTCODE.findall(text))
    assert called >= 15  # the crawl reached the API, not only its 404s


def test_the_crawl_does_catch_an_address_that_slips_in(client):
    """Guards the crawl itself: an email typed into a published field is found."""
    Dataset.objects.filter(pk=Dataset.objects.first().pk).update(source="a.person@example.org")
    with pytest.raises(AssertionError, match=re.escape("a.person@example.org")):
        test_no_api_answer_holds_an_email_or_a_postcode(client)
