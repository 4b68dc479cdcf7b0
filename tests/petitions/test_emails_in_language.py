"""The petition's emails to many go to each person in the language they signed in, and an
email to the creator is in the creator's language, whoever's request sent it."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import translation

from townhall.core import languages
from townhall.core.models import AddressLanguage
from townhall.petitions import services

pytestmark = pytest.mark.django_db


def said_in(code: str, english: str) -> str:
    with translation.override(code):
        said = translation.gettext(english)
    assert said != english, f"the {code} catalogue lacks {english!r}"
    return said


def test_the_response_reaches_each_signer_in_their_language(
    open_petition, django_capture_on_commit_callbacks
):
    AddressLanguage.objects.create(address="person1@example.org", language="cy")
    officer = get_user_model().objects.get(username="council-officer")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.record_response(open_petition, officer)
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    english = "The council has responded to a petition you signed"
    assert subjects["person1@example.org"] == said_in("cy", english)
    assert subjects["person2@example.org"] == english


def test_a_tier_reached_by_someone_signing_in_polish_is_told_to_the_creator_in_theirs(
    open_petition, signer, django_capture_on_commit_callbacks
):
    token = languages._request_language.set("pl")
    try:
        with translation.override("pl"), django_capture_on_commit_callbacks(execute=True):
            services.add_paper_signatures(open_petition, None, 30, services.timezone.now().date())
            services.confirm_signature(services.sign(open_petition, signer(50)))
    finally:
        languages._request_language.reset(token)
    to_creator = [m for m in mail.outbox if m.to == ["creator@example.org"]]
    assert to_creator and to_creator[-1].subject.startswith("Your petition reached")
