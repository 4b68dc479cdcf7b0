"""The demo alliance's people: residents who joined (most agreeing to its emails), a few
tagged as volunteers, a saved segment of them, and a mailing waiting to be sent.

Invented residents at example.org addresses. Loaded by `townhall load_demo`, not by the
test suite's demo, so tests count only the people they make."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from townhall.core import people
from townhall.core.models import Organisation
from townhall.people.models import Mailing, Person, Segment, Tag

RESIDENTS = [
    # name, postcode, agreed to emails, tagged volunteer, days ago they joined
    ("Amara Okafor", "N12 7NN", True, True, 320),
    ("Ben Hartley", "EN5 4BW", True, False, 200),
    ("Chloe Demetriou", "N11 3DS", True, True, 150),
    ("Dev Patel", "NW4 4BG", False, False, 120),
    ("Esther Cohen", "N3 1AA", True, False, 90),
    ("Femi Adeyemi", "NW9 4EW", True, True, 45),
    ("Grace Murphy", "N20 0AB", True, False, 12),
    ("Hassan Rahimi", "EN4 8RQ", False, False, 5),
    ("Iris Kowalski", "N14 5QP", True, True, 3),
]

MAILING_BODY = (
    "<p>Thank you for standing with us. On Saturday we are running a stall outside "
    "North Finchley library to collect names for the petition to keep it open.</p>"
    "<p>Could you spare an hour? Reply to this email and say when suits you.</p>"
)


@transaction.atomic
def load_people() -> int:
    alliance = Organisation.objects.filter(slug="alliance").first()
    if alliance is None or Person.objects.filter(organisation=alliance).exists():
        return 0
    now = timezone.now()
    volunteers, _ = Tag.objects.get_or_create(organisation=alliance, name="volunteer")
    for number, (name, postcode, agreed, volunteer, days) in enumerate(RESIDENTS):
        email = f"{name.split()[0].lower()}@example.org"
        people.record(
            people.Action(
                organisation_id=alliance.pk,
                email=email,
                name=name,
                kind="joined",
                label=f"Joined {alliance.name}",
                at=now - timedelta(days=days),
                source=f"demo.person:{number}",
                consent=people.Consent(people.EMAIL_UPDATES, alliance.consent_wording)
                if agreed
                else None,
                direct=True,
                postcode=postcode,
            )
        )
        if volunteer:
            Person.objects.get(organisation=alliance, email=email).tags.add(volunteers)
    segment, _ = Segment.objects.get_or_create(
        organisation=alliance,
        name="Volunteers",
        defaults={"tag": volunteers, "email_consent": Segment.EmailConsent.GIVEN},
    )
    Mailing.objects.get_or_create(
        organisation=alliance,
        subject="Can you help at Saturday's library stall?",
        defaults={
            "segment": segment,
            "body": MAILING_BODY,
            "created_by": get_user_model().objects.filter(username="alliance-editor").first(),
        },
    )
    return len(RESIDENTS)
