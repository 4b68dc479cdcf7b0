"""The two shapes a group's supporters come in, and go out in: a NationBuilder people export
and an Action Network activist export. Each says which columns it needs, how one row reads
as a person, and how a person is written back in its columns, so no group is locked in.

Column names, as the two systems write them:
- NationBuilder: its list of people fields ("What fields are available for imports?",
  nationbuilder.com/what_fields_are_available_for_imports, the same names its people export
  writes: email, email_opt_in (Y/N, true/false), first_name, middle_name, last_name,
  phone_number, mobile_number, created_at, tag_list "comma separated", nationbuilder_id)
  and the primary address columns of its exports (primary_address1..3, primary_city,
  primary_zip), as read by the Sortition Foundation's stratification-app
  (sortitionfoundation/stratification-app) and by public NationBuilder-to-EveryAction
  migration scripts.
- Action Network: the columns of its activist report download (uuid, first_name, last_name,
  email, zip_code, can2_user_address, can2_user_city, can2_state_abbreviated, can2_phone,
  can2_user_tags "separated by ', '", can2_subscription_status: subscribed, unsubscribed,
  bouncing or spam complaint), as documented by public scripts that sync these downloads
  (SURJ Bay Area's Action Network to EveryAction sync, Apache-2.0) and by Action Network's
  help pages on subscription status (help.actionnetwork.org, "Viewing and editing an
  activist's record"); created_date where the report includes it.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from townhall.core.admin_views import FORMULA_STARTS  # OWASP, "CSV Injection"
from townhall.people.models import Person

# A phone number may start with "+": digits, spaces, brackets and dashes run nothing.
PHONE = re.compile(r"^\+?[0-9 ()\-.]{5,25}$")
YES = {"true", "yes", "y", "1", "t"}
NO = {"false", "no", "n", "0", "f", ""}


@dataclass(frozen=True)
class Incoming:
    """One row as Townhall reads it, before it is checked against the group's people."""

    email: str
    name: str
    phone: str = ""
    address: str = ""
    town: str = ""
    postcode: str = ""
    tags: tuple[str, ...] = ()
    agrees_to_email: bool = False
    created: str = ""  # as written: people.supporter_import reads it
    # Cells kept, by column, so a formula-like one can be named; and notes for the preview.
    kept: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class SupporterFormat:
    key: str
    label: str
    described: str  # "a NationBuilder people export", for messages
    required: tuple[str, ...]
    # Columns only this system's exports have: how a file is recognised.
    marks: tuple[str, ...]
    columns: tuple[str, ...]  # what Townhall writes when exporting in this shape
    consent_column: str
    read: Callable[[dict[str, str]], Incoming]
    write: Callable[[Person, list[str], bool], list[str]]
    consent_wording: str

    def looks_like(self, headings: set[str]) -> bool:
        """A mark ending in "_" is the start of column names ("can2_")."""
        return any(
            heading == mark or (mark.endswith("_") and heading.startswith(mark))
            for mark in self.marks
            for heading in headings
        )


def _joined(*parts: str, between: str = " ") -> str:
    return between.join(part for part in parts if part)


def tag_list(text: str) -> tuple[str, ...]:
    """ "volunteer, Friern Barnet,volunteer" → ("volunteer", "Friern Barnet")."""
    names: dict[str, str] = {}
    for part in text.split(","):
        name = " ".join(part.split())
        if name:
            names.setdefault(name.casefold(), name)
    return tuple(names.values())


def unquoted(value: str) -> str:
    """A cell without the quote a download puts before text a spreadsheet would run
    (core.admin_views.spreadsheet_safe, as Townhall's own exports write it): "'=x" → "=x".
    Any other leading quote is the cell's own."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


def _as_written(read: Callable[[dict[str, str]], Incoming]) -> Callable[[dict[str, str]], Incoming]:
    """Values without their neutralising quote; the cells kept for the formula check as
    they came, since a quoted cell is text a spreadsheet does not run."""

    def reading(cells: dict[str, str]) -> Incoming:
        incoming = read({column: unquoted(value) for column, value in cells.items()})
        kept = {column: cells.get(column, "") for column in incoming.kept}
        return replace(incoming, kept=kept)

    return reading


def _phone(cells: dict[str, str], *columns: str) -> tuple[str, dict[str, str]]:
    """The first phone number given, and its cell by column."""
    for column in columns:
        if value := cells.get(column, ""):
            return value, {column: value}
    return "", {}


def _consent(value: str, column: str, yes: set[str]) -> tuple[bool, tuple[str, ...]]:
    """Agreement only where the export says so in as many words; anything else is none."""
    given = value.strip().casefold()
    if given in yes:
        return True, ()
    if given in NO or given in {"unsubscribed", "bouncing", "spam complaint"}:
        return False, ()
    return False, (
        _("%(column)s “%(value)s” is not a yes: they come in without consent to emails")
        % {"column": column, "value": value[:40]},
    )


def _cells_given(cells: dict[str, str], *columns: str) -> dict[str, str]:
    return {column: cells.get(column, "") for column in columns if cells.get(column)}


def _read_nationbuilder(cells: dict[str, str]) -> Incoming:
    email_column = "email" if cells.get("email") else "email1"
    phone, phone_cell = _phone(cells, "mobile_number", "phone_number")
    address_columns = ("primary_address1", "primary_address2", "primary_address3")
    agrees, notes = _consent(cells.get("email_opt_in", ""), "email_opt_in", YES)
    kept = {
        email_column: cells.get(email_column, ""),
        **_cells_given(cells, "first_name", "middle_name", "last_name"),
        **_cells_given(cells, *address_columns, "primary_city", "primary_zip", "tag_list"),
        **phone_cell,
    }
    return Incoming(
        email=cells.get(email_column, ""),
        name=_joined(
            cells.get("first_name", ""), cells.get("middle_name", ""), cells.get("last_name", "")
        ),
        phone=phone,
        address=_joined(*(cells.get(column, "") for column in address_columns), between=", "),
        town=cells.get("primary_city", ""),
        postcode=cells.get("primary_zip", ""),
        tags=tag_list(cells.get("tag_list", "")),
        agrees_to_email=agrees,
        created=cells.get("created_at", ""),
        kept=kept,
        notes=notes,
    )


def _read_action_network(cells: dict[str, str]) -> Incoming:
    phone, phone_cell = _phone(cells, "can2_phone")
    agrees, notes = _consent(
        cells.get("can2_subscription_status", ""), "can2_subscription_status", {"subscribed"}
    )
    kept = {
        "email": cells.get("email", ""),
        **_cells_given(cells, "first_name", "last_name", "can2_user_address", "can2_user_city"),
        **_cells_given(cells, "zip_code", "can2_user_tags"),
        **phone_cell,
    }
    return Incoming(
        email=cells.get("email", ""),
        name=_joined(cells.get("first_name", ""), cells.get("last_name", "")),
        phone=phone,
        address=cells.get("can2_user_address", ""),
        town=cells.get("can2_user_city", ""),
        postcode=cells.get("zip_code", ""),
        tags=tag_list(cells.get("can2_user_tags", "")),
        agrees_to_email=agrees,
        created=cells.get("created_date", ""),
        kept=kept,
        notes=notes,
    )


def split_name(name: str) -> tuple[str, str]:
    """First word, and the rest: "Mary Ann Smith" → ("Mary", "Ann Smith"). Joined again
    on import, the name is the same."""
    first, _space, rest = name.strip().partition(" ")
    return first, rest.strip()


def first_seen_text(person: Person) -> str:
    """Local time with its offset, so an import reads back the same moment."""
    return timezone.localtime(person.first_seen_at).isoformat(timespec="seconds")


def _write_nationbuilder(person: Person, tags: list[str], agrees: bool) -> list[str]:
    first, last = split_name(person.name)
    return [
        first,
        last,
        person.email,
        "true" if agrees else "false",
        person.phone,
        person.address,
        person.town,
        person.postcode,
        ", ".join(tags),
        first_seen_text(person),
    ]


def _write_action_network(person: Person, tags: list[str], agrees: bool) -> list[str]:
    first, last = split_name(person.name)
    return [
        first,
        last,
        person.email,
        person.postcode,
        person.address,
        person.town,
        person.phone,
        ", ".join(tags),
        "subscribed" if agrees else "unsubscribed",
        first_seen_text(person),
    ]


NATIONBUILDER = SupporterFormat(
    key="nationbuilder",
    label="NationBuilder",
    described=gettext_lazy("a NationBuilder people export"),
    required=("email", "first_name", "last_name", "email_opt_in"),
    marks=("nationbuilder_id", "email_opt_in", "tag_list", "primary_zip", "primary_address1"),
    columns=(
        "first_name",
        "last_name",
        "email",
        "email_opt_in",
        "phone_number",
        "primary_address1",
        "primary_city",
        "primary_zip",
        "tag_list",
        "created_at",
    ),
    consent_column="email_opt_in",
    read=_as_written(_read_nationbuilder),
    write=_write_nationbuilder,
    consent_wording=(
        "Opted in to the group's emails in NationBuilder (email_opt_in in its people "
        "export). The wording they agreed to there is not in the export."
    ),
)

ACTION_NETWORK = SupporterFormat(
    key="actionnetwork",
    label="Action Network",
    described=gettext_lazy("an Action Network activist export"),
    required=("email", "first_name", "last_name", "can2_subscription_status"),
    marks=("can2_", "uuid", "zip_code"),
    columns=(
        "first_name",
        "last_name",
        "email",
        "zip_code",
        "can2_user_address",
        "can2_user_city",
        "can2_phone",
        "can2_user_tags",
        "can2_subscription_status",
        "created_date",
    ),
    consent_column="can2_subscription_status",
    read=_as_written(_read_action_network),
    write=_write_action_network,
    consent_wording=(
        "Subscribed to the group's email list in Action Network "
        "(can2_subscription_status in its activist export). The wording they agreed to "
        "there is not in the export."
    ),
)

FORMATS = {shape.key: shape for shape in (NATIONBUILDER, ACTION_NETWORK)}


def recognise(headings: set[str]) -> SupporterFormat | None:
    """The export these column names come from; None when neither (or both) fits."""
    found = [shape for shape in FORMATS.values() if shape.looks_like(headings)]
    return found[0] if len(found) == 1 else None


PHONE_COLUMNS = {"mobile_number", "phone_number", "can2_phone"}


def formula_like(column: str, value: str) -> bool:
    """A cell a spreadsheet would run; a phone number's leading "+" is not one."""
    if column in PHONE_COLUMNS and PHONE.match(value):
        return False
    return value.startswith(FORMULA_STARTS)


def phone_like(value: str) -> bool:
    return bool(PHONE.match(value))
