"""What the API says of organisations and their pages: only what their public pages show.
No press contacts, no names of people who added theirs, no addresses or postcodes."""

from datetime import date, datetime

from ninja import Schema


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: str
    url: str
    intro: str  # HTML


class AimsVersionOut(Schema):
    number: int
    title: str
    change_summary: str
    published_at: datetime
    body: str  # HTML
    url: str


class AimsOut(Schema):
    id: int
    title: str
    organisation: str | None
    url: str
    last_published_at: datetime | None
    versions: list[AimsVersionOut]


class NewsPostOut(Schema):
    id: int
    title: str
    date: date
    author: str
    excerpt: str
    body: str  # HTML
    categories: list[str]
    tags: list[str]
    organisation: str | None
    url: str
    last_published_at: datetime | None


class PlacesOut(Schema):
    capacity: int | None
    taken: int
    left: int | None


class EventOut(Schema):
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    ward: str | None
    ward_code: str | None
    online_url: str
    access: list[str]
    volunteering: bool
    cancelled: bool
    places: PlacesOut
    organisation: str | None
    url: str
    last_published_at: datetime | None


class StatementOut(Schema):
    id: int
    title: str
    date: date
    summary: str
    body: str  # HTML
    demands: list[str]
    co_signers: list[str]  # organisations' slugs
    names_count: int
    organisation: str | None
    url: str
    last_published_at: datetime | None
