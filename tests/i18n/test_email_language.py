"""Emails go in the language the person used: now, and when the site writes to them later."""

import pytest
from django.urls import reverse
from django.utils import translation

from townhall.core import languages
from townhall.core.mail import queue_email
from townhall.core.models import AddressLanguage
from townhall.core.services import email_delivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_a_page_in():
    """Stands in for LanguageMiddleware: a request being answered in a language."""
    tokens = []

    def enter(code: str) -> None:
        translation.activate(code)
        tokens.append(languages._request_language.set(code))

    yield enter
    for token in reversed(tokens):
        languages._request_language.reset(token)
    translation.activate("en-gb")


def test_an_email_queued_on_a_polish_page_notes_polish(on_a_page_in):
    on_a_page_in("pl")
    queue_email("Ola.Nowak+petitions@gmail.com", "Subject", "Body")
    assert AddressLanguage.objects.get().language == "pl"
    assert languages.addresses_by_language(["olanowak@gmail.com", "someone@example.org"]) == {
        "pl": ["olanowak@gmail.com"],
        "en-gb": ["someone@example.org"],
    }


def test_using_the_default_language_again_forgets_the_other(on_a_page_in):
    on_a_page_in("cy")
    queue_email("dafydd@example.org", "Subject", "Body")
    on_a_page_in("en-gb")
    queue_email("dafydd@example.org", "Subject", "Body")
    assert not AddressLanguage.objects.exists()


def test_the_worker_notes_nothing():
    with translation.override("fa"):
        queue_email("someone@example.org", "Subject", "Body")
    assert not AddressLanguage.objects.exists()


def test_writing_later_renders_in_the_persons_language_with_their_links(on_a_page_in):
    on_a_page_in("ro")
    queue_email("ana@example.org", "Subject", "Body")
    translation.activate("en-gb")
    languages._request_language.set(None)
    with languages.speaking_to("ana@example.org") as language:
        assert language == "ro"
        assert reverse("search") == "/ro/search/"
    with languages.speaking_to("nobody@example.org") as language:
        assert language == "en-gb"
        assert reverse("search") == "/search/"


def test_a_language_the_site_no_longer_speaks_falls_back_to_the_default(settings):
    AddressLanguage.objects.create(address="someone@example.org", language="tr")
    assert languages.addresses_by_language(["someone@example.org"]) == {
        "en-gb": ["someone@example.org"]
    }


def test_erasing_an_address_erases_its_language(on_a_page_in):
    on_a_page_in("pl")
    queue_email("ola@example.org", "Subject", "Body")
    email_delivery.forget("ola@example.org")
    assert not AddressLanguage.objects.exists()
