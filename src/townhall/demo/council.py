"""The demo council's committees, meetings, papers and decisions, from seeds 003 and 004's
facts, written fresh. Councillors appear in their public roles only."""

from collections import Counter
from datetime import date, datetime, time

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.documents import get_document_model

from townhall.core.models import Organisation, Ward
from townhall.core.working_days import working_days_after
from townhall.council.models import (
    AgendaItem,
    Committee,
    Councillor,
    Decision,
    Meeting,
    MeetingPaper,
    Membership,
)
from townhall.demo.pdf import pdf_document

COMMITTEES = [
    (
        "council",
        "Full Council",
        Committee.Kind.COUNCIL,
        "All councillors: the budget, the constitution and the council's policy framework.",
    ),
    (
        "cabinet",
        "Cabinet",
        Committee.Kind.CABINET,
        "The leader and cabinet members: the council's main executive decisions.",
    ),
    (
        "cabinet-resources",
        "Cabinet Resources Committee",
        Committee.Kind.CABINET,
        "Business cases, contracts, property and the council's finances.",
    ),
    (
        "children-education-libraries-safeguarding",
        "Children, Education, Libraries and Safeguarding Committee",
        Committee.Kind.COMMITTEE,
        "Schools, children's social care and safeguarding, and the library service.",
    ),
    (
        "one-barnet-partnership-board",
        "One Barnet Partnership Board",
        Committee.Kind.BOARD,
        "The council, the NHS, the university, Jobcentre Plus and the police discuss issues "
        "that affect residents' lives.",
    ),
]
DEMO_MAIL_DOMAIN = "councillors.barnet.example"
COUNCILLORS = [
    # slug, name, party, ward (left empty where the record does not say)
    ("robert-rams", "Robert Rams", "Conservative", ""),
    ("daniel-thomas", "Daniel Thomas", "Conservative", "Finchley Church End"),
    ("reuben-thompstone", "Reuben Thompstone", "Conservative", "Golders Green"),
]
# Made-up councillors, so that every ward has its members in the demo (Barnet elects two or
# three per ward); their names say they are illustrative wherever they show.
FIRST_NAMES = ["Alex", "Priya", "Tom", "Nadia", "Sam", "Helen", "Kwame", "Ruth", "Omar", "Jo"]
SURNAMES = ["Ashby", "Bennett", "Carver", "Dalton", "Ellis", "Fenwick", "Gray", "Hollis"]
ILLUSTRATIVE_PARTIES = ["Labour", "Conservative", "Labour"]
SEATS_PER_WARD = 3


def illustrative_councillors(wards: list[Ward], real: dict[int, int]) -> list[Councillor]:
    """Fill each ward's seats the real councillors above leave empty (`real`: ward pk to
    how many), each name marked "(illustrative)"."""
    made = []
    for ward in wards:
        for seat in range(real.get(ward.pk, 0), SEATS_PER_WARD):
            n = len(made)
            name = f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {SURNAMES[n // len(FIRST_NAMES) % 8]}"
            slug = slugify(f"{name} {ward.name}")
            made.append(
                Councillor(
                    slug=slug,
                    name=f"{name} (illustrative)",
                    party=ILLUSTRATIVE_PARTIES[seat],
                    ward=ward,
                    email=f"cllr.{slug}@{DEMO_MAIL_DOMAIN}",
                )
            )
    return made


# An officer's summary in everyday words (issue 29); the other decisions wait for theirs, and
# the council's dashboard says so.
PLAIN_WORDS = {
    "Business case for outsourcing back-office and customer services approved": (
        "The committee said yes to a plan to pay a private company to run some of the "
        "council's office work and its customer services.\n"
        "Next, the council can look for a company to do this work."
    ),
}

# The same for an agenda item (issue 29): illustrative wording, written for the demo, not
# the council's.
PLAIN_AGENDA = {
    "One Barnet framework": (
        "The cabinet will talk about a plan to change how the council works.\n"
        "The plan has many projects. It aims to save money and make services better."
    ),
}

MEMBERSHIPS = [
    ("cabinet", "robert-rams", Membership.Role.MEMBER, date(2010, 5, 1)),
    ("cabinet", "daniel-thomas", Membership.Role.MEMBER, date(2010, 5, 1)),
    ("cabinet-resources", "daniel-thomas", Membership.Role.CHAIR, date(2010, 5, 1)),
    (
        "children-education-libraries-safeguarding",
        "reuben-thompstone",
        Membership.Role.CHAIR,
        date(2014, 6, 1),
    ),
]
# (committee, when, venue, [(item title, outcome, paper title, pages)], decision or None)
MEETINGS = [
    (
        "cabinet",
        datetime(2010, 11, 29, 19, 0),
        "Hendon Town Hall",
        [("One Barnet framework", "Approved", "One Barnet framework report", 3)],
        (
            "One Barnet framework approved",
            "Cabinet approved the One Barnet framework: the council's programme of change "
            "projects, sponsored by the Chief Executive and led politically by two cabinet "
            "members.",
            "programmes",
        ),
    ),
    (
        "cabinet-resources",
        datetime(2011, 6, 29, 19, 0),
        "Hendon Town Hall",
        [
            (
                "New Support and Customer Service Organisation: business case",
                "Approved",
                "NSCSO business case",
                4,
            )
        ],
        (
            "Business case for outsourcing back-office and customer services approved",
            "The committee approved the business case for the New Support and Customer Service "
            "Organisation project, allowing the council to procure a strategic partner.",
            "contracts",
        ),
    ),
    (
        "one-barnet-partnership-board",
        datetime(2011, 5, 12, 10, 0),
        "North London Business Park",
        [("Minutes of the last meeting", "Agreed", "Partnership board minutes", 2)],
        None,
    ),
    (
        "children-education-libraries-safeguarding",
        datetime(2016, 4, 6, 19, 0),
        "Hendon Town Hall",
        [
            (
                "Library strategy: outcome of consultation",
                "Agreed",
                "Library strategy report and consultation findings",
                5,
            )
        ],
        (
            "Library strategy agreed after consultation",
            "The committee agreed the library strategy, including unstaffed opening hours, after "
            "a two-stage consultation.",
            "libraries",
        ),
    ),
    (
        "children-education-libraries-safeguarding",
        datetime(2017, 7, 17, 19, 0),
        "Hendon Town Hall",
        [
            (
                "Ofsted inspection of children's services: improvement plan",
                "Noted; plan agreed",
                "Ofsted inspection report and improvement plan",
                6,
            )
        ],
        (
            "Improvement plan for children's services after Ofsted",
            "The committee noted the inspection's findings and agreed an improvement plan.",
            "children",
        ),
    ),
]


# What some papers say, page by page (the rest say only which page they are): the words a
# resident can find with the council search, such as the business case's benchmarking.
PAPER_PAGES = {
    "NSCSO business case": [
        ["Summary of the business case for a strategic partner."],
        [
            "Services in scope: human resources, finance, IT, customer services,",
            "and commercial services.",
        ],
        [
            "Independent benchmarking of the back office costs found them higher",
            "than those of comparable boroughs.",
        ],
        ["Recommendation: proceed to procure a strategic partner."],
    ],
}


def paper(title: str, pages: int, collection, *, texts: list[list[str]] | None = None) -> object:
    """A demo PDF paper; its text is read at once, so the demo's search finds it."""
    from townhall.council.services.papers import read_text

    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    texts = texts or PAPER_PAGES.get(title)
    texts = texts or [[f"Page {n} of {pages}."] for n in range(1, pages + 1)]
    document = Document(title=title, collection=collection)
    document.file.save(
        f"{title.lower().replace(' ', '-')[:40]}.pdf",
        ContentFile(pdf_document(title, texts)),
        save=False,
    )
    document.save()
    read_text(document)
    return document


def _minutes(meeting: Meeting, collection) -> None:
    """The meeting's approved minutes as a paper to read: who came, and what was resolved."""
    when = timezone.localtime(meeting.starts_at)
    title = f"Minutes: {meeting.committee.name}, {when:%-d %B %Y}"
    items = list(meeting.agenda.all())
    pages = [
        [
            f"Minutes of the meeting of the {meeting.committee.name}",
            f"held on {when:%A %-d %B %Y} at {when:%-I.%M %p} at {meeting.venue}.",
            "1. Apologies for absence: none were received.",
            "2. Declarations of interest: none were declared.",
        ],
        *[[f"{item.number}. {item.title}", f"Resolved: {item.outcome}."] for item in items],
        ["The meeting finished at 9.15 pm. Approved as a correct record at the next meeting."],
    ]
    document = paper(title, len(pages), collection, texts=pages)
    MeetingPaper.objects.create(meeting=meeting, kind=MeetingPaper.Kind.MINUTES, document=document)
    meeting.minutes_text = "".join(f"<p>{escape(line)}</p>" for page in pages for line in page)
    meeting.save(update_fields=["minutes_text"])


def _approve_minutes() -> None:
    """Each meeting's minutes are approved at its committee's next meeting; where there is
    none yet, they are a draft waiting for it."""
    for meeting in Meeting.objects.filter(status=Meeting.Status.HELD).exclude(minutes_text=""):
        later = (
            Meeting.objects.filter(committee=meeting.committee, starts_at__gt=meeting.starts_at)
            .order_by("starts_at")
            .first()
        )
        if later is not None and later.starts_at <= timezone.now():
            meeting.minutes = Meeting.Minutes.APPROVED
            meeting.minutes_approved_at = later
            meeting.minutes_approved_on = timezone.localtime(later.starts_at).date()
        else:
            meeting.minutes = Meeting.Minutes.DRAFT
        meeting.save(update_fields=["minutes", "minutes_approved_at", "minutes_approved_on"])


def load_council() -> int:
    """Committees, councillors, meetings with agendas and papers, and decisions."""
    if Committee.objects.exists():
        return 0
    council = Organisation.objects.filter(slug="council").select_related("collection").first()
    collection = council.collection if council else None
    committees = {
        slug: Committee.objects.create(slug=slug, name=name, kind=kind, remit=remit)
        for slug, name, kind, remit in COMMITTEES
    }
    councillors = {
        slug: Councillor.objects.create(
            slug=slug,
            name=name,
            party=party,
            ward=Ward.objects.filter(name=ward).defer("boundary").first() if ward else None,
            # Invented addresses (the demo's emails stay in its outbox), for "Write to".
            email=f"cllr.{slug}@{DEMO_MAIL_DOMAIN}",
        )
        for slug, name, party, ward in COUNCILLORS
    }
    seats = Counter(c.ward_id for c in councillors.values() if c.ward_id)
    wards = list(Ward.objects.defer("boundary").order_by("name"))
    Councillor.objects.bulk_create(illustrative_councillors(wards, seats))
    for committee, councillor, role, starts in MEMBERSHIPS:
        Membership.objects.create(
            committee=committees[committee],
            councillor=councillors[councillor],
            role=role,
            starts_on=starts,
        )
    for slug, when, venue, items, decision in MEETINGS:
        meeting = Meeting.objects.create(
            committee=committees[slug],
            starts_at=timezone.make_aware(when),
            venue=venue,
            status=Meeting.Status.HELD,
        )
        for number, (title, outcome, paper_title, pages) in enumerate(items, start=3):
            item = AgendaItem.objects.create(
                meeting=meeting,
                number=number,
                title=title,
                outcome=outcome,
                plain_summary=PLAIN_AGENDA.get(title, ""),
            )
            document = paper(paper_title, pages, collection)
            MeetingPaper.objects.create(meeting=meeting, agenda_item=item, document=document)
            if decision:
                found = Decision.objects.create(
                    title=decision[0],
                    summary=decision[1],
                    plain_summary=PLAIN_WORDS.get(decision[0], ""),
                    topic=decision[2],
                    decided_on=when.date(),
                    committee=committees[slug],
                    meeting=meeting,
                    agenda_item=item,
                    status=Decision.Status.IMPLEMENTED,
                )
                found.papers.add(document)
        _minutes(meeting, collection)
    # Three weeks of working days ahead: residents' questions (ten working days before) are
    # still open on a demo loaded today.
    upcoming = working_days_after(timezone.localdate(), 15)
    Meeting.objects.create(
        committee=committees["children-education-libraries-safeguarding"],
        starts_at=timezone.make_aware(datetime.combine(upcoming, time(19, 0))),
        venue="Hendon Town Hall",
    )
    _approve_minutes()
    return len(MEETINGS)
