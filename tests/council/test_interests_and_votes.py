"""Registers of interests (every version kept and comparable), declarations on agenda items,
and recorded votes checked against the members present (issue 19, points 2 and 3)."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.council.formsets import formset
from townhall.council.models import (
    AgendaItem,
    Ballot,
    Committee,
    Councillor,
    Declaration,
    InterestsVersion,
    Meeting,
    Membership,
    RecordedVote,
)
from townhall.council.services.votes import check_vote

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _without_the_demos_recordedvotes(db):
    """The demo has some; these tests count their own."""
    RecordedVote.objects.all().delete()


@pytest.fixture
def committee(db) -> Committee:
    return Committee.objects.create(name="Planning", slug="planning-test", remit="Planning")


def member(committee, name: str, starts=date(2020, 1, 1), ends=None) -> Councillor:
    councillor = Councillor.objects.create(name=name, slug=name.lower().replace(" ", "-"))
    Membership.objects.create(
        committee=committee, councillor=councillor, starts_on=starts, ends_on=ends
    )
    return councillor


@pytest.fixture
def item(committee) -> AgendaItem:
    meeting = Meeting.objects.create(
        committee=committee,
        starts_at=timezone.make_aware(datetime(2024, 3, 5, 19)),
        status=Meeting.Status.HELD,
    )
    return AgendaItem.objects.create(meeting=meeting, number=4, title="Land at Oak Lane")


def test_each_new_register_is_a_numbered_version_and_none_is_older_than_the_last():
    councillor = Councillor.objects.create(name="Ann Test", slug="ann-test")
    first = InterestsVersion.objects.create(
        councillor=councillor, registered_on=date(2022, 5, 10), employment="Teacher"
    )
    second = InterestsVersion.objects.create(
        councillor=councillor, registered_on=date(2023, 6, 1), employment="Head teacher"
    )
    assert (first.number, second.number) == (1, 2)
    older = InterestsVersion(councillor=councillor, registered_on=date(2023, 1, 1))
    with pytest.raises(ValidationError, match="cannot be older"):
        older.full_clean()


def test_the_public_can_read_and_compare_every_version(client, settings):
    settings.TOWNHALL_GIFTS_THRESHOLD_POUNDS = 50
    councillor = Councillor.objects.create(name="Bo Test", slug="bo-test")
    InterestsVersion.objects.create(
        councillor=councillor,
        registered_on=date(2022, 5, 10),
        employment="Teacher at Oak School",
        land="12 Elm Road",
    )
    InterestsVersion.objects.create(
        councillor=councillor,
        registered_on=date(2023, 6, 1),
        employment="Head teacher at Oak School",
        gifts="Theatre tickets from a supplier, £80",
        change_summary="New job; a gift",
    )
    page = client.get(councillor.get_absolute_url()).content.decode()
    assert "Version 2, registered on 1 June 2023" in page and "Head teacher at Oak School" in page
    assert "Gifts and hospitality over £50" in page and "12 Elm Road" not in page
    compared = client.get(f"/democracy/councillors/{councillor.slug}/interests/")
    html = compared.content.decode()
    assert compared.status_code == 200 and "Changes from version 1" in html
    assert "[added: </span>Head" in html  # word by word within the entry
    assert "Entry removed: " in html and "12 Elm Road" in html
    assert "New entry: " in html and "Theatre tickets" in html
    earlier = client.get(f"/democracy/councillors/{councillor.slug}/interests/1/")
    assert "This is an earlier version" in earlier.content.decode()
    assert client.get(f"/democracy/councillors/{councillor.slug}/interests/9/").status_code == 404
    bad = client.get(f"/democracy/councillors/{councillor.slug}/interests/?old=1&new=1")
    assert bad.status_code == 400 and "Choose two different versions" in bad.content.decode()


def test_a_declaration_needs_a_member_of_the_committee_on_the_day(committee, item):
    sitting = member(committee, "Cy Sitting")
    gone = member(committee, "Di Gone", ends=date(2023, 12, 31))
    stranger = Councillor.objects.create(name="Ed Stranger", slug="ed-stranger")
    ok = Declaration(agenda_item=item, councillor=sitting, kind="pecuniary", nature="Owns land")
    ok.full_clean()
    for councillor in (gone, stranger):
        wrong = Declaration(agenda_item=item, councillor=councillor, kind="pecuniary", nature="x")
        with pytest.raises(ValidationError, match="was not a member of Planning on 5 March 2024"):
            wrong.full_clean()


def test_declarations_and_votes_show_on_the_item_the_councillor_and_the_decision(
    client, committee, item
):
    ann, ben, cat = (member(committee, name) for name in ("Ann Vote", "Ben Vote", "Cat Vote"))
    Declaration.objects.create(
        agenda_item=item,
        councillor=ann,
        kind="pecuniary",
        nature="Owns the land",
        left_the_room=True,
    )
    vote = RecordedVote.objects.create(agenda_item=item, motion="Refuse permission", result="pass")
    for councillor, option in ((ben, "yes"), (cat, "yes"), (ann, "absent")):
        Ballot.objects.create(vote=vote, councillor=councillor, option=option)
    assert vote.counts() == {"yes": 2, "no": 0, "abstain": 0, "absent": 1}
    meeting = client.get(item.meeting.get_absolute_url()).content.decode()
    assert "Owns the land (left the meeting for this item)" in meeting
    assert "Carried</strong>: 2 for, 0 against, 0 abstained, 1 absent" in meeting
    page = client.get(ann.get_absolute_url()).content.decode()
    assert "Disclosable pecuniary interest: Owns the land" in page and "Refuse permission" in page


def ballots(*pairs) -> list:
    return list(pairs)


def test_a_vote_must_account_for_each_member_present_once(committee, item):
    ann, ben, cat = (member(committee, name) for name in ("Ann T", "Ben T", "Cat T"))
    outsider = Councillor.objects.create(name="Out Sider", slug="out-sider")
    item.meeting.attended.set([ann, ben, cat])
    assert not check_vote(item, [(ann, "yes"), (ben, "yes"), (cat, "no")], "pass", False)

    short = check_vote(item, [(ann, "yes"), (ben, "yes")], "pass", False)
    assert short.ballots == [
        "The votes for, against and abstaining (2) do not add up to the members present (3)"
    ]
    absent_but_there = check_vote(
        item, [(ann, "yes"), (ben, "yes"), (cat, "absent")], "pass", False
    )
    assert "Cllr Cat T attended: record how they voted" in absent_but_there.ballots
    stranger = check_vote(
        item, [(ann, "yes"), (ben, "yes"), (cat, "no"), (outsider, "yes")], "pass", False
    )
    assert "Cllr Out Sider was not a member of Planning on 5 March 2024" in stranger.ballots
    assert "Cllr Out Sider did not attend the meeting" in stranger.ballots
    assert check_vote(item, [], "pass", False).ballots == ["Add how each member voted"]


@pytest.mark.parametrize(
    ("options", "result", "casting", "problem"),
    [
        (("yes", "yes", "no"), "fail", False, "2 for and 1 against: the motion was carried"),
        (("no", "no", "yes"), "pass", False, "1 for and 2 against: the motion was lost"),
        (("yes", "no", "abstain"), "pass", False, "tied (1 to 1): tick the chair's casting vote"),
        (("yes", "no", "abstain"), "fail", True, None),
        (("yes", "yes", "no"), "pass", True, "A casting vote is only used on a tie"),
    ],
)
def test_the_result_must_follow_from_the_votes(committee, item, options, result, casting, problem):
    people = [member(committee, f"Member {n}") for n in range(3)]
    found = check_vote(item, list(zip(people, options, strict=True)), result, casting)
    assert found.result == ([] if problem is None else [found.result[0]])
    if problem:
        assert problem in found.result[0]


def vote_form(item, rows: list[dict], result: str = "pass") -> dict:
    return {
        "agenda_item": item.pk,
        "motion": "Approve the plan",
        "result": result,
        "decision": "",
        **formset("ballots", rows),
    }


def test_officers_record_a_vote_and_a_wrong_tally_saves_nothing(as_user, committee, item):
    ann, ben = member(committee, "Ann Form"), member(committee, "Ben Form")
    item.meeting.attended.set([ann, ben])
    officer = as_user("council-officer")
    short = officer.post(
        "/admin/recordedvote/new/",
        vote_form(item, [{"councillor": ann.pk, "option": "yes"}]),
    )
    assert short.status_code == 200
    assert "do not add up to the members present (2)" in short.content.decode()
    assert not RecordedVote.objects.exists() and not Ballot.objects.exists()
    wrong_result = officer.post(
        "/admin/recordedvote/new/",
        vote_form(
            item,
            [{"councillor": ann.pk, "option": "no"}, {"councillor": ben.pk, "option": "no"}],
        ),
    )
    assert "the motion was lost" in wrong_result.content.decode()
    assert not RecordedVote.objects.exists()
    saved = officer.post(
        "/admin/recordedvote/new/",
        vote_form(
            item,
            [{"councillor": ann.pk, "option": "yes"}, {"councillor": ben.pk, "option": "no"}],
            result="fail",
        )
        | {"casting_vote": "on"},
    )
    assert saved.status_code == 302, saved.content.decode()[:3000]
    assert RecordedVote.objects.get().counts() == {"yes": 1, "no": 1, "abstain": 0, "absent": 0}


def test_an_old_register_cannot_be_changed_and_a_new_one_starts_as_a_copy(as_user):
    councillor = Councillor.objects.create(name="Fay Copy", slug="fay-copy")
    first = InterestsVersion.objects.create(
        councillor=councillor, registered_on=date(2022, 5, 10), land="12 Elm Road"
    )
    officer = as_user("council-officer")
    assert officer.get(f"/admin/interestsversion/edit/{first.pk}/").status_code in (302, 403)
    assert officer.post(f"/admin/interestsversion/delete/{first.pk}/").status_code in (302, 403)
    assert InterestsVersion.objects.filter(pk=first.pk, land="12 Elm Road").exists()
    new = officer.get(f"/admin/interestsversion/new/?councillor={councillor.pk}")
    assert new.status_code == 200 and "12 Elm Road" in new.content.decode()
