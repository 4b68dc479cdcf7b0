"""Reading a supporters' export file, row by row, or saying in one line why it cannot be:
empty, too large, not UTF-8 (which row), not CSV, cut short, or without the columns its
export always has (which ones, and which export it looks like).

Rows are numbered as a spreadsheet numbers them: the column names are row 1.
"""

import csv
import io
from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from townhall.core.errors import Refused
from townhall.people.supporter_formats import FORMATS, SupporterFormat, recognise

MAX_BYTES = 50 * 1024 * 1024  # NationBuilder's own imports stop at 20 MB a file
MAX_ROWS = 200_000
EXPORT_AGAIN = gettext_lazy("export it again")


class BadFile(Refused):
    """The file cannot be imported at all; nothing from it is kept."""


def _decoded(data: bytes) -> Iterator[str]:
    # A line at a time, so a byte that is not UTF-8 is found on its own row and the file
    # is held once, as its bytes.
    for number, line in enumerate(io.BytesIO(data)):
        yield line.decode("utf-8-sig" if number == 0 else "utf-8")


def _check_size(data: bytes) -> None:
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        raise BadFile(_("The file is empty: %(again)s.") % {"again": EXPORT_AGAIN})
    if len(data) > MAX_BYTES:
        raise BadFile(
            _(
                "The file is %(size)s MB; import at most %(limit)s MB at once: export the "
                "people in parts (by tag, for example) and import each part."
            )
            % {"size": f"{len(data) / 1024 / 1024:.1f}", "limit": MAX_BYTES // 1024 // 1024}
        )
    if data.startswith(b"PK\x03\x04"):
        raise BadFile(_("This is a spreadsheet workbook, not CSV: export the people as CSV."))


def _columns(headings: list[str], chosen: SupporterFormat | None) -> SupporterFormat:
    names = set(headings)
    recognised = recognise(names)
    if chosen is None and recognised is None:
        raise BadFile(
            _(
                "Row 1 does not name the columns of a NationBuilder people export "
                "(email_opt_in, tag_list…) or of an Action Network activist export "
                "(can2_subscription_status…): choose the export file itself."
            )
        )
    shape = chosen or recognised
    if recognised is not None and recognised is not shape:
        raise BadFile(
            _(
                "This file has the columns of %(found)s, not of %(chosen)s: choose "
                "%(found_label)s, or let Townhall recognise it."
            )
            % {
                "found": recognised.described,
                "chosen": shape.described,
                "found_label": recognised.label,
            }
        )
    missing = [column for column in shape.required if column not in names]
    if "email" in missing and "email1" in names:
        missing.remove("email")  # NationBuilder numbers them when a person has several
    if missing:
        raise BadFile(
            _(
                "Row 1 lacks %(missing)s, which every %(label)s export has: %(again)s "
                "with it included."
            )
            % {"missing": ", ".join(missing), "label": shape.label, "again": EXPORT_AGAIN}
        )
    return shape


def open_export(
    data: bytes, chosen: str = ""
) -> tuple[SupporterFormat, Iterator[tuple[int, dict[str, str]]]]:
    """The export's shape, and its rows (number, cells by column name) as they are read.
    The shape is `chosen` ("nationbuilder", "actionnetwork") or recognised from row 1.
    BadFile says why the file cannot be read, here or from the rows when it is found."""
    _check_size(data)
    reader = csv.reader(_decoded(data), strict=True)
    try:
        header = next(reader)
    except UnicodeDecodeError:
        raise BadFile(_not_utf8(1)) from None
    except csv.Error as error:
        raise BadFile(_not_csv(1, error)) from None
    headings = [heading.strip().casefold() for heading in header]
    shape = _columns(headings, FORMATS.get(chosen))
    return shape, _rows(reader, headings)


def _not_utf8(row: int) -> str:
    return _(
        "Row %(row)s is not UTF-8 text: %(again)s as UTF-8 (from a spreadsheet, save it as "
        "“CSV UTF-8”)."
    ) % {"row": f"{row:,}", "again": EXPORT_AGAIN}


def _not_csv(row: int, error: csv.Error) -> str:
    if "unexpected end of data" in str(error):
        return _(
            "Row %(row)s opens a quoted cell that is never closed: the file looks cut "
            "short; %(again)s."
        ) % {"row": f"{row:,}", "again": EXPORT_AGAIN}
    return _("Row %(row)s is not valid CSV (%(error)s): %(again)s.") % {
        "row": f"{row:,}",
        "error": error,
        "again": EXPORT_AGAIN,
    }


def _rows(reader, headings: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    width = len(headings)
    number = 1
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError:
            raise BadFile(_not_utf8(number)) from None
        except csv.Error as error:
            raise BadFile(_not_csv(number, error)) from None
        if number > MAX_ROWS + 1:
            raise BadFile(
                _("Row %(row)s: import at most %(limit)s people at once, in parts.")
                % {"row": f"{number:,}", "limit": f"{MAX_ROWS:,}"}
            )
        if not any(cell.strip() for cell in cells):
            continue  # a blank line, as spreadsheets leave at the end
        if len(cells) < width:
            raise BadFile(
                _(
                    "Row %(row)s has %(count)s of the %(width)s columns row 1 names: the "
                    "file looks cut short or damaged; %(again)s."
                )
                % {"row": f"{number:,}", "count": len(cells), "width": width, "again": EXPORT_AGAIN}
            )
        if any(cell.strip() for cell in cells[width:]):
            raise BadFile(
                _(
                    "Row %(row)s has %(count)s cells where row 1 names %(width)s columns: a "
                    "cell may hold a comma without quotes; %(again)s."
                )
                % {"row": f"{number:,}", "count": len(cells), "width": width, "again": EXPORT_AGAIN}
            )
        yield (
            number,
            {
                name: cell.strip()
                for name, cell in zip(headings, cells[:width], strict=True)
                if name
            },
        )
