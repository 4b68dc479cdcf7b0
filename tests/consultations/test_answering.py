"""A resident answers a consultation: pages with skip logic, save and resume by email,
check and submit once, receipt; bad input gets a clear message."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.core import mail
from django.utils import timezone

from townhall.consultations.models import Response

pytestmark = pytest.mark.django_db


def _token(address: str) -> str:
    return re.search(r"/answer/([^/]+)/", address)[1]


def _answer_page_one(client, address, uses="Yes"):
    return client.post(address, {"uses-library": uses, "continue": ""})


def test_the_hub_lists_open_and_the_page_offers_to_start(client, libraries):
    hub = unescape(client.get("/consultations/").content.decode())
    assert "Open now" in hub and libraries.title in hub
    page = client.get(libraries.url).content.decode()
    assert "Start now" in page and "How we use your answers" in page


def test_skip_logic_shows_the_library_page_only_to_library_users(client, started):
    token = _token(started)
    assert _answer_page_one(client, started, "No")["Location"].endswith(f"/answer/{token}/2/")
    page_two = client.get(f"/consultations/answer/{token}/2/").content.decode()
    assert "Anything else" in page_two and "Which library" not in page_two

    _answer_page_one(client, started, "Yes")
    page_two = client.get(f"/consultations/answer/{token}/2/").content.decode()
    assert "Which library do you use most?" in page_two


def test_answers_on_a_path_left_are_not_submitted(client, started):
    token = _token(started)
    _answer_page_one(client, started, "Yes")
    client.post(
        f"/consultations/answer/{token}/2/",
        {"library": "Hendon", "unstaffed-hours": "Disagree", "continue": ""},
    )
    _answer_page_one(client, started, "No")  # changed their mind
    client.post(f"/consultations/answer/{token}/check/", {"publish": "private"})
    response = Response.objects.get(token=token)
    assert response.state == "submitted"
    assert response.answers == {"uses-library": "No"}


def test_save_resume_submit_and_receipt(client, started, django_capture_on_commit_callbacks):
    token = _token(started)
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(started, {"uses-library": "Yes", "save": ""})
        assert saved["Location"].endswith(f"/answer/{token}/save/")
        client.post(saved["Location"], {"email": "reader@example.org"})
    link = re.search(r"https?://\S+", mail.outbox[-1].body)[0]
    assert token in link

    resumed = client.get(link.replace("http://testserver", "")).content.decode()
    assert 'value="Yes"' in resumed and "checked" in resumed  # the saved answer is there
    client.post(
        f"/consultations/answer/{token}/2/",
        {"library": "Edgware", "unstaffed-hours": "Agree", "continue": ""},
    )
    client.post(f"/consultations/answer/{token}/3/", {"comments": "Keep Edgware open late."})
    check = client.get(f"/consultations/answer/{token}/check/").content.decode()
    assert "Edgware" in check and "Keep Edgware open late." in check
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            f"/consultations/answer/{token}/check/",
            {"publish": "anonymous", "email": "reader@example.org"},
        )
    assert done["Location"].endswith(f"/answer/{token}/receipt/")
    response = Response.objects.get(token=token)
    receipt = client.get(done["Location"]).content.decode()
    assert response.public_id in receipt and "Edgware" in receipt
    assert response.public_id in mail.outbox[-1].subject and "Agree" in mail.outbox[-1].body


def test_a_double_submit_counts_once(client, started):
    token = _token(started)
    _answer_page_one(client, started, "No")
    for _ in range(2):
        response = client.post(f"/consultations/answer/{token}/check/", {"publish": "private"})
        assert response.status_code == 302
    assert Response.objects.filter(token=token, state="submitted").count() == 1


def test_required_answers_are_asked_for(client, started):
    response = client.post(started, {"continue": ""})
    assert (
        response.status_code == 400
        and "Choose an answer: Do you use a library in Barnet?" in response.content.decode()
    )
    token = _token(started)
    refused = client.post(f"/consultations/answer/{token}/check/", {"publish": "private"})
    assert refused.status_code == 400
    assert Response.objects.get(token=token).state == "draft"


def test_a_word_limit_is_explained(client, started):
    token = _token(started)
    _answer_page_one(client, started, "No")
    response = client.post(f"/consultations/answer/{token}/2/", {"comments": "word " * 301})
    assert response.status_code == 400
    assert "Your answer is 301 words: make it 300 words or fewer" in response.content.decode()


def test_feedback_on_an_answer_page_never_records_the_private_link(client, started):
    html = client.get(started).content.decode()
    assert _token(started) not in html.split("th-feedback", 1)[1]


def test_a_forged_link_is_not_found(client):
    assert client.get("/consultations/answer/not-a-real-token/1/").status_code == 404


def test_after_closing_a_draft_is_kept_but_not_counted(client, started, libraries):
    token = _token(started)
    _answer_page_one(client, started, "No")
    stage = libraries.stages.get(title__startswith="Stage 2")
    stage.closes_at = timezone.now() - timedelta(minutes=1)
    stage.save()
    response = client.post(f"/consultations/answer/{token}/check/", {"publish": "private"})
    assert response.status_code == 400 and "closed" in response.content.decode()
    assert Response.objects.get(token=token).state == "draft"
    assert client.post(f"/consultations/{libraries.pk}/respond/").status_code == 409


def test_publishing_with_a_name_needs_the_consultation_to_ask_for_names(client, started):
    token = _token(started)
    _answer_page_one(client, started, "No")
    response = client.post(f"/consultations/answer/{token}/check/", {"publish": "named"})
    assert response.status_code == 400
    assert Response.objects.get(token=token).state == "draft"


def test_a_consultation_for_chosen_wards_refuses_other_wards(client, started, libraries):
    from townhall.core.models import Ward

    wards = list(Ward.objects.order_by("name")[:2])
    libraries.who_can_respond = "wards"
    libraries.wards = [wards[0]]
    libraries.save()
    token = _token(started)
    client.post(started, {"uses-library": "No", "ward": wards[1].pk, "continue": ""})
    refused = client.post(f"/consultations/answer/{token}/check/", {"publish": "private"})
    import re as r

    print(r.findall(r"(?s)<main.*?</main>", refused.content.decode())[0][:3000])
    assert refused.status_code == 400 and wards[0].name in unescape(refused.content.decode())
    client.post(started, {"uses-library": "No", "ward": wards[0].pk, "continue": ""})
    client.post(f"/consultations/answer/{token}/check/", {"publish": "private"})
    assert Response.objects.get(token=token).state == "submitted"


def test_the_decision_page_lists_the_consultation_whose_outcome_cites_it(client, libraries):
    from townhall.council.models import Decision

    decision = Decision.objects.get(title__startswith="Library strategy")
    libraries.outcome_decision = decision
    libraries.save_revision().publish()
    html = unescape(client.get(decision.get_absolute_url()).content.decode())
    assert f"Consultation: {libraries.title}" in re.sub(r"<[^>]+>", "", html)


def test_answering_is_rate_limited(client, started, settings):
    settings.TOWNHALL_RATE_LIMITS = {**settings.TOWNHALL_RATE_LIMITS, "consultation": "2/600"}
    token = _token(started)
    statuses = [
        client.post(f"/consultations/answer/{token}/check/", {"publish": "private"}).status_code
        for _ in range(3)
    ]
    assert statuses[-1] == 429
