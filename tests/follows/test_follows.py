"""Following by email: nothing before confirming, digests of what is new, unsubscribing."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation

from townhall.core.models import Organisation
from townhall.follows import services
from townhall.follows.models import Follow, Follower
from townhall.news.models import NewsIndexPage, NewsPostPage
from townhall.petitions import services as petitions
from townhall.petitions.models import Petition

pytestmark = pytest.mark.django_db


@pytest.fixture
def alliance_org() -> Organisation:
    return Organisation.objects.get(slug="alliance")


def confirm_link(message) -> str:
    return re.search(r"http://\S+(/follow/confirm/\S+/)", message.body).group(1)


@pytest.fixture
def follow_and_confirm(client, django_capture_on_commit_callbacks):
    def follow(kind, target_id, email="fan@example.org", frequency="daily"):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/follow/{kind}/{target_id}/", {"email": email, "frequency": frequency})
        client.post(confirm_link(mail.outbox[-1]))

    return follow


def publish_post(org: Organisation, title: str) -> NewsPostPage:
    news = NewsIndexPage.objects.child_of(org.home_page).get()
    post = news.add_child(instance=NewsPostPage(title=title, date=date.today(), body="<p>x</p>"))
    post.save_revision().publish()
    return post


def test_nothing_is_sent_before_the_follow_is_confirmed(
    client, follow_and_confirm, alliance_org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/follow/organisation/{alliance_org.pk}/",
            {"email": "fan@example.org", "frequency": "daily"},
        )
    assert "Check your email" in response.content.decode()
    publish_post(alliance_org, "Unconfirmed news")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(timezone.now() + timedelta(days=1)) == 0
    assert mail.outbox == []


def test_a_daily_digest_lists_what_is_new_once_and_has_one_click_unsubscribe(
    client, follow_and_confirm, alliance_org, django_capture_on_commit_callbacks
):
    follow_and_confirm("organisation", alliance_org.pk)
    publish_post(alliance_org, "Library hours saved")
    mail.outbox.clear()
    now = timezone.now() + timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(now) == 1
        assert services.send_digests(now + timedelta(hours=2)) == 0  # not due again yet
    digest = mail.outbox[0]
    assert "New post: Library hours saved" in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.search(r"<http://[^/]+(\S+)>", digest.extra_headers["List-Unsubscribe"]).group(
        1
    )
    # A mail program's one-click POST carries no CSRF token.
    assert Client(enforce_csrf_checks=True).post(unsubscribe).status_code == 200
    assert Follower.objects.get(normalised_email="fan@example.org").unsubscribed_at is not None
    publish_post(alliance_org, "After unsubscribing")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(now + timedelta(days=2)) == 0


def test_a_weekly_follower_gets_one_digest_a_week(
    client, follow_and_confirm, alliance_org, django_capture_on_commit_callbacks
):
    follow_and_confirm("organisation", alliance_org.pk, frequency="weekly")
    publish_post(alliance_org, "First week")
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(start) == 1
        publish_post(alliance_org, "Second week")
        assert services.send_digests(start + timedelta(days=3)) == 0
        assert services.send_digests(start + timedelta(days=7)) == 1


def test_petition_milestones_reach_its_followers(
    client, follow_and_confirm, django_capture_on_commit_callbacks
):
    petition = Petition.objects.filter(state="open").first()
    follow_and_confirm("petition", petition.pk)
    petitions.add_paper_signatures(petition, None, 600, date(2026, 11, 1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(timezone.now() + timedelta(minutes=1)) == 1
    assert "Reached a stage" in mail.outbox[0].body and petition.action in mail.outbox[0].body


def test_someone_else_cannot_change_the_frequency_without_the_link(
    client, follow_and_confirm, alliance_org, django_capture_on_commit_callbacks
):
    follow_and_confirm("organisation", alliance_org.pk, frequency="weekly")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/follow/organisation/{alliance_org.pk}/",
            {"email": "FAN@example.org", "frequency": "daily"},
        )
    follower = Follower.objects.get(normalised_email="fan@example.org")
    assert follower.frequency == "weekly" and Follow.objects.filter(follower=follower).count() == 1


def test_bad_requests_get_clear_answers(client, alliance_org):
    assert (
        client.post("/follow/organisation/999999/", {"email": "a@example.org"}).status_code == 404
    )
    assert client.post("/follow/nothing/1/", {"email": "a@example.org"}).status_code == 404
    response = client.post(f"/follow/organisation/{alliance_org.pk}/", {"email": "nope"})
    assert response.status_code == 400 and "There is a problem" in response.content.decode()
    for path in ("/follow/confirm/forged/", "/follow/unsubscribe/forged/"):
        assert client.get(path).status_code == 404 and client.post(path).status_code == 404
    assert not Follower.objects.exists()


def test_a_follower_can_delete_their_address(
    client, follow_and_confirm, alliance_org, django_capture_on_commit_callbacks
):
    follow_and_confirm("organisation", alliance_org.pk)
    follower = Follower.objects.get()
    client.post(f"/follow/unsubscribe/{follower.token}/", {"erase": "1"})
    assert not Follower.objects.exists() and not Follow.objects.exists()


def test_follow_forms_are_on_organisation_petition_and_event_pages(client):
    from townhall.events.models import EventPage

    event = EventPage.objects.filter(title__startswith="Film screening").first()
    petition = Petition.objects.filter(state="open").first()
    for url in ("/alliance/", f"/petitions/{petition.pk}/", event.url):
        assert "Follow by email" in client.get(url).content.decode(), url


def test_following_a_group_with_its_box_ticked_makes_one_of_its_people(
    client, alliance_org, django_capture_on_commit_callbacks
):
    from townhall.people.models import Person

    form = client.get(alliance_org.home_page.url).content.decode()
    assert f"Also let {alliance_org.name} email me its news" in form
    for email, ticked in (("with@example.org", True), ("without@example.org", False)):
        data = {"email": email, "frequency": "weekly"}
        if ticked:
            data["hear_from_organisation"] = "on"
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/follow/organisation/{alliance_org.pk}/", data)
        client.post(confirm_link(next(m for m in mail.outbox if m.to == [email])))
    person = Person.objects.get(organisation=alliance_org)
    assert person.email == "with@example.org"
    assert person.history.get().kind == "followed"
    assert person.consents_now() == {"email_updates"}


def test_a_digest_goes_in_the_language_the_follower_used(
    client, alliance_org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/pl/follow/organisation/{alliance_org.pk}/",
            {"email": "ola@example.org", "frequency": "daily"},
        )
    confirming = re.search(r"http://\S+(/pl/follow/confirm/\S+/)", mail.outbox[-1].body).group(1)
    client.post(confirming)
    publish_post(alliance_org, "Godziny biblioteki")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(timezone.now() + timedelta(minutes=1)) == 1
    assert "/pl/follow/unsubscribe/" in mail.outbox[0].extra_headers["List-Unsubscribe"]
    with translation.override("pl"):
        new_post = str(translation.gettext("New post"))
    assert new_post != "New post" and f"{new_post}: Godziny biblioteki" in mail.outbox[0].body
