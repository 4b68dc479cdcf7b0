"""The demo's events: a petition hand-in, a film screening, a volunteer shift, an online
meeting, and a past journey to the Department for Transport (from seed 002), written
fresh."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from townhall.core.models import Organisation, Ward
from townhall.events.models import EventIndexPage, EventPage
from townhall.petitions.models import Petition

EVENTS = {
    "alliance": [
        {
            "title": "Hand in the glyphosate petition at Hendon Town Hall",
            "days_ahead": 10,
            "at": time(18, 0),
            "hours": 1,
            "venue_name": "Hendon Town Hall, front steps",
            "address": "The Burroughs\nLondon",
            "postcode": "NW4 4BG",
            "ward": "Hendon",
            "step_free": True,
            "petition": "Stop using glyphosate",
            "capacity": 40,
            "description": "<p>Join us on the steps before the full council meeting to hand "
            "the petition and its paper signatures to the mayor. Bring a placard if you have "
            "one; we will have spares.</p>",
            "organiser": "Alliance for Public Services",
        },
        {
            "title": "Film screening: Dispossession, and a discussion on housing",
            "days_ahead": 20,
            "at": time(19, 0),
            "hours": 2.5,
            "venue_name": "Friern Barnet Community Library",
            "address": "Friern Barnet Road\nLondon",
            "postcode": "N11 3DS",
            "ward": "Friern Barnet",
            "hearing_loop": True,
            "quiet_space": True,
            "capacity": 30,
            "description": "<p>A screening of the documentary about people defending their "
            "homes against estate demolition, followed by a discussion with local tenants' "
            "groups. Free; donations to the library welcome.</p>",
            "organiser": "Alliance for Public Services",
        },
    ],
    "library-campaign": [
        {
            "title": "Volunteers: the library petition stall in North Finchley",
            "days_ahead": 4,
            "at": time(10, 0),
            "hours": 3,
            "venue_name": "Outside North Finchley Library",
            "address": "Ravensdale Avenue\nLondon",
            "postcode": "N12 9HP",
            "ward": "West Finchley",
            "step_free": True,
            "capacity": 6,
            "volunteering": True,
            "announced_days_ago": 60,  # with the campaign's launch, not news of today
            "description": "<p>We need six people for a three-hour stall: two to hand out "
            "leaflets, two to take signatures for the library petition, and two to talk to "
            "passers-by. No experience needed; we bring the table, clipboards and tea.</p>",
            "organiser": "Friern Barnet Library Campaign",
        },
        {
            "title": "Campaign meeting, online",
            "days_ahead": 5,
            "at": time(19, 30),
            "hours": 1,
            "online_url": "https://meet.example.org/library-campaign",
            "description": "<p>Our monthly meeting: the library's opening hours, volunteers "
            "for the summer reading scheme, and the council's next consultation.</p>",
            "organiser": "Friern Barnet Library Campaign",
        },
    ],
    "workers-branch": [
        {
            "title": "Travel together to deliver the right-to-ride petition",
            "starts": datetime(2017, 7, 20, 14, 0),
            "hours": 2,
            "venue_name": "Outside the Department for Transport, Great Minster House",
            "address": "33 Horseferry Road\nLondon",
            "postcode": "SW1P 4DR",
            "step_free": True,
            "description": "<p>Members and supporters travelled together to hand in the "
            "petition for disabled people's right to ride, during a week of action. We "
            "assembled outside at 2pm.</p>",
            "organiser": "Public Service Workers' Branch",
        }
    ],
}


def _start(spec: dict) -> datetime:
    if "starts" in spec:
        return timezone.make_aware(spec["starts"])
    day = timezone.localdate() + timedelta(days=spec["days_ahead"])
    return timezone.make_aware(datetime.combine(day, spec["at"]))


def _event(spec: dict) -> EventPage:
    starts = _start(spec)
    fields = {
        key: spec[key]
        for key in (
            *("venue_name", "address", "postcode", "online_url", "step_free", "bsl"),
            *("hearing_loop", "quiet_space", "capacity", "description", "organiser"),
            "volunteering",
        )
        if key in spec
    }
    event = EventPage(
        title=spec["title"],
        starts_at=starts,
        ends_at=starts + timedelta(hours=spec["hours"]),
        ward=Ward.objects.filter(name=spec.get("ward", "")).defer("boundary").first(),
        petition=Petition.objects.filter(action__startswith=spec.get("petition", "-")).first(),
        **fields,
    )
    if starts < timezone.now():
        event.first_published_at = starts  # a record of a past event, not a new one
    elif "announced_days_ago" in spec:
        event.first_published_at = timezone.now() - timedelta(days=spec["announced_days_ago"])
    return event


def load_events() -> int:
    """Each organisation's events page and its events, unless it has one already."""
    created = 0
    for slug, specs in EVENTS.items():
        organisation = Organisation.objects.filter(slug=slug).select_related("home_page").first()
        if organisation is None:
            continue
        section = organisation.home_page
        if EventIndexPage.objects.child_of(section).exists():
            continue
        index = section.add_child(instance=EventIndexPage(title="Events", slug="events"))
        index.save_revision().publish()
        for spec in specs:
            event = index.add_child(instance=_event(spec))
            event.save_revision().publish()
            created += 1
    return created
