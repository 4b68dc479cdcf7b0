"""A comment machine-translated when a reader asks, with Townhall's own labelled test
translator (the translators' APIs are tested in tests/i18n/test_machine_translation.py)."""

import pytest

from townhall.comments.models import Comment
from townhall.core.models import MachineTranslation

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(post, settings) -> Comment:
    settings.TOWNHALL_MACHINE_TRANSLATION_URL = "labelled://?source=pl"
    return Comment.objects.create(
        page=post,
        author_name="Ola",
        author_email="ola@example.org",
        content="Dobry pomysł.",
        status=Comment.Status.APPROVED,
    )


def test_each_published_comment_offers_a_translation(client, comment, post):
    html = client.get(post.url).content.decode()
    assert (
        f'<form action="/comments/{comment.pk}/translated/" method="get" '
        'class="th-comment__translate"><button type="submit" class="th-link-button">'
        "Translate into British English"
    ) in html


def test_the_translation_is_labelled_and_leads_back_to_the_comment(client, comment, post):
    html = client.get(f"/comments/{comment.pk}/translated/").content.decode()
    assert "[en-gb] <p>Dobry pomysł.</p>" in html
    assert "Machine translation from Polish by" in html
    assert f'href="{post.url}?cpage=1#comment-{comment.pk}">show the original</a>' in html


def test_erasing_a_comment_erases_its_translation(client, comment):
    client.get(f"/comments/{comment.pk}/translated/")
    assert MachineTranslation.objects.count() == 1
    comment.delete()
    assert not MachineTranslation.objects.exists()
