"""Bringing a group's supporters across from a NationBuilder or Action Network export: first
a preview (each row: created, merged with the person already here by their address, already
here with nothing to add, or refused and why), then, once the organiser confirms, the same
decisions stored in one transaction.

The rules, in the order they apply to each row:
- a cell a spreadsheet would run as a formula (=, +, -, @ at its start; a phone number's
  "+" aside) refuses the row: such a cell is not a name or an address, and refusing it says
  so where storing it as text would carry it on to the next export (a cell a download
  marked as text with a leading quote is read as that text: people.supporter_formats);
- no address, or not an address, refuses the row; so does an address already given on an
  earlier row (compared as the provider compares them: core.email_addresses);
- someone already here by that address is merged: what Townhall lacks is filled in (name,
  phone, address, postcode), tags are added, nothing Townhall holds is overwritten;
- an address erased at the person's request (people.erasures) is not brought back;
- consent to emails comes across only where the export records it (email_opt_in true,
  subscribed), never assumed; a consent Townhall holds is never withdrawn by an export, and
  one withdrawn in Townhall (an unsubscribe link) is never given again by an export, whose
  opt-in may predate it;
- a postcode, phone, address, tag or date that cannot be kept is left out, with a note.
Importing the same file twice changes nothing the second time.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from townhall.core import people
from townhall.core.email_addresses import normalise_email
from townhall.core.models import Organisation
from townhall.core.services.postcodes import normalise_postcode, ward_for_postcode
from townhall.people import erasures
from townhall.people.models import Activity, Consent, Person, Tag
from townhall.people.supporter_csv import BadFile, open_export
from townhall.people.supporter_formats import (
    Incoming,
    SupporterFormat,
    formula_like,
    phone_like,
)

BATCH = 500
SHOWN = {"refuse": 1000, "create": 200, "merge": 200, "unchanged": 50}
NAME_LENGTH = Person._meta.get_field("name").max_length
TAG_LENGTH = Tag._meta.get_field("name").max_length
LIMITS = {
    "phone": Person._meta.get_field("phone").max_length,
    "address": Person._meta.get_field("address").max_length,
    "town": Person._meta.get_field("town").max_length,
}
FILLED_IN = ("name", "phone", "address", "town", "postcode")


@dataclass
class Row:
    """One row checked on its own: what would be kept, or why it is refused."""

    number: int
    email: str = ""  # normalised
    incoming: Incoming | None = None
    postcode: str = ""
    created_at: datetime | None = None
    tags: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)
    refusal: str = ""


@dataclass
class Decision:
    row: Row
    action: str  # "create", "merge", "unchanged" or "refuse"
    person: Person | None = None
    changes: list[str] = field(default_factory=list)
    reason: str = ""


@dataclass
class Shown:
    """A row as the preview lists it."""

    number: int
    email: str
    name: str
    what: str
    notes: list[str]


@dataclass
class Summary:
    shape: SupporterFormat | None = None
    error: str = ""  # the file cannot be imported at all
    rows: int = 0
    counts: dict[str, int] = field(
        default_factory=lambda: {"create": 0, "merge": 0, "unchanged": 0, "refuse": 0}
    )
    consents: int = 0  # people who come with (or gain) consent to emails
    shown: dict[str, list[Shown]] = field(default_factory=lambda: {action: [] for action in SHOWN})

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def fingerprint(self) -> str:
        """What the preview promised: confirming checks the file still does the same."""
        counts = self.counts
        return (
            f"{self.rows}:{counts['create']}:{counts['merge']}:{counts['unchanged']}:"
            f"{counts['refuse']}:{self.consents}"
        )

    @property
    def more(self) -> dict[str, int]:
        """Rows of each kind beyond those listed."""
        return {action: self.counts[action] - len(rows) for action, rows in self.shown.items()}

    def add(self, decision: Decision) -> None:
        self.counts[decision.action] += 1
        if decision.action in ("create", "merge") and _gives_consent(decision):
            self.consents += 1
        listed = self.shown[decision.action]
        if len(listed) < SHOWN[decision.action]:
            row = decision.row
            listed.append(
                Shown(
                    row.number,
                    (row.email or (row.incoming.email if row.incoming else ""))[:120],
                    (row.incoming.name if row.incoming else "")[:NAME_LENGTH],
                    decision.reason or ", ".join(decision.changes),
                    row.notes,
                )
            )


def _gives_consent(decision: Decision) -> bool:
    return decision.row.incoming.agrees_to_email and (
        decision.action == "create" or _may_gain_consent(decision.person)
    )


def _may_gain_consent(person: Person) -> bool:
    """Neither agreeing now nor having withdrawn: a withdrawal in Townhall is later news
    than any export's opt-in."""
    return not person.email_consents and person.withdrew_at is None


# Checking a row on its own


def _created(text: str) -> datetime | None:
    """ISO 8601, as both systems export dates ("2019-03-14T10:22:05-07:00", "2019-03-14")."""
    try:
        at = datetime.fromisoformat(text.replace(" UTC", "+00:00"))
    except ValueError:
        raise ValueError(
            _("the date “%(text)s” is not one Townhall reads (2019-03-14T10:22:05+00:00)")
            % {"text": text[:40]}
        ) from None
    return timezone.make_aware(at) if timezone.is_naive(at) else at


def check_row(number: int, cells: dict[str, str], shape: SupporterFormat, seen: dict) -> Row:
    row = Row(number)
    incoming = row.incoming = shape.read(cells)
    row.notes = list(incoming.notes)
    email = incoming.email
    try:
        validate_email(email)
    except ValidationError:
        row.refusal = (
            _("no email address: Townhall keeps each person by their address")
            if not email
            else _("“%(email)s” is not an email address") % {"email": email[:80]}
        )
        return row
    row.email = normalise_email(email)
    if row.email in seen:
        row.refusal = _("the same address as row %(row)s") % {"row": f"{seen[row.email]:,}"}
        return row
    seen[row.email] = number
    for column, value in incoming.kept.items():
        if formula_like(column, value):
            row.refusal = _(
                "%(column)s “%(value)s” starts with “%(start)s”, as a spreadsheet formula "
                "does: Townhall does not import it (correct the cell, or leave the row out)"
            ) % {"column": column, "value": value[:40], "start": value[0]}
            return row
    if len(incoming.name) > NAME_LENGTH:
        row.refusal = _("the name is longer than %(limit)s characters") % {"limit": NAME_LENGTH}
        return row
    _check_kept_fields(row, incoming)
    return row


def _check_kept_fields(row: Row, incoming: Incoming) -> None:
    """What cannot be kept is left out, and the preview says so."""
    if incoming.postcode:
        row.postcode = normalise_postcode(incoming.postcode) or ""
        if not row.postcode:
            row.notes.append(
                _("the postcode “%(postcode)s” is not a UK postcode: left out")
                % {"postcode": incoming.postcode[:20]}
            )
    if incoming.phone and (not phone_like(incoming.phone) or len(incoming.phone) > 30):
        row.notes.append(
            _("the phone number “%(phone)s” is left out") % {"phone": incoming.phone[:30]}
        )
    for name in ("address", "town"):
        if len(getattr(incoming, name)) > LIMITS[name]:
            label = Person._meta.get_field(name).verbose_name
            row.notes.append(_("the %(field)s is too long: left out") % {"field": label})
    long_tags = [tag for tag in incoming.tags if len(tag) > TAG_LENGTH]
    row.tags = tuple(tag for tag in incoming.tags if len(tag) <= TAG_LENGTH)
    if long_tags:
        row.notes.append(
            _("a tag longer than %(limit)s characters is left out: “%(tag)s…”")
            % {"limit": TAG_LENGTH, "tag": long_tags[0][:30]}
        )
    if incoming.created:
        try:
            row.created_at = _created(incoming.created)
        except ValueError as error:
            row.notes.append(_("%(error)s: first seen today") % {"error": error})


def kept_value(row: Row, name: str) -> str:
    """The value of a person's field this row gives, "" where it was left out."""
    if name == "postcode":
        return row.postcode
    value = getattr(row.incoming, name)
    if name == "phone":
        return value if phone_like(value) and len(value) <= LIMITS["phone"] else ""
    if name in LIMITS and len(value) > LIMITS[name]:
        return ""
    return value


# Deciding against the group's people


def _existing(organisation: Organisation, emails: list[str], source: str) -> dict[str, Person]:
    """The group's people with these addresses, each with `email_consents` (current) and
    `withdrew_at` (their latest withdrawal of consent to emails, or None)."""
    found = Person.objects.filter(organisation=organisation, email__in=emails).prefetch_related(
        "tags",
        Prefetch(
            "consents",
            queryset=Consent.objects.filter(purpose=people.EMAIL_UPDATES),
            to_attr="all_email_consents",
        ),
        Prefetch("history", queryset=Activity.objects.filter(source=source), to_attr="imports"),
    )
    for person in found:
        consents = person.all_email_consents
        person.email_consents = [c for c in consents if c.withdrawn_at is None]
        person.withdrew_at = max((c.withdrawn_at for c in consents if c.withdrawn_at), default=None)
    return {person.email: person for person in found}


def _changes(person: Person, row: Row) -> list[str]:
    changes = [
        _("adds their %(field)s") % {"field": Person._meta.get_field(name).verbose_name}
        for name in FILLED_IN
        if not getattr(person, name) and kept_value(row, name)
    ]
    have = {tag.name.casefold() for tag in person.tags.all()}
    new_tags = [tag for tag in row.tags if tag.casefold() not in have]
    if new_tags:
        changes.append(
            ngettext("adds %(count)s tag", "adds %(count)s tags", len(new_tags))
            % {"count": len(new_tags)}
        )
    if row.incoming.agrees_to_email and _may_gain_consent(person):
        changes.append(_("adds their consent to emails"))
    elif row.incoming.agrees_to_email and not person.email_consents:
        row.notes.append(
            _(
                "withdrew their consent to emails in Townhall on %(date)s: not subscribed "
                "again by the export's opt-in"
            )
            % {"date": date_format(timezone.localtime(person.withdrew_at), "j E Y")}
        )
    if row.created_at and row.created_at < person.first_seen_at:
        changes.append(_("first seen earlier"))
    if not person.imports:
        changes.append(_("notes the import in their history"))
    if person.email_consents and not row.incoming.agrees_to_email:
        row.notes.append(
            _(
                "agrees to emails in Townhall, not in the export: Townhall's consent stays "
                "(withdraw it on their page if they unsubscribed there)"
            )
        )
    return changes


def decide(organisation: Organisation, rows: list[Row], shape: SupporterFormat) -> list[Decision]:
    emails = [row.email for row in rows if not row.refusal]
    existing = _existing(organisation, emails, source_of(shape))
    erased = erasures.erased_among(
        organisation.pk, [email for email in emails if email not in existing]
    )
    decisions, new = [], _("new")
    for row in rows:
        if row.refusal:
            decisions.append(Decision(row, "refuse", reason=row.refusal))
        elif person := existing.get(row.email):
            changes = _changes(person, row)
            decisions.append(Decision(row, "merge" if changes else "unchanged", person, changes))
        elif row.email in erased:
            reason = _("erased at the person's request on %(date)s: not brought back") % {
                "date": date_format(timezone.localtime(erased[row.email]), "j E Y")
            }
            decisions.append(Decision(row, "refuse", reason=reason))
        else:
            decisions.append(Decision(row, "create", changes=[new]))
    return decisions


def source_of(shape: SupporterFormat) -> str:
    return f"import:{shape.key}"


def _batches(
    organisation: Organisation, data: bytes, chosen: str, summary: Summary
) -> Iterator[list[Decision]]:
    shape, cells = open_export(data, chosen)
    summary.shape = shape
    seen: dict[str, int] = {}
    waiting: list[Row] = []
    for number, row_cells in cells:
        summary.rows += 1
        waiting.append(check_row(number, row_cells, shape, seen))
        if len(waiting) >= BATCH:
            yield decide(organisation, waiting, shape)
            waiting = []
    if waiting:
        yield decide(organisation, waiting, shape)
    if not summary.rows:
        raise BadFile(_("The file names its columns but has no people in it."))


def preview(organisation: Organisation, data: bytes, chosen: str = "") -> Summary:
    """What importing the file would do, row by row; nothing is stored."""
    return _run(organisation, data, chosen, store=None)


def _run(
    organisation: Organisation,
    data: bytes,
    chosen: str,
    store: Callable[[list[Decision], SupporterFormat], None] | None,
) -> Summary:
    summary = Summary()
    try:
        for decisions in _batches(organisation, data, chosen, summary):
            if store is not None:
                store(decisions, summary.shape)
            for decision in decisions:
                summary.add(decision)
    except BadFile as error:
        summary.error = str(error)
    return summary


@transaction.atomic
def import_people(
    organisation: Organisation, data: bytes, chosen: str = "", *, expected: str = ""
) -> Summary:
    """Store what the preview showed, all of it or (on any fault) none of it. With
    `expected`, the preview's fingerprint: if the file or the group's people have changed
    so that the outcome differs, nothing is stored and the summary says what it is now."""
    writer = _Writer(organisation)
    summary = _run(organisation, data, chosen, writer.store)
    if not summary.ok or (expected and summary.fingerprint != expected):
        transaction.set_rollback(True)
    return summary


class _Writer:
    """Stores a batch of decisions: a few queries a batch, whatever its size."""

    def __init__(self, organisation: Organisation) -> None:
        self.organisation = organisation
        self.now = timezone.now()
        self.tags = {tag.name.casefold(): tag for tag in organisation.person_tags.all()}
        self.wards: dict[str, object] = {}

    def _tag(self, name: str) -> Tag:
        key = name.casefold()
        if key not in self.tags:
            self.tags[key] = Tag.objects.create(organisation=self.organisation, name=name)
        return self.tags[key]

    def _ward(self, postcode: str):
        if postcode and postcode not in self.wards:
            self.wards[postcode] = ward_for_postcode(self.organisation.borough, postcode)
        return self.wards.get(postcode)

    def store(self, decisions: list[Decision], shape: SupporterFormat) -> None:
        made = self._create([d for d in decisions if d.action == "create"])
        merged = self._merge([d for d in decisions if d.action == "merge"])
        touched = made + merged
        if not touched:
            return
        source = source_of(shape)
        through = Person.tags.through
        through.objects.bulk_create(
            [
                through(person_id=d.person.pk, tag_id=self._tag(name).pk)
                for d in touched
                for name in d.row.tags
            ],
            ignore_conflicts=True,
        )
        Consent.objects.bulk_create(
            Consent(
                person=d.person,
                purpose=people.EMAIL_UPDATES,
                wording=shape.consent_wording,
                source=source,
                given_at=self.now,
            )
            for d in touched
            if _gives_consent(d)
        )
        Activity.objects.bulk_create(
            [
                Activity(
                    person=d.person,
                    kind=Activity.Kind.IMPORTED,
                    label=_("Brought across from a %(system)s export") % {"system": shape.label},
                    at=self.now,
                    source=source,
                )
                for d in touched
            ],
            ignore_conflicts=True,
        )

    def _create(self, decisions: list[Decision]) -> list[Decision]:
        for decision in decisions:
            row = decision.row
            at = row.created_at or self.now
            decision.person = Person(
                organisation=self.organisation,
                email=row.email,
                **{name: kept_value(row, name) for name in FILLED_IN},
                ward=self._ward(row.postcode),
                first_seen_at=at,
                last_seen_at=at,
            )
        Person.objects.bulk_create([d.person for d in decisions])
        return decisions

    def _merge(self, decisions: list[Decision]) -> list[Decision]:
        for decision in decisions:
            person, row = decision.person, decision.row
            for name in FILLED_IN:
                if not getattr(person, name) and kept_value(row, name):
                    setattr(person, name, kept_value(row, name))
                    if name == "postcode":
                        person.ward = self._ward(person.postcode)
            if row.created_at and row.created_at < person.first_seen_at:
                person.first_seen_at = row.created_at
        Person.objects.bulk_update(
            [d.person for d in decisions], [*FILLED_IN, "ward", "first_seen_at"]
        )
        return decisions
