"""Starting, sponsoring, signing and confirming, through the public pages."""

import re

import pytest
from django.core import mail

from townhall.petitions import counts
from townhall.petitions.models import Petition, Signature

pytestmark = pytest.mark.django_db


def signing_data(ward, number=0, **changes):
    return {
        "name": f"Person {number}",
        "email": f"p{number}@example.org",
        "postcode": "en5 4bw",
        "ward": ward.pk,
        "notify_by_email": "on",
        **changes,
    }


def link(message, kind):
    return re.search(rf"http://\S+(/petitions/{kind}/\S+/)", message.body).group(1)


def test_the_list_and_help_pages(client):
    html = client.get("/petitions/").content.decode()
    assert "Stop using glyphosate" in html
    help_page = client.get("/petitions/help/").content.decode()
    assert "It is not the council&#x27;s responsibility" in help_page
    assert "Full council debate" in help_page


def test_similar_petitions_are_shown_before_starting(client):
    html = client.get("/petitions/check/", {"action": "Ban glyphosate in parks"}).content.decode()
    assert "Stop using glyphosate" in html
    assert "My petition is different" in html


def test_starting_a_petition_and_confirming_it(client, ward, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/petitions/new/",
            {
                **signing_data(ward, email="starter@example.org"),
                "action": "Light the path through Victoria Park",
                "background": "It is dark.",
            },
        )
    assert "Check your email" in response.content.decode()
    petition = Petition.objects.get(action="Light the path through Victoria Park")
    confirm = link(mail.outbox[-1], "start")
    page = client.get(confirm)  # a mail scanner fetching the link confirms nothing
    assert "Confirm my petition" in page.content.decode()
    petition.refresh_from_db()
    assert petition.state == Petition.State.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm)
    petition.refresh_from_db()
    assert petition.state == Petition.State.COLLECTING_SPONSORS
    assert f"/petitions/{petition.pk}/support/{petition.sponsor_token}/" in mail.outbox[-1].body
    assert client.get(f"/petitions/{petition.pk}/").status_code == 404  # not public yet
    assert client.get(f"/petitions/{petition.pk}/sign/").status_code == 403


def test_replaying_start_a_petition_makes_one_petition(
    client, ward, django_capture_on_commit_callbacks
):
    """Issue 15: five identical posts (a double click, a retry, a script) made five."""
    data = {
        **signing_data(ward, email="starter@example.org"),
        "action": "Mend the bench by Friern Barnet library",
        "background": "It wobbles.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            assert "Check your email" in client.post("/petitions/new/", data).content.decode()
    assert Petition.objects.filter(action=data["action"]).count() == 1
    links = {link(message, "start") for message in mail.outbox}
    assert len(links) == 1  # each replay re-sends the one petition's link


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"action": "x" * 81}, "80 characters or fewer"),
        ({"action": ""}, "Enter what you want"),
        ({"background": "y" * 301}, "300 characters or fewer"),
        ({"postcode": "NOPE"}, "Enter a real postcode"),
        ({"name": "<b>Me</b>"}, "without &lt;"),
        ({"ward": "999999"}, "Choose your ward from the list"),
    ],
)
def test_bad_petitions_are_explained_and_not_saved(client, ward, changes, message):
    before = Petition.objects.count()
    data = {**signing_data(ward), "action": "Fix the lights", "background": "Dark.", **changes}
    response = client.post("/petitions/new/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Petition.objects.count() == before


def test_signing_confirming_and_the_count(client, ward, django_capture_on_commit_callbacks):
    petition = Petition.objects.get(action__startswith="Stop using glyphosate")
    before = counts.exact(petition.pk)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/petitions/{petition.pk}/sign/", signing_data(ward, 7))
    confirm = link(mail.outbox[-1], "signatures")
    assert "Confirm my signature" in client.get(confirm).content.decode()
    assert counts.exact(petition.pk) == before
    done = client.post(confirm).content.decode()
    assert counts.exact(petition.pk) == before + 1
    # The next step: share it, follow it, or go to the group behind it (and give).
    assert "What you can do next" in done and 'class="th-share"' in done
    assert f'action="/follow/petition/{petition.pk}/"' in done
    assert 'href="/alliance/donate/">donate to its campaign' in done
    again = client.post(confirm).content.decode()
    assert "already confirmed" in again
    assert counts.exact(petition.pk) == before + 1
    html = client.get(f"/petitions/{petition.pk}/").content.decode()
    assert f"<strong>{before + 1}</strong> signatures" in html and "and 12 on paper" in html
    assert "p7@example.org" not in html and "Person 7" not in html


def test_a_second_signature_is_told_by_email_not_on_the_page(
    client, ward, django_capture_on_commit_callbacks
):
    """The page after signing is the same for a new and a repeated address, so it cannot be
    used to find out who signed (issue 15); the difference is only in the email sent."""
    petition = Petition.objects.get(action__startswith="Stop using glyphosate")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/petitions/{petition.pk}/sign/", signing_data(ward, 8))
        # Not confirmed yet: a fresh link is emailed, as the person probably lost the first.
        response = client.post(
            f"/petitions/{petition.pk}/sign/", signing_data(ward, 8, email="P8@Example.org")
        )
    assert "Check your email" in response.content.decode()
    assert len(mail.outbox) == 2
    client.post(link(mail.outbox[-1], "signatures"))
    new = client.post(f"/petitions/{petition.pk}/sign/", signing_data(ward, 9))
    with django_capture_on_commit_callbacks(execute=True):
        repeated = client.post(f"/petitions/{petition.pk}/sign/", signing_data(ward, 8))
    assert repeated.status_code == new.status_code == 200
    # Each page names the address it was sent to, the one the person typed; nothing else differs.
    assert "p8@example.org" in _main(repeated) and "p9@example.org" in _main(new)
    assert _main(repeated).replace("p8@", "p9@") == _main(new)
    assert mail.outbox[-1].subject == "You have already signed this petition"
    assert mail.outbox[-1].to == ["p8@example.org"]
    assert petition.signatures.filter(normalised_email="p8@example.org").count() == 1


def _main(response) -> str:
    """The page's own content, without the per-request CSRF token."""
    html = response.content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_forged_tokens_are_not_found(client):
    assert client.get("/petitions/signatures/forged/").status_code == 404
    assert client.post("/petitions/start/forged/").status_code == 404
    petition = Petition.objects.filter(state="open").first()
    assert client.get(f"/petitions/{petition.pk}/support/wrong-token/").status_code == 200


def test_the_petition_page_shows_thresholds_response_and_wards(client):
    petition = Petition.objects.get(action__startswith="Stop using glyphosate")
    html = client.get(f"/petitions/{petition.pk}/").content.decode()
    assert "Written response" in html and "Reached" in html
    assert "The council responded on" in html
    assert "Signatures by ward" in html
    assert "days left to sign" in html
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.startswith("Stop using glyphosate") and "<" not in title
    assert Signature.objects.filter(petition=petition).exists()


def test_a_petition_can_name_the_organisation_behind_it(client, ward, alliance):
    client.post(
        "/petitions/new/",
        {
            **signing_data(ward, email="org@example.org"),
            "organisation": alliance.pk,
            "action": "Keep the youth club open",
            "background": "It is the only one nearby.",
        },
    )
    petition = Petition.objects.get(action="Keep the youth club open")
    assert petition.organisation == alliance


def test_officers_edit_the_thresholds(as_user):
    client = as_user("council-officer")
    html = client.get("/admin/petition_thresholds/").content.decode()
    assert "Full council debate" in html
    assert as_user("alliance-editor").get("/admin/petition_thresholds/").status_code in (302, 403)


def test_an_empty_submission_shows_what_to_fill_in(client):
    petition = Petition.objects.filter(state="open").first()
    for path, message in (
        (f"/petitions/{petition.pk}/sign/", "Enter your name"),
        ("/petitions/new/", "Enter what you want the council to do"),
        ("/join/alliance/", "Enter your name"),
    ):
        response = client.post(path, {})
        assert response.status_code == 400, path
        assert (
            "There is a problem" in response.content.decode()
            and message in response.content.decode()
        )


def test_lists_take_the_same_queries_however_many_petitions(
    client, django_assert_max_num_queries, new_petition, signer
):
    from townhall.petitions import services

    for number in range(6):
        extra = services.create(
            new_petition.borough,
            action=f"Extra {number}",
            background="B",
            additional_details="",
            organisation=None,
            creator=signer(200 + number, email=f"e{number}@example.org"),
        )
        Petition.objects.filter(pk=extra.pk).update(state="open")
    with django_assert_max_num_queries(12):
        html = client.get("/petitions/").content.decode()
    assert "Extra 5" in html and "32 signatures and 12 on paper" in html
    with django_assert_max_num_queries(8):
        listed = client.get("/api/petitions", {"limit": 200}).json()["items"]
    assert len(listed) >= 8


@pytest.mark.parametrize("title", ["Fix the lights\r\nBcc: everyone@example.org", "Tab\there"])
def test_a_petition_title_with_a_line_break_is_refused_with_a_message(client, ward, title):
    """It used to be saved, and its follow emails then failed with BadHeaderError."""
    response = client.post(
        "/petitions/new/",
        {**signing_data(ward, email="s@example.org"), "action": title, "background": "Dark."},
    )
    assert response.status_code == 400
    assert "Remove the line breaks and control characters" in response.content.decode()
    assert not Petition.objects.filter(background="Dark.").exists()
