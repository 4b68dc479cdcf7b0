"""Mailings (issue 18, point 3): only people who agree get them, each copy goes once, in
batches, with one-click unsubscribe; bounces, complaints and clicks come back; moderators
cannot send, and a large mailing needs a second editor."""

import json
import smtplib

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from tests.people.test_segments import someone
from townhall.core import people
from townhall.core.models import Organisation
from townhall.people import mail_feedback, mailing_content, mailing_delivery
from townhall.people.models import Mailing, Person, Recipient, Segment, Supporter

pytestmark = pytest.mark.django_db

EVENTS_TOKEN = "provider-secret"
FAST = {"TOWNHALL_MAILING_RATE_PER_MINUTE": 1_000_000, "TOWNHALL_MAILING_BATCH": 2}


def sent_to() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


@override_settings(**FAST)
def test_only_people_who_agree_get_a_copy_each(mailing, three, editor, send):
    send(mailing, editor)
    mailing.refresh_from_db()
    assert mailing.state == Mailing.State.SENT
    assert sent_to() == ["ada@example.org", "bo@example.org"]
    assert mailing_delivery.figures(mailing)["sent"] == 2
    mailing_delivery.deliver(mailing.pk)  # the task again (a retry): nothing more goes
    assert len(mail.outbox) == 2


def test_a_mailing_with_nobody_who_agrees_sends_nothing_and_says_why(alliance, editor, send):
    someone(alliance, "cy@example.org", kind="joined", consent=False)
    mailing = Mailing.objects.create(organisation=alliance, subject="Hi", body="<p>x</p>")
    with pytest.raises(mailing_delivery.NotSendable) as refused:
        send(mailing, editor)
    assert "Nobody in Barnet Alliance for Public Services agrees to emails" in str(refused.value)
    mailing.refresh_from_db()
    assert mailing.state == Mailing.State.DRAFT and not mail.outbox


def test_a_mailing_needs_the_organisations_postal_address(mailing, three, editor, alliance):
    Organisation.objects.filter(pk=alliance.pk).update(postal_address="")
    mailing.organisation.refresh_from_db()
    assert any("postal address" in p for p in mailing_delivery.problems(mailing))


@override_settings(**FAST)
def test_each_copy_has_its_own_one_click_unsubscribe_and_the_footer(mailing, three, editor, send):
    send(mailing, editor)
    message = next(m for m in mail.outbox if m.to == ["ada@example.org"])
    recipient = Recipient.objects.get(email="ada@example.org")
    assert message.extra_headers["List-Unsubscribe"] == (
        f"<{mailing_content.unsubscribe_url(recipient)}>"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["Message-ID"] == recipient.message_id
    assert message.extra_headers["Reply-To"] == "alliance@example.org"
    assert message.from_email.startswith("Barnet Alliance for Public Services <")
    html = message.alternatives[0][0]
    assert "Nether Street" in html and "Nether Street" in message.body
    assert "[details](https://example.org/stall)" in message.body  # the plain-text part
    assert "https://example.org/stall" not in html  # counted through the redirect instead
    assert f"/mail/{recipient.token}/link/1/" in html


@override_settings(**FAST)
def test_the_mail_programs_one_click_post_unsubscribes_without_a_csrf_token(
    client, mailing, three, editor, alliance, send
):
    send(mailing, editor)
    recipient = Recipient.objects.get(email="ada@example.org")
    url = f"/mail/{recipient.token}/stop/"
    page = client.get(url)
    assert page.status_code == 200 and "Stop emails from" in page.content.decode()
    assert Person.objects.with_email_consent().filter(email="ada@example.org").exists()
    csrf_client = type(client)(enforce_csrf_checks=True)
    response = csrf_client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Person.objects.with_email_consent().filter(email="ada@example.org").exists()
    recipient.refresh_from_db()
    assert recipient.unsubscribed_at is not None
    assert mailing_delivery.figures(mailing)["unsubscribed"] == 1


def test_unsubscribing_stops_a_supporters_subscription_too(alliance):
    Supporter.objects.create(
        organisation=alliance,
        name="Ada",
        email="ada@example.org",
        consent_to_contact=True,
        consent_wording="w",
        status=Supporter.Status.CONFIRMED,
    )
    someone(alliance, "ada@example.org")
    assert mail_feedback.stop_emails(alliance.pk, "ADA@example.org")
    assert Supporter.objects.get().status == Supporter.Status.UNSUBSCRIBED
    assert not mail_feedback.stop_emails(alliance.pk, "ada@example.org")  # nothing left


@override_settings(**FAST)
def test_links_are_counted_and_go_only_where_the_mailing_said(client, mailing, three, editor, send):
    send(mailing, editor)
    recipient = Recipient.objects.get(email="ada@example.org")
    response = client.get(f"/mail/{recipient.token}/link/1/")
    assert response.status_code == 302 and response["Location"] == "https://example.org/stall"
    client.get(f"/mail/{recipient.token}/link/1/")
    assert client.get(f"/mail/{recipient.token}/link/9/").status_code == 404
    assert client.get("/mail/not-a-token/link/1/").status_code == 404
    assert mailing.links.get(position=1).clicks == 2
    assert mailing.links.get(position=2).url.endswith("/alliance/")  # made absolute
    assert mailing_delivery.figures(mailing)["clicked"] == 1


@override_settings(**FAST)
def test_someone_who_withdraws_during_sending_is_skipped(mailing, three, editor, monkeypatch, send):
    send(mailing, editor, at=timezone.now() + timezone.timedelta(hours=1))
    Mailing.objects.filter(pk=mailing.pk).update(send_at=timezone.now())
    real_claim = mailing_delivery._claim

    def claim_then_withdraw(mailing, size):
        batch = real_claim(mailing, size)
        people.withdraw(mailing.organisation_id, "bo@example.org")
        return batch

    monkeypatch.setattr(mailing_delivery, "_claim", claim_then_withdraw)
    mailing_delivery.deliver(mailing.pk)
    assert sent_to() == ["ada@example.org"]
    assert Recipient.objects.get(email="bo@example.org").state == Recipient.State.SKIPPED


@override_settings(TOWNHALL_MAILING_RATE_PER_MINUTE=1_000_000, TOWNHALL_MAILING_BATCH=1)
def test_a_mail_server_outage_puts_copies_back_and_nothing_goes_twice(
    mailing, three, editor, monkeypatch, send
):
    calls = {"n": 0}
    real_send = mail.EmailMultiAlternatives.send

    def flaky(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise smtplib.SMTPServerDisconnected("gone")
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", flaky)
    queued = []
    monkeypatch.setattr(mailing_delivery, "_queue", lambda pk, at=None: queued.append(at))
    send(mailing, editor)
    mailing_delivery.deliver(mailing.pk)  # first copy goes, the second meets the outage
    assert len(mail.outbox) == 1 and queued  # a retry was queued for later
    waiting = Recipient.objects.get(state=Recipient.State.QUEUED)
    Recipient.objects.filter(pk=waiting.pk).update(next_attempt_at=timezone.now())
    mailing_delivery.deliver(mailing.pk)
    assert sorted(sent_to()) == ["ada@example.org", "bo@example.org"]
    assert Mailing.objects.get(pk=mailing.pk).state == Mailing.State.SENT


@override_settings(TOWNHALL_MAILING_RATE_PER_MINUTE=1_000_000, TOWNHALL_MAILING_BATCH=1)
def test_a_worker_killed_mid_batch_leaves_its_copies_to_be_claimed_after_the_lease(
    mailing, three, editor, monkeypatch, send
):
    monkeypatch.setattr(mailing_delivery, "_queue", lambda pk, at=None: None)
    send(mailing, editor)
    mailing_delivery.begin(mailing)
    claimed = mailing_delivery._claim(mailing, 1)  # then the worker dies
    assert mailing_delivery._claim(mailing, 5)[0].pk != claimed[0].pk  # not taken twice
    Recipient.objects.filter(state=Recipient.State.SENDING).update(
        lease_until=timezone.now() - timezone.timedelta(seconds=1)
    )
    mailing_delivery.deliver(mailing.pk)
    assert sent_to() == ["ada@example.org", "bo@example.org"]


def test_sending_in_batches_hands_over_to_a_new_task_when_its_time_is_up(
    mailing, three, editor, monkeypatch, send
):
    queued = []
    monkeypatch.setattr(mailing_delivery, "_queue", lambda pk, at=None: queued.append(pk))
    with override_settings(TOWNHALL_MAILING_BATCH=1, TOWNHALL_MAILING_RATE_PER_MINUTE=1_000_000):
        send(mailing, editor)
        assert mailing_delivery.deliver(mailing.pk, budget=0) == "continuing"
        assert len(mail.outbox) == 1 and queued == [mailing.pk, mailing.pk]
        assert mailing_delivery.deliver(mailing.pk) == "sent"
    assert len(mail.outbox) == 2


def test_a_big_mailing_needs_a_second_editors_approval(
    mailing, three, editor, django_user_model, send
):
    with override_settings(TOWNHALL_MAILING_APPROVAL_OVER=1, **FAST):
        assert any("another editor must approve" in p for p in mailing_delivery.problems(mailing))
        with pytest.raises(mailing_delivery.NotSendable):
            mailing_delivery.approve(mailing, editor)  # not the one who wrote it
        second = django_user_model.objects.create_user("second-editor", password="pw")
        second.groups.add(mailing.organisation.editors)
        mailing_delivery.approve(mailing, second)
        send(mailing, editor)
    assert len(mail.outbox) == 2


@override_settings(**FAST)
def test_a_moderator_cannot_send_or_approve(as_user, mailing, three):
    moderator = as_user("alliance-moderator")
    assert moderator.get(f"/admin/mailings/inspect/{mailing.pk}/").status_code == 200
    assert moderator.post(f"/admin/mailings/send/{mailing.pk}/", {"when": "now"}).status_code == 404
    assert moderator.post(f"/admin/mailings/approve/{mailing.pk}/").status_code == 404
    mailing.refresh_from_db()
    assert mailing.state == Mailing.State.DRAFT and not mail.outbox


@override_settings(**FAST)
def test_an_editor_previews_tests_and_sends_from_the_admin(
    as_user, mailing, three, editor, django_capture_on_commit_callbacks
):
    client = as_user("alliance-editor")
    preview = client.get(f"/admin/mailings/preview/{mailing.pk}/").content.decode()
    assert "Stall on Saturday" in preview and "Nether Street" in preview
    editor.email = "editor@example.org"
    editor.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/mailings/test/{mailing.pk}/")
    assert [m.subject for m in mail.outbox] == ["[Test] Stall on Saturday"]
    page = client.get(f"/admin/mailings/send/{mailing.pk}/").content.decode()
    assert "<strong>2</strong> people" in page
    refused = client.post(f"/admin/mailings/send/{mailing.pk}/", {"when": "later"})
    assert refused.status_code == 400 and "Enter when to send it" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/mailings/send/{mailing.pk}/", {"when": "now"})
    assert response.status_code == 302
    assert sent_to() == ["ada@example.org", "bo@example.org", "editor@example.org"]
    results = client.get(f"/admin/mailings/inspect/{mailing.pk}/").content.decode()
    assert "<td>Sent</td><td>2</td>" in results
    edit = client.get(f"/admin/mailings/edit/{mailing.pk}/")
    assert edit.status_code == 302  # too late to change what was sent


@override_settings(**FAST)
def test_a_scheduled_mailing_waits_and_can_be_cancelled(mailing, three, editor, send):
    later = timezone.now() + timezone.timedelta(days=1)
    send(mailing, editor, at=later)
    assert Mailing.objects.get(pk=mailing.pk).state == Mailing.State.SCHEDULED
    assert mailing_delivery.deliver(mailing.pk) == "not due" and not mail.outbox
    assert mailing_delivery.cancel(mailing)
    Mailing.objects.filter(pk=mailing.pk).update(send_at=timezone.now())
    assert mailing_delivery.deliver(mailing.pk) == "cancelled" and not mail.outbox


@override_settings(**FAST)
def test_a_segment_mailing_goes_only_to_the_segment(alliance, mailing, three, editor, send):
    three[0].tags.create(organisation=alliance, name="stall")
    segment = Segment.objects.create(organisation=alliance, name="Stall", tag=three[0].tags.get())
    mailing.segment = segment
    mailing.save()
    send(mailing, editor)
    assert sent_to() == ["ada@example.org"]


@pytest.fixture
def sent(mailing, three, editor, settings, send):
    settings.TOWNHALL_MAIL_EVENTS_TOKEN = "provider-secret"
    with override_settings(**FAST):
        send(mailing, editor)
    return Recipient.objects.get(email="ada@example.org")


def post_event(client, payload, token=EVENTS_TOKEN):
    return client.post(
        "/mail/events/",
        json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_a_hard_bounce_stops_mailings_to_the_address(client, sent):
    response = post_event(client, {"type": "bounce", "message_id": sent.message_id})
    assert response.status_code == 200 and response.json() == {"matched": True}
    sent.refresh_from_db()
    assert sent.state == Recipient.State.BOUNCED
    assert not Person.objects.with_email_consent().filter(email="ada@example.org").exists()


def test_a_spam_complaint_in_postmarks_shape_ends_the_consent(client, sent):
    response = post_event(client, {"RecordType": "SpamComplaint", "Email": "ada@example.org"})
    assert response.json() == {"matched": True}
    sent.refresh_from_db()
    assert sent.state == Recipient.State.COMPLAINED
    assert not Person.objects.get(email="ada@example.org").consents_now()


def test_event_reports_with_a_wrong_token_or_bad_body_change_nothing(client, sent):
    assert (
        post_event(client, {"type": "bounce", "email": "ada@example.org"}, "guess").status_code
        == 400
    )
    bad = client.post(
        "/mail/events/",
        b"{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer provider-secret",
    )
    assert bad.status_code == 400 and "unreadable" in bad.json()["error"]
    assert post_event(client, {"type": "opened", "email": "x"}).status_code == 400
    sent.refresh_from_db()
    assert sent.state == Recipient.State.SENT


def test_erasing_a_person_leaves_no_address_on_their_copies(alliance, sent):
    people.forget(alliance.pk, "ada@example.org")
    sent.refresh_from_db()
    assert (sent.email, sent.person_id, sent.state) == ("", None, Recipient.State.SENT)
