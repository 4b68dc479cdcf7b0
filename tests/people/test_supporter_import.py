"""Supporters brought across from NationBuilder and Action Network (issue 28, point 3): each
column's mapping, consent only where the export records it, erased addresses kept out, tags,
merging, idempotence, all-or-nothing, and the export shapes read back unchanged."""

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.db import IntegrityError
from django.urls import reverse

from tests.people.test_segments import someone
from townhall.core import people
from townhall.core.models import Organisation, Postcode, Ward
from townhall.people import supporter_import
from townhall.people.models import Activity, ErasedAddress, Person, Tag
from townhall.people.supporter_export import rows
from townhall.people.supporter_formats import ACTION_NETWORK, NATIONBUILDER

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
NB_HEADER = "nationbuilder_id,first_name,last_name,email,email_opt_in,primary_zip,tag_list"


@pytest.fixture
def branch(db) -> Organisation:
    return Organisation.objects.get(slug="workers-branch")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def nationbuilder(*lines: str, header: str = NB_HEADER) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode()


def imported(organisation, data: bytes, shape: str = ""):
    summary = supporter_import.import_people(organisation, data, shape)
    assert summary.ok, summary.error
    return summary


def person(organisation, email: str) -> Person:
    return Person.objects.get(organisation=organisation, email=email)


# Each column's mapping


def test_a_nationbuilder_export_maps_each_column(alliance):
    imported(alliance, fixture("nationbuilder-people.csv"))
    ada = person(alliance, "ada.lovelace@example.org")
    assert ada.name == "Ada Lovelace"
    assert ada.phone == "+44 7700 900001"  # mobile_number before phone_number
    assert ada.address == "1 Example Road, Flat 2"
    assert ada.town == "Barnet"
    assert ada.postcode == "EN5 1AB"
    assert sorted(tag.name for tag in ada.tags.all()) == ["leaflets", "volunteer"]
    assert ada.first_seen_at == datetime(2019, 3, 14, 10, 22, 5, tzinfo=UTC)
    cy = person(alliance, "cy@example.org")
    assert cy.name == "Cy J Twombly"  # middle_name between
    assert cy.postcode == "NW4 4BE"  # normalised
    assert cy.first_seen_at.date().isoformat() == "2021-11-30"
    history = Activity.objects.get(person=ada)
    assert history.kind == Activity.Kind.IMPORTED
    assert history.label == "Brought across from a NationBuilder export"


def test_an_action_network_export_maps_each_column(alliance):
    summary = imported(alliance, fixture("actionnetwork-activists.csv"))
    assert summary.shape is ACTION_NETWORK
    dee = person(alliance, "dee@example.org")
    assert (dee.name, dee.phone, dee.address, dee.town, dee.postcode) == (
        "Dee Dee",
        "+44 7700 900004",
        "3 Example Street",
        "Barnet",
        "EN5 1AB",
    )
    assert sorted(tag.name for tag in dee.tags.all()) == ["Library friends", "volunteer"]
    assert dee.first_seen_at.year == 2022


def test_the_ward_comes_from_the_postcode_where_the_directory_knows_it(alliance):
    ward = Ward.objects.filter(borough=alliance.borough).first()
    Postcode.objects.get_or_create(postcode="EN5 1AB", defaults={"ward": ward})
    imported(alliance, fixture("nationbuilder-people.csv"))
    assert (
        person(alliance, "ada.lovelace@example.org").ward
        == Postcode.objects.get(postcode="EN5 1AB").ward
    )


def test_the_kind_of_export_is_recognised_or_taken_as_chosen(alliance):
    assert supporter_import.preview(alliance, fixture("nationbuilder-people.csv")).shape is (
        NATIONBUILDER
    )
    chosen = supporter_import.preview(alliance, fixture("actionnetwork-activists.csv"), "")
    assert chosen.shape is ACTION_NETWORK


# Consent


def test_consent_comes_only_where_the_export_records_it(alliance):
    imported(alliance, fixture("nationbuilder-people.csv"))
    imported(alliance, fixture("actionnetwork-activists.csv"))
    agreeing = set(
        Person.objects.filter(organisation=alliance)
        .with_email_consent()
        .values_list("email", flat=True)
    )
    assert "ada.lovelace@example.org" in agreeing
    assert "cy@example.org" in agreeing and "dee@example.org" in agreeing
    for never in ("bo@example.org", "eve@example.org", "fay@example.org"):
        assert never not in agreeing  # email_opt_in false, unsubscribed, bouncing


def test_an_imported_consent_says_where_it_came_from(alliance):
    imported(alliance, fixture("nationbuilder-people.csv"))
    (consent,) = person(alliance, "cy@example.org").consents.all()
    assert consent.purpose == people.EMAIL_UPDATES
    assert consent.source == "import:nationbuilder"
    assert "email_opt_in" in consent.wording and "not in the export" in consent.wording


@pytest.mark.parametrize("value", ["maybe", "pending", "ja"])
def test_an_opt_in_that_is_not_a_plain_yes_gives_no_consent(alliance, value):
    summary = imported(alliance, nationbuilder(f"1,Gil,Scott,gil@example.org,{value},,"))
    assert not person(alliance, "gil@example.org").consents.exists()
    assert "is not a yes" in summary.shown["create"][0].notes[0]


@pytest.mark.parametrize("value", ["true", "TRUE", "Y", "yes", "1"])
def test_the_ways_nationbuilder_writes_yes(alliance, value):
    imported(alliance, nationbuilder(f"1,Gil,Scott,gil@example.org,{value},,"))
    assert person(alliance, "gil@example.org").consents.count() == 1


def test_an_export_never_withdraws_a_consent_given_in_townhall(alliance):
    someone(alliance, "bo@example.org")  # signed with the box ticked
    summary = imported(alliance, fixture("nationbuilder-people.csv"))  # email_opt_in false
    assert Person.objects.with_email_consent().filter(email="bo@example.org").exists()
    (bo,) = [row for row in summary.shown["merge"] if row.email == "bo@example.org"]
    assert "Townhall's consent stays" in bo.notes[-1]


def test_someone_who_unsubscribed_here_is_not_resubscribed_by_an_old_export(alliance):
    imported(alliance, fixture("nationbuilder-people.csv"))  # Ada: email_opt_in true
    people.withdraw(alliance.pk, "ada.lovelace@example.org")  # a mailing's unsubscribe link
    summary = imported(alliance, fixture("nationbuilder-people.csv"))
    assert summary.consents == 0
    ada = Person.objects.filter(organisation=alliance, email="ada.lovelace@example.org")
    assert not ada.with_email_consent().exists()
    (shown,) = [row for row in summary.shown["unchanged"] if row.email.startswith("ada")]
    assert "not subscribed again" in shown.notes[-1]


# Merging with people already here


def test_someone_already_here_is_merged_by_their_normalised_address(alliance):
    someone(alliance, "adalovelace@example.org", postcode="")
    summary = supporter_import.preview(
        alliance,
        nationbuilder(
            "1,Ada,Lovelace,Ada.Lovelace+nb@Example.org,true,EN5 1AB,volunteer",
            header=NB_HEADER,
        ),
    )
    # example.org is not a provider that ignores dots: these are two addresses
    assert summary.counts["create"] == 1
    gmail = someone(alliance, "adalovelace@gmail.com")
    summary = imported(
        alliance, nationbuilder("2,Ada,Byron,Ada.Lovelace+nb@googlemail.com,true,EN5 1AB,nb")
    )
    assert summary.counts["merge"] == 1
    gmail.refresh_from_db()
    assert gmail.name == "Adalovelace"  # Townhall's name is kept
    assert gmail.postcode == "EN5 1AB"  # what it lacked is filled in
    assert [tag.name for tag in gmail.tags.all()] == ["nb"]
    assert "adds their postcode" in summary.shown["merge"][0].what


def test_a_merge_adds_tags_to_the_groups_own_matching_them_without_case(alliance):
    Tag.objects.create(organisation=alliance, name="Volunteer")
    imported(alliance, fixture("nationbuilder-people.csv"))
    assert Tag.objects.filter(organisation=alliance, name__iexact="volunteer").count() == 1
    assert person(alliance, "cy@example.org").tags.filter(name="Volunteer").exists()


def test_tags_come_as_the_groups_own_not_another_groups(alliance, branch):
    Tag.objects.create(organisation=branch, name="volunteer")
    imported(alliance, fixture("nationbuilder-people.csv"))
    ada = person(alliance, "ada.lovelace@example.org")
    assert all(tag.organisation_id == alliance.pk for tag in ada.tags.all())


# Erased addresses


def erase_in_the_admin(client, found: Person, *, at_their_request: bool):
    ticked = {"erasure_request": "on"} if at_their_request else {}
    answer = client.post(reverse("people:delete", args=[found.pk]), ticked)
    assert answer.status_code == 302
    assert not Person.objects.filter(pk=found.pk).exists()


def test_an_address_erased_here_is_not_brought_back(alliance, as_user):
    erased = someone(alliance, "cy@example.org")
    erase_in_the_admin(as_user("alliance-editor"), erased, at_their_request=True)
    summary = imported(alliance, fixture("nationbuilder-people.csv"))
    assert not Person.objects.filter(organisation=alliance, email="cy@example.org").exists()
    (refused,) = summary.shown["refuse"]
    assert refused.number == 4 and "erased at the person's request" in refused.what


def test_a_person_deleted_not_at_their_request_may_come_back(alliance, as_user):
    editor = as_user("alliance-editor")
    erase_in_the_admin(editor, someone(alliance, "cy@example.org"), at_their_request=False)
    someone(alliance, "bo@example.org").delete()  # a duplicate or a mistake, in code
    summary = imported(alliance, fixture("nationbuilder-people.csv"))
    assert summary.counts["refuse"] == 0
    assert not ErasedAddress.objects.filter(organisation_id=alliance.pk).exists()


def test_the_admins_delete_page_asks_whether_it_is_an_erasure_request(alliance, as_user):
    found = someone(alliance, "cy@example.org")
    page = as_user("alliance-editor").get(reverse("people:delete", args=[found.pk]))
    assert 'name="erasure_request"' in page.content.decode()


def test_erasure_is_remembered_as_a_digest_not_the_address(alliance, as_user):
    erase_in_the_admin(
        as_user("alliance-editor"), someone(alliance, "cy@example.org"), at_their_request=True
    )
    (kept,) = ErasedAddress.objects.filter(organisation_id=alliance.pk)
    assert "cy" not in kept.digest and len(kept.digest) == 64


def test_an_erasure_in_one_group_does_not_keep_someone_out_of_another(alliance, branch, as_user):
    erase_in_the_admin(
        as_user("alliance-editor"), someone(alliance, "cy@example.org"), at_their_request=True
    )
    imported(branch, fixture("nationbuilder-people.csv"))
    assert Person.objects.filter(organisation=branch, email="cy@example.org").exists()


def test_an_erasure_through_the_supporters_own_link_is_remembered_too(alliance, client):
    from townhall.people import services

    supporter = services.join(
        alliance, services.JoinRequest("Cy", "cy@example.org", "", consent_to_contact=True)
    )
    services.confirm(supporter.confirm_token)
    services.erase(supporter.token)
    summary = supporter_import.preview(alliance, fixture("nationbuilder-people.csv"))
    assert summary.counts["refuse"] == 1


# Idempotent, all or nothing


def test_the_same_file_twice_changes_nothing_the_second_time(alliance):
    first = imported(alliance, fixture("nationbuilder-people.csv"))
    assert first.counts["create"] == 3
    before = _everything(alliance)
    again = imported(alliance, fixture("nationbuilder-people.csv"))
    assert again.counts == {"create": 0, "merge": 0, "unchanged": 3, "refuse": 0}
    assert _everything(alliance) == before


def _everything(organisation) -> list:
    found = Person.objects.filter(organisation=organisation).order_by("email")
    return [
        (
            p.email,
            p.name,
            p.phone,
            p.postcode,
            p.first_seen_at,
            sorted(t.name for t in p.tags.all()),
            sorted((c.source, c.withdrawn_at) for c in p.consents.all()),
            sorted(a.source for a in p.history.all()),
        )
        for p in found
    ] + [sorted(Tag.objects.filter(organisation=organisation).values_list("name", flat=True))]


def test_a_fault_part_way_stores_nothing(alliance, monkeypatch):
    real, calls = supporter_import._Writer._create, []

    def failing_third_time(self, decisions):
        calls.append(decisions)
        if len(calls) == 3:
            raise IntegrityError("a fault while storing")
        return real(self, decisions)

    monkeypatch.setattr(supporter_import, "BATCH", 1)
    monkeypatch.setattr(supporter_import._Writer, "_create", failing_third_time)
    with pytest.raises(IntegrityError):
        supporter_import.import_people(alliance, fixture("nationbuilder-people.csv"))
    assert len(calls) == 3  # two rows had been stored before the fault
    assert not Person.objects.filter(organisation=alliance, email="bo@example.org").exists()
    assert not Tag.objects.filter(organisation=alliance, name="leaflets").exists()


def test_a_bad_row_found_after_good_ones_were_stored_undoes_them(alliance, monkeypatch):
    monkeypatch.setattr(supporter_import, "BATCH", 1)
    data = nationbuilder(
        "1,Gil,Scott,gil@example.org,true,,",
        "2,Hal,Fine,hal@example.org,true,,",
        "3,Cut",
    )
    summary = supporter_import.import_people(alliance, data)
    assert "Row 4 has 2 of the 7 columns" in summary.error
    assert not Person.objects.filter(organisation=alliance, email="gil@example.org").exists()


def test_confirming_checks_the_preview_still_holds(alliance):
    data = fixture("nationbuilder-people.csv")
    promised = supporter_import.preview(alliance, data).fingerprint
    someone(alliance, "bo@example.org")  # joins between the preview and the confirmation
    summary = supporter_import.import_people(alliance, data, expected=promised)
    assert summary.fingerprint != promised
    assert not Person.objects.filter(organisation=alliance, email="cy@example.org").exists()


# Rows refused, values left out


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("1,Gil,Scott,,true,,", "no email address"),
        ("1,Gil,Scott,not-an-address,true,,", "is not an email address"),
        ('1,"=HYPERLINK(""http://x.example"")",Scott,g@example.org,true,,', "first_name"),
        ("1,Gil,+SUM(A1),g@example.org,true,,", "spreadsheet formula"),
        ("1,Gil,Scott,g@example.org,true,,@evil", "tag_list"),
        ("1,Gil,-2+3,g@example.org,true,,", "starts with “-”"),
        (f"1,{'G' * 120},Scott,g@example.org,true,,", "longer than 100"),
    ],
)
def test_a_row_is_refused_with_its_reason(alliance, line, reason):
    summary = imported(alliance, nationbuilder(line))
    (refused,) = summary.shown["refuse"]
    assert refused.number == 2 and reason in refused.what
    assert not Person.objects.filter(organisation=alliance, email="g@example.org").exists()


def test_a_phone_number_starting_with_plus_is_not_a_formula(alliance):
    header = "first_name,last_name,email,email_opt_in,mobile_number"
    imported(alliance, nationbuilder("Gil,Scott,g@example.org,true,+44 7700 900123", header=header))
    assert person(alliance, "g@example.org").phone == "+44 7700 900123"


def test_a_repeated_address_is_refused_naming_the_first_row(alliance):
    data = nationbuilder(
        "1,Gil,Scott,gil.scott@gmail.com,true,,",
        "2,Hal,Fine,hal@example.org,true,,",
        "3,Gil,Heron,GilScott+news@gmail.com,false,,",
    )
    summary = imported(alliance, data)
    (refused,) = summary.shown["refuse"]
    assert refused.number == 4 and refused.what == "the same address as row 2"
    assert person(alliance, "gilscott@gmail.com").name == "Gil Scott"


@pytest.mark.parametrize(
    ("header", "line", "note"),
    [
        (NB_HEADER, "1,Gil,Scott,g@example.org,true,90210,", "not a UK postcode"),
        (NB_HEADER, f"1,Gil,Scott,g@example.org,true,,{'t' * 60}", "a tag longer than 50"),
        (
            "first_name,last_name,email,email_opt_in,created_at",
            "Gil,Scott,g@example.org,true,14/03/2019",
            "first seen today",
        ),
        (
            "first_name,last_name,email,email_opt_in,phone_number",
            "Gil,Scott,g@example.org,true,call me",
            "phone number",
        ),
    ],
)
def test_a_value_that_cannot_be_kept_is_left_out_with_a_note(alliance, header, line, note):
    summary = imported(alliance, nationbuilder(line, header=header))
    (created,) = summary.shown["create"]
    assert any(note in text for text in created.notes), created.notes
    gil = person(alliance, "g@example.org")
    assert gil.postcode == "" and gil.phone == "" and not gil.tags.exists()


# The export shapes read back


@pytest.mark.parametrize("shape", [NATIONBUILDER, ACTION_NETWORK], ids=lambda s: s.key)
def test_export_then_import_gives_the_same_people(alliance, branch, shape):
    imported(alliance, fixture("nationbuilder-people.csv"))
    imported(alliance, fixture("actionnetwork-activists.csv"))
    someone(alliance, "joined@example.org", kind="joined", consent=False, postcode="N3 1AB")
    exported = _csv(shape, Person.objects.filter(organisation=alliance))
    summary = imported(branch, exported, shape.key)
    assert summary.counts["refuse"] == 0
    assert _people(alliance) == _people(branch)


@pytest.mark.parametrize("shape", [NATIONBUILDER, ACTION_NETWORK], ids=lambda s: s.key)
def test_a_cell_the_export_neutralised_reads_back_without_its_quote(alliance, branch, shape):
    ada = someone(alliance, "ada@example.org", postcode="EN5 1AB")
    Person.objects.filter(pk=ada.pk).update(name="@Ada -Lovelace", address="-1 Example Road")
    ada.tags.add(Tag.objects.create(organisation=alliance, name="=important"))
    exported = _csv(shape, Person.objects.filter(organisation=alliance))
    assert "'@Ada" in exported.decode()  # as every Townhall download writes it
    summary = imported(branch, exported, shape.key)
    assert summary.counts["refuse"] == 0
    assert _people(alliance) == _people(branch)


def _csv(shape, found) -> bytes:
    from townhall.core.admin_views import readable

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(shape.columns)
    for row in rows(found, shape):
        writer.writerow([readable(value) for value in row])  # as core.csv_download writes
    return out.getvalue().encode()


def _people(organisation) -> list:
    found = Person.objects.filter(organisation=organisation).order_by("email")
    return [
        (
            p.email,
            p.name,
            p.phone,
            p.address,
            p.town,
            p.postcode,
            p.first_seen_at.replace(microsecond=0),
            sorted(t.name for t in p.tags.all()),
            Person.objects.with_email_consent().filter(pk=p.pk).exists(),
        )
        for p in found
    ]
