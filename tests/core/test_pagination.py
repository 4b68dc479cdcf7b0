"""Long lists link to the pages near this one and to both ends, not to every page."""

import re

import pytest

from townhall.council.models import Committee, Decision

pytestmark = pytest.mark.django_db


def test_a_register_of_hundreds_of_pages_links_to_a_handful(client):
    committee = Committee.objects.create(name="Many", slug="many", remit="Tests")
    Decision.objects.bulk_create(
        Decision(title=f"Decision {n}", summary="x", decided_on="2024-01-01", committee=committee)
        for n in range(2000)
    )
    html = client.get("/democracy/decisions/?page=40").content.decode()
    pages = [int(n) for n in re.findall(r'aria-label="Page (\d+)"', html)]
    assert 40 in pages and 1 in pages and max(pages) > 40
    assert len(pages) <= 7  # first, two each side of this one, this one, last
    assert "…" in html
