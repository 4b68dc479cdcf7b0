"""Emails go in the language the person used: now, and when the site writes to them later."""

import pytest
from django.urls import reverse
from django.utils import translation

from townhall.core import languages
from townhall.core.email_addresses import normalise_email
from townhall.core.mail import queue_email
from townhall.core.models import AddressLanguage, Email, Ward
from townhall.core.services import email_delivery
from townhall.petitions.models import Petition

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_a_page_in():
    """Stands in for LanguageMiddleware: a form sent from a page in a language, with the
    addresses typed into it."""
    tokens = []

    def enter(code: str, *typed: str) -> None:
        translation.activate(code)
        tokens.append(
            (
                languages._request_language.set(code),
                languages._submitted.set(frozenset(normalise_email(address) for address in typed)),
            )
        )

    yield enter
    for language_token, submitted_token in reversed(tokens):
        languages._submitted.reset(submitted_token)
        languages._request_language.reset(language_token)
    translation.activate("en-gb")


def test_an_email_to_the_person_who_sent_a_polish_form_notes_polish(on_a_page_in):
    on_a_page_in("pl", "Ola.Nowak+petitions@gmail.com")
    queue_email("Ola.Nowak+petitions@gmail.com", "Subject", "Body")
    assert AddressLanguage.objects.get().language == "pl"
    assert languages.addresses_by_language(["olanowak@gmail.com", "someone@example.org"]) == {
        "pl": ["olanowak@gmail.com"],
        "en-gb": ["someone@example.org"],
    }


def test_others_an_email_from_that_request_reaches_keep_their_own_language(on_a_page_in):
    """A Polish signature that crosses a tier tells the creator and officers: not in Polish."""
    AddressLanguage.objects.create(address="creator@example.org", language="cy")
    on_a_page_in("pl", "signer@example.org")
    queue_email("creator@example.org", "Subject", "Body")
    queue_email("officer@example.org", "Subject", "Body")
    assert dict(AddressLanguage.objects.values_list("address", "language")) == {
        "creator@example.org": "cy"
    }
    with languages.speaking_to("creator@example.org") as creators:
        assert creators == "cy"
    with languages.speaking_to("signer@example.org") as signers:
        assert signers == "pl"  # their first email, before anything is noted


def test_using_the_default_language_again_forgets_the_other(on_a_page_in):
    on_a_page_in("cy", "dafydd@example.org")
    queue_email("dafydd@example.org", "Subject", "Body")
    on_a_page_in("en-gb", "dafydd@example.org")
    queue_email("dafydd@example.org", "Subject", "Body")
    assert not AddressLanguage.objects.exists()


def test_the_worker_notes_nothing():
    with translation.override("fa"):
        queue_email("someone@example.org", "Subject", "Body")
    assert not AddressLanguage.objects.exists()


def test_writing_later_renders_in_the_persons_language_with_their_links(on_a_page_in):
    on_a_page_in("ro", "ana@example.org")
    queue_email("ana@example.org", "Subject", "Body")
    on_a_page_in("en-gb")
    with languages.speaking_to("ana@example.org") as language:
        assert language == "ro"
        assert reverse("search") == "/ro/search/"
    with languages.speaking_to("nobody@example.org") as language:
        assert language == "en-gb"
        assert reverse("search") == "/search/"


def test_signing_on_a_persian_page_sends_the_confirmation_in_persian(client):
    petition = Petition.objects.filter(state=Petition.State.OPEN).first()
    ward = Ward.objects.order_by("code").first()
    client.post(
        f"/fa/petitions/{petition.pk}/sign/",
        {"name": "Sara", "email": "sara@example.org", "postcode": "EN5 4BW", "ward": ward.pk},
        REMOTE_ADDR="192.0.2.78",
    )
    email = Email.objects.get(to="sara@example.org")
    with translation.override("fa"):
        persian = translation.gettext("Your signature counts once you confirm it.")
    assert persian != "Your signature counts once you confirm it."
    assert persian in email.body and "/fa/petitions/signatures/" in email.body
    assert AddressLanguage.objects.get(address="sara@example.org").language == "fa"


def test_a_language_the_site_no_longer_speaks_falls_back_to_the_default(settings):
    AddressLanguage.objects.create(address="someone@example.org", language="tr")
    assert languages.addresses_by_language(["someone@example.org"]) == {
        "en-gb": ["someone@example.org"]
    }


def test_erasing_an_address_erases_its_language(on_a_page_in):
    on_a_page_in("pl", "ola@example.org")
    queue_email("ola@example.org", "Subject", "Body")
    email_delivery.forget("ola@example.org")
    assert not AddressLanguage.objects.exists()
