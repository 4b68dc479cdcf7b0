"""The mailing tests' editor, a mailing, people to send it to, and sending with what it
queues after the commit run too."""

import pytest

from tests.people.test_segments import someone
from townhall.people import mailing_delivery
from townhall.people.models import Mailing

BODY = (
    '<p>Come to the <b>stall</b> on Saturday: <a href="https://example.org/stall">details</a>.'
    '</p><p>And <a href="/alliance/">our page</a>.</p>'
)


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """mailing_delivery.send, with what it queues after the commit run too."""

    def send(mailing, user, at=None):
        with django_capture_on_commit_callbacks(execute=True):
            return mailing_delivery.send(mailing, user, at=at)

    return send


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.get(username="alliance-editor")


@pytest.fixture
def mailing(alliance, editor) -> Mailing:
    return Mailing.objects.create(
        organisation=alliance, subject="Stall on Saturday", body=BODY, created_by=editor
    )


@pytest.fixture
def three(alliance):
    """Two who agree to the alliance's emails and one who joined without agreeing."""
    return [
        someone(alliance, "ada@example.org"),
        someone(alliance, "bo@example.org"),
        someone(alliance, "cy@example.org", kind="joined", consent=False),
    ]
