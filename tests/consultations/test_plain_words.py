"""Plain words for consultations (issue 29, point 4): the officer's summary shown first on
the page, with its reading age; open consultations without one are counted for editors."""

import re

import pytest

from townhall.consultations.models import ConsultationPage
from townhall.core.plain_words import reading_age

pytestmark = pytest.mark.django_db


@pytest.fixture
def libraries() -> ConsultationPage:
    return ConsultationPage.objects.get(slug="libraries-consultation")


def test_the_plain_words_come_first_with_their_reading_age(client, libraries):
    assert libraries.plain_summary  # the demo's, illustrative
    html = client.get(libraries.url).content.decode()
    assert html.index("In plain words") < html.index('class="th-lead"')
    assert html.index("In plain words") < html.index("Why we are consulting")
    assert f"Reading age: about {reading_age(libraries.plain_summary)}." in html


def test_without_plain_words_there_is_no_box(client, libraries):
    libraries.plain_summary = ""
    libraries.save_revision().publish()
    assert "In plain words" not in client.get(libraries.url).content.decode()


def test_editors_write_them_in_the_pages_form(as_user, libraries):
    form = as_user("council-officer").get(f"/admin/pages/{libraries.pk}/edit/").content.decode()
    assert 'name="plain_summary"' in form


def test_an_open_consultation_without_plain_words_is_counted(as_user, libraries):
    words = "consultation open now without a summary in plain words"
    assert words not in as_user("council-officer").get("/admin/").content.decode()
    libraries.plain_summary = ""
    libraries.save_revision().publish()
    html = as_user("council-officer").get("/admin/").content.decode()
    link = re.search(rf'<a href="([^"]+)"><strong>1</strong>\s*{words}', html)
    assert link and link.group(1) == f"/admin/pages/{libraries.pk}/edit/"
    assert words not in as_user("alliance-editor").get("/admin/").content.decode()
