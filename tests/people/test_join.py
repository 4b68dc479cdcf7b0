"""Joining a campaign: validation, double opt-in, repeat links and unsubscribing."""

import re

import pytest
from django.core import mail
from django.test import Client

from townhall.people.models import Supporter

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Ada Lovelace",
    "email": "Ada@Example.org",
    "postcode": "n12 7nn",
    "consent_to_contact": "on",
}


def join(client, data=None, slug="alliance", capture=None):
    with capture(execute=True):
        return client.post(f"/join/{slug}/", data or VALID)


def link_in(message, kind: str) -> str:
    return re.search(rf"http://[^\s]+/supporters/{kind}/[^\s/]+/", message.body).group(0)


def test_join_form_shows_the_privacy_wording(client, alliance):
    response = client.get("/join/alliance/")
    assert response.status_code == 200
    assert alliance.consent_wording[:40] in response.content.decode()


def test_joining_stores_a_pending_supporter_and_emails_a_confirmation_link(
    client, alliance, django_capture_on_commit_callbacks
):
    response = join(client, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Check your email" in html
    assert "We sent it to <strong" in html and "ada@example.org</strong>" in html
    supporter = Supporter.objects.get(organisation=alliance, email="ada@example.org")
    assert supporter.status == Supporter.Status.PENDING
    assert supporter.postcode == "N12 7NN"
    assert supporter.consent_to_contact and supporter.consent_wording == alliance.consent_wording
    [message] = mail.outbox
    assert message.to == ["ada@example.org"]
    assert link_in(message, "confirm").endswith(f"/supporters/confirm/{supporter.confirm_token}/")
    assert supporter.confirm_token != supporter.token
    unsubscribe = link_in(message, "unsubscribe")
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"


def test_confirming_twice_says_it_was_already_confirmed(
    client, alliance, django_capture_on_commit_callbacks
):
    join(client, capture=django_capture_on_commit_callbacks)
    confirm = link_in(mail.outbox[0], "confirm").split("8000", 1)[1]
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(confirm)
    assert "You have joined Barnet Alliance" in first.content.decode()
    supporter = Supporter.objects.get(email="ada@example.org")
    assert supporter.status == Supporter.Status.CONFIRMED and supporter.confirmed_at
    second = client.post(confirm)
    assert second.status_code == 200
    assert "already confirmed" in second.content.decode()
    assert "unsubscribe" in mail.outbox[-1].body.lower()  # the welcome email


def test_joining_again_keeps_one_row_and_never_rewrites_a_confirmed_supporter(
    client, alliance, django_capture_on_commit_callbacks
):
    join(client, capture=django_capture_on_commit_callbacks)
    Supporter.objects.update(status=Supporter.Status.CONFIRMED)
    join(
        client,
        {**VALID, "name": "Someone Else", "postcode": ""},
        capture=django_capture_on_commit_callbacks,
    )
    supporter = Supporter.objects.get(email="ada@example.org")
    assert supporter.name == "Ada Lovelace" and supporter.postcode == "N12 7NN"
    assert Supporter.objects.filter(email="ada@example.org").count() == 1
    assert "already a supporter" in mail.outbox[-1].body


def test_the_same_email_may_join_two_organisations(
    client, alliance, council, django_capture_on_commit_callbacks
):
    join(client, capture=django_capture_on_commit_callbacks)
    join(client, slug="council", capture=django_capture_on_commit_callbacks)
    assert Supporter.objects.filter(email="ada@example.org").count() == 2


def test_unsubscribe_link_works_without_a_session_and_is_repeatable(
    alliance, django_capture_on_commit_callbacks
):
    join(Client(), capture=django_capture_on_commit_callbacks)
    client = Client(enforce_csrf_checks=True)
    unsubscribe = link_in(mail.outbox[0], "unsubscribe").split("8000", 1)[1]
    assert "Unsubscribe" in client.get(unsubscribe).content.decode()
    # Mail programs post one-click unsubscribes (RFC 8058) with no CSRF token.
    response = client.post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    supporter = Supporter.objects.get(email="ada@example.org")
    assert supporter.status == Supporter.Status.UNSUBSCRIBED
    assert not supporter.consent_to_contact
    assert "already unsubscribed" in client.post(unsubscribe).content.decode()


@pytest.mark.parametrize("path", ["/supporters/confirm/nonsense/", "/supporters/unsubscribe/x/"])
def test_unknown_links_say_so(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Enter your name"),
        ({"name": "<script>alert(1)</script>"}, "must not contain &lt; or &gt;"),
        ({"name": "x" * 5000}, "100 characters or fewer"),
        ({"email": "not-an-email"}, "correct format"),
        ({"email": ""}, "Enter your email address"),
        ({"postcode": "ZZZ"}, "Enter a real postcode"),
        ({"postcode": "N1" * 100}, "Enter a real postcode"),
    ],
)
def test_bad_input_is_explained_kept_and_not_saved(client, alliance, changes, message):
    response = client.post("/join/alliance/", {**VALID, **changes})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert 'aria-invalid="true"' in html
    assert "<script>alert(1)</script>" not in html
    if "email" not in changes:
        assert 'value="Ada@Example.org"' in html  # what was typed is kept
    assert not Supporter.objects.exists()


def test_honeypot_submissions_look_accepted_but_save_nothing(client, alliance):
    response = client.post("/join/alliance/", {**VALID, "website": "http://spam.example"})
    assert response.status_code == 200 and "Check your email" in response.content.decode()
    assert not Supporter.objects.exists()


def test_joining_is_rate_limited_per_address(client, alliance, settings):
    settings.TOWNHALL_RATE_LIMITS = {**settings.TOWNHALL_RATE_LIMITS, "join": "2/600"}
    for number in range(2):
        assert (
            client.post("/join/alliance/", {**VALID, "email": f"p{number}@example.org"}).status_code
            == 200
        )
    response = client.post("/join/alliance/", {**VALID, "email": "third@example.org"})
    assert response.status_code == 429
    assert not Supporter.objects.filter(email="third@example.org").exists()


def test_forms_refuse_a_forged_request(alliance):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/join/alliance/", VALID).status_code == 403
    assert not Supporter.objects.exists()


def test_a_failure_after_saving_leaves_nothing_half_saved(client, alliance, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("mail template missing")

    monkeypatch.setattr("townhall.people.services.send_email_after_commit", broken)
    with pytest.raises(RuntimeError):
        client.post("/join/alliance/", VALID)
    assert not Supporter.objects.exists()


def test_unknown_organisation_is_not_found(client):
    assert client.get("/join/no-such-group/").status_code == 404


def test_a_supporter_can_erase_their_own_details(
    client, alliance, django_capture_on_commit_callbacks
):
    join(client, capture=django_capture_on_commit_callbacks)
    unsubscribe = link_in(mail.outbox[0], "unsubscribe").split("8000", 1)[1]
    response = client.post(unsubscribe, {"erase": "1"})
    assert "Your details have been deleted" in response.content.decode()
    assert not Supporter.objects.filter(email="ada@example.org").exists()
    assert client.get(unsubscribe).status_code == 404


def test_opening_the_link_does_not_confirm_only_the_button_does(
    client, alliance, django_capture_on_commit_callbacks
):
    """A mail scanner opens every link in an email; joining waits for the button (issue 15)."""
    join(client, capture=django_capture_on_commit_callbacks)
    confirm = link_in(mail.outbox[0], "confirm").split("8000", 1)[1]
    page = client.get(confirm)
    assert page.status_code == 200 and '<form method="post">' in page.content.decode()
    supporter = Supporter.objects.get(email="ada@example.org")
    assert supporter.status == Supporter.Status.PENDING


def test_the_unsubscribe_link_cannot_confirm_and_the_confirm_link_cannot_unsubscribe(
    client, alliance, django_capture_on_commit_callbacks
):
    join(client, capture=django_capture_on_commit_callbacks)
    supporter = Supporter.objects.get(email="ada@example.org")
    assert client.post(f"/supporters/confirm/{supporter.token}/").status_code == 404
    assert client.post(f"/supporters/unsubscribe/{supporter.confirm_token}/").status_code == 404
    supporter.refresh_from_db()
    assert supporter.status == Supporter.Status.PENDING


def test_after_joining_the_page_offers_a_next_step(
    client, alliance, django_capture_on_commit_callbacks
):
    join(client, capture=django_capture_on_commit_callbacks)
    confirm = link_in(mail.outbox[0], "confirm").split("8000", 1)[1]
    with django_capture_on_commit_callbacks(execute=True):
        html = client.post(confirm).content.decode()
    assert "What you can do next" in html
    assert 'href="/alliance/donate/">Donate to Barnet Alliance' in html
    assert 'class="th-share"' in html and "wa.me" in html
    assert f'action="/follow/organisation/{alliance.pk}/"' in html
