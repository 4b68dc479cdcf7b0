"""Tags and saved segments of an organisation's people (issue 18, point 2): who is in a
segment, tagging by hand and in bulk, and the CSV download."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from townhall.core import people
from townhall.core.models import Organisation, Postcode, Ward
from townhall.people import segments
from townhall.people.models import Person, Segment, Tag

pytestmark = pytest.mark.django_db

WORDING = "We will email you about our campaign."


def someone(organisation, email, *, kind="signed", consent=True, postcode="", days_ago=0):
    at = timezone.now() - timedelta(days=days_ago)
    people.record(
        people.Action(
            organisation_id=organisation.pk,
            email=email,
            name=email.split("@")[0].title(),
            kind=kind,
            label=f"{kind}: something",
            at=at,
            source=f"test.{kind}:{email}",
            consent=people.Consent(people.EMAIL_UPDATES, WORDING) if consent else None,
            direct=not consent,
            postcode=postcode,
        )
    )
    return Person.objects.get(organisation=organisation, email=email)


@pytest.fixture
def branch(db) -> Organisation:
    return Organisation.objects.get(slug="workers-branch")


@pytest.fixture
def ward(alliance) -> Ward:
    ward = Ward.objects.filter(borough=alliance.borough).first()
    Postcode.objects.create(postcode="EN5 4BW", ward=ward)
    return ward


def test_a_person_gets_the_ward_of_their_postcode(alliance, ward):
    assert someone(alliance, "ada@example.org", postcode="EN5 4BW").ward == ward
    assert someone(alliance, "bo@example.org", postcode="N1 1AA").ward is None


def test_a_segment_holds_everyone_matching_all_its_conditions(alliance, ward):
    ada = someone(alliance, "ada@example.org", postcode="EN5 4BW")
    bo = someone(alliance, "bo@example.org", kind="joined", consent=False, days_ago=40)
    someone(alliance, "cy@example.org", kind="rsvp")  # only in the first and the RSVP segment
    volunteers = Tag.objects.create(organisation=alliance, name="volunteer")
    ada.tags.add(volunteers)
    bo.tags.add(volunteers)

    def members(**conditions):
        segment = Segment(organisation=alliance, name="s", **conditions)
        return set(segment.people().values_list("email", flat=True))

    assert members() == {"ada@example.org", "bo@example.org", "cy@example.org"}
    assert members(tag=volunteers) == {"ada@example.org", "bo@example.org"}
    assert members(ward=ward) == {"ada@example.org"}
    assert members(action="rsvp") == {"cy@example.org"}
    assert members(email_consent="given") == {"ada@example.org", "cy@example.org"}
    assert members(email_consent="not_given") == {"bo@example.org"}
    recent = (timezone.now() - timedelta(days=7)).date()
    assert members(first_seen_from=recent) == {"ada@example.org", "cy@example.org"}
    assert members(first_seen_to=recent) == {"bo@example.org"}
    assert members(tag=volunteers, email_consent="given") == {"ada@example.org"}


def test_withdrawn_consent_takes_a_person_out_of_the_consenting_segment(alliance):
    someone(alliance, "ada@example.org")
    segment = Segment(organisation=alliance, name="s", email_consent="given")
    assert segment.people().count() == 1
    people.withdraw(alliance.pk, "ada@example.org")
    assert segment.people().count() == 0


def test_a_segment_never_holds_another_organisations_people(alliance, branch):
    someone(alliance, "ada@example.org")
    someone(branch, "ada@example.org")
    assert Segment(organisation=alliance, name="s").people().get().organisation == alliance


def test_a_segment_refuses_another_organisations_tag_and_backwards_dates(alliance, branch):
    theirs = Tag.objects.create(organisation=branch, name="theirs")
    segment = Segment(
        organisation=alliance,
        name="s",
        tag=theirs,
        first_seen_from=timezone.now().date(),
        first_seen_to=timezone.now().date() - timedelta(days=1),
    )
    with pytest.raises(Exception) as refused:
        segment.full_clean()
    assert set(refused.value.message_dict) == {"tag", "first_seen_to"}


def test_tagging_a_segment_tags_each_member_once(alliance):
    for email in ("ada@example.org", "bo@example.org"):
        someone(alliance, email)
    segment = Segment.objects.create(organisation=alliance, name="All")
    tag, added = segments.tag_everyone(segment, "leaflets")
    assert added == 2
    assert segments.tag_everyone(segment, "Leaflets") == (tag, 0)  # same tag, no one new
    assert Tag.objects.filter(organisation=alliance).count() == 1
    assert Segment(organisation=alliance, name="t", tag=tag).people().count() == 2


def read_csv(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


def test_the_download_has_readable_dates_yes_and_no_and_no_formulas(alliance):
    ada = someone(alliance, "ada@example.org")
    ada.name = '=HYPERLINK("http://evil.example")'
    ada.note = "+44 rang"
    ada.save()
    ada.tags.add(Tag.objects.create(organisation=alliance, name="volunteer"))
    someone(alliance, "bo@example.org", kind="joined", consent=False)
    response = segments.export(Segment.objects.create(organisation=alliance, name="All"))
    assert response["Cache-Control"] == "private, no-store"
    rows = {row["Email"]: row for row in read_csv(response)}
    assert rows["ada@example.org"]["Name"].startswith("'=")
    assert rows["ada@example.org"]["Note"] == "'+44 rang"
    assert rows["ada@example.org"]["Agrees to emails"] == "yes"
    assert rows["bo@example.org"]["Agrees to emails"] == "no"
    assert rows["ada@example.org"]["Tags"] == "volunteer"
    assert rows["ada@example.org"]["What they did"] == "Signed a petition"
    first_seen = rows["ada@example.org"]["First seen"]
    assert first_seen == timezone.localtime(ada.first_seen_at).strftime("%Y-%m-%d %H:%M")


def test_organisers_see_the_count_and_download_only_their_own_segments(as_user, alliance, branch):
    someone(alliance, "ada@example.org")
    ours = Segment.objects.create(organisation=alliance, name="All of ours")
    theirs = Segment.objects.create(organisation=branch, name="All of theirs")
    editor = as_user("alliance-editor")
    page = editor.get(f"/admin/segments/inspect/{ours.pk}/").content.decode()
    assert "All of ours" in page and "<dd>1</dd>" in page
    assert editor.get(f"/admin/segments/export/{ours.pk}/").status_code == 200
    assert editor.get(f"/admin/segments/export/{theirs.pk}/").status_code == 404
    assert "All of theirs" not in editor.get("/admin/segments/").content.decode()


def test_a_moderator_sees_a_segment_but_cannot_download_or_tag_it(as_user, alliance):
    segment = Segment.objects.create(organisation=alliance, name="All")
    moderator = as_user("alliance-moderator")
    assert moderator.get(f"/admin/segments/inspect/{segment.pk}/").status_code == 200
    assert moderator.get(f"/admin/segments/export/{segment.pk}/").status_code == 404
    assert moderator.post(f"/admin/segments/tag/{segment.pk}/", {"tag": "x"}).status_code == 404
    assert not Tag.objects.filter(name="x").exists()


def test_tagging_in_bulk_from_the_admin_asks_for_one_tag(as_user, alliance):
    someone(alliance, "ada@example.org")
    segment = Segment.objects.create(organisation=alliance, name="All")
    editor = as_user("alliance-editor")
    refused = editor.post(f"/admin/segments/tag/{segment.pk}/", {"tag": "a, b"})
    assert refused.status_code == 400 and "Enter one tag" in refused.content.decode()
    assert (
        editor.post(f"/admin/segments/tag/{segment.pk}/", {"tag": "door-knock"}).status_code == 302
    )
    assert Person.objects.get().tags.get().name == "door-knock"


def test_tagging_by_hand_offers_only_the_organisations_own_tags(as_user, alliance, branch):
    ada = someone(alliance, "ada@example.org")
    Tag.objects.create(organisation=branch, name="branch-only")
    editor = as_user("alliance-editor")
    form = editor.get(f"/admin/people/edit/{ada.pk}/").content.decode()
    assert "branch-only" not in form
    response = editor.post(
        f"/admin/people/edit/{ada.pk}/", {"note": "Met at the stall", "new_tags": "stall, Stall"}
    )
    assert response.status_code == 302
    ada.refresh_from_db()
    assert [tag.name for tag in ada.tags.all()] == ["stall"]
    assert ada.tags.get().organisation == alliance


def test_the_demo_alliance_has_people_a_segment_and_a_mailing_to_send(alliance):
    from townhall.demo.people import load_people

    assert load_people() == 9
    assert load_people() == 0  # again: nothing added
    segment = Segment.objects.get(organisation=alliance, name="Volunteers")
    assert segment.people().count() == 4
    assert segment.mailings.get().state == "draft"
