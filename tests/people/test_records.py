"""One record per person per organisation (issue 18, first step): what is kept, with which
consent, and what is taken away again."""

from datetime import timedelta

import pytest
from django.utils import timezone

from townhall.core import people
from townhall.core.models import Organisation
from townhall.people import records, services
from townhall.people.models import Activity, Consent, Person, Supporter

pytestmark = pytest.mark.django_db

WORDING = "We will email you about our campaign. You can stop at any time."


def action(organisation, **changes) -> people.Action:
    values = {
        "organisation_id": organisation.pk,
        "email": "Nadia@Example.org",
        "name": "Nadia",
        "kind": "signed",
        "label": "Signed: Save our libraries",
        "at": timezone.now(),
        "source": "petitions.signature:1",
        "consent": people.Consent(people.EMAIL_UPDATES, WORDING),
    }
    return people.Action(**{**values, **changes})


def test_an_action_without_consent_to_hear_from_the_group_is_not_kept(alliance):
    assert people.record(action(alliance, consent=None)) is None
    assert not Person.objects.exists()


def test_actions_of_one_address_make_one_person_with_their_history(alliance):
    people.record(action(alliance))
    later = timezone.now() + timedelta(days=1)
    people.record(
        action(
            alliance,
            email="nadia@example.org",
            kind="attended",
            label="Went to: Stall",
            source="events.rsvp:4",
            at=later,
            name="Nadia Rahman",
        )
    )
    person = Person.objects.get()
    assert (person.email, person.name) == ("nadia@example.org", "Nadia Rahman")
    assert [a.kind for a in person.history.all()] == ["attended", "signed"]
    assert person.consents.get().wording == WORDING  # given once, not twice


def test_reporting_the_same_record_again_changes_nothing(alliance):
    people.record(action(alliance))
    people.record(action(alliance))
    assert Activity.objects.count() == 1 and Consent.objects.count() == 1


def test_organisations_never_share_a_person(alliance):
    council = Organisation.objects.get(slug="council")
    people.record(action(alliance))
    people.record(action(council))
    assert Person.objects.filter(organisation=alliance).count() == 1
    assert Person.objects.filter(organisation=council).count() == 1
    people.forget(council.pk, "nadia@example.org")
    assert Person.objects.filter(organisation=alliance).exists()  # the other group's stays


def test_withdrawing_keeps_the_record_of_what_was_agreed(alliance):
    people.record(action(alliance))
    people.withdraw(alliance.pk, "NADIA@example.org")
    consent = Consent.objects.get()
    assert consent.withdrawn_at is not None and consent.wording == WORDING
    assert not records.current_email_consent(Person.objects.get())


def test_joining_keeps_the_supporter_and_their_consent_only_if_they_gave_it(alliance):
    for email, agreed in (("yes@example.org", True), ("no@example.org", False)):
        supporter = Supporter.objects.create(
            organisation=alliance,
            name="S",
            email=email,
            consent_to_contact=agreed,
            consent_wording=WORDING,
        )
        services.confirm(supporter.confirm_token)
    keen, quiet = (
        Person.objects.get(email="yes@example.org"),
        Person.objects.get(email="no@example.org"),
    )
    assert records.current_email_consent(keen) and not records.current_email_consent(quiet)
    assert keen.history.get().kind == quiet.history.get().kind == "joined"


def test_unsubscribing_withdraws_and_erasing_forgets(alliance):
    supporter = Supporter.objects.create(
        organisation=alliance,
        name="S",
        email="s@example.org",
        consent_to_contact=True,
        consent_wording=WORDING,
    )
    services.confirm(supporter.confirm_token)
    services.unsubscribe(supporter.token)
    assert not records.current_email_consent(Person.objects.get())
    services.erase(supporter.token)
    assert not Person.objects.exists() and not Activity.objects.exists()
    assert not Consent.objects.exists()


def test_an_organiser_deleting_a_supporter_deletes_their_record_too(alliance):
    supporter = Supporter.objects.create(
        organisation=alliance, name="S", email="gone@example.org", consent_wording=WORDING
    )
    services.confirm(supporter.confirm_token)
    assert Person.objects.filter(email="gone@example.org").exists()
    supporter.delete()  # what the admin's delete does
    assert not Person.objects.filter(email="gone@example.org").exists()


def test_organisers_see_their_peoples_history_and_consents_and_no_one_elses(alliance, as_user):
    people.record(action(alliance))
    council = Organisation.objects.get(slug="council")
    people.record(action(council, email="elsewhere@example.org"))
    editor = as_user("alliance-editor")
    listing = editor.get("/admin/people/").content.decode()
    assert "nadia@example.org" in listing and "elsewhere@example.org" not in listing
    mine = Person.objects.get(organisation=alliance)
    page = editor.get(f"/admin/people/inspect/{mine.pk}/").content.decode()
    assert WORDING in page and "Signed: Save our libraries" in page
    theirs = Person.objects.get(organisation=council)
    assert editor.get(f"/admin/people/inspect/{theirs.pk}/").status_code in (302, 403, 404)
    assert editor.get("/admin/people/new/").status_code == 302  # nobody adds a person by hand


def test_a_signer_joins_the_groups_people_only_by_ticking_its_own_box(alliance):
    from townhall.core.models import Ward
    from townhall.petitions import services as petitions
    from townhall.petitions.models import Petition

    ward = Ward.objects.first()
    petition = Petition.objects.filter(state="open").first()
    Petition.objects.filter(pk=petition.pk).update(organisation=alliance)
    petition.refresh_from_db()

    def sign(email: str, agreed: bool):
        signer = petitions.Signer("Sam", email, "EN5 4BW", ward, False, "192.0.2.9", agreed)
        petitions.confirm_signature(petitions.sign(petition, signer))

    sign("quiet@example.org", agreed=False)
    sign("keen@example.org", agreed=True)
    assert not Person.objects.filter(email="quiet@example.org").exists()
    keen = Person.objects.get(email="keen@example.org", organisation=alliance)
    assert keen.history.get().label == f"Signed: {petition.action}"
    assert keen.consents.get().wording == alliance.consent_wording


def test_the_sign_form_asks_separately_for_the_groups_emails(client, alliance):
    from townhall.petitions.models import Petition

    petition = Petition.objects.filter(state="open").first()
    Petition.objects.filter(pk=petition.pk).update(organisation=alliance)
    html = client.get(f"/petitions/{petition.pk}/sign/").content.decode()
    assert f"Email me news from {alliance.name}" in html
    assert (
        'name="hear_from_organisation"' in html
        and "checked" not in html.split('name="hear_from_organisation"')[1].split(">")[0]
    )


def test_not_even_an_administrator_adds_a_person_by_hand(as_user):
    admin = as_user("admin")
    assert 'href="/admin/people/new/"' not in admin.get("/admin/people/").content.decode()
    assert admin.get("/admin/people/new/").status_code == 302
