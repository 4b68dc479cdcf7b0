"""Files that cannot be imported as supporters (issue 28, point 3): each says why in one line
naming the row, nothing is stored, and the command exits with 1."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from townhall.people import supporter_csv, supporter_import
from townhall.people.models import Person

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
NB = b"first_name,last_name,email,email_opt_in\n"
GOOD = b"Gil,Scott,gil@example.org,true\n"


def refused(organisation, data: bytes, shape: str = "") -> str:
    before = Person.objects.count()
    summary = supporter_import.import_people(organisation, data, shape)
    assert not summary.ok
    assert Person.objects.count() == before  # nothing half-stored
    assert "\n" not in summary.error  # one line
    return summary.error


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\r\n\r\n  "])
def test_an_empty_file(alliance, data):
    assert refused(alliance, data).startswith("The file is empty")


def test_a_file_with_its_columns_and_nobody_in_it(alliance):
    assert refused(alliance, NB + b"\n,,,\n") == (
        "The file names its columns but has no people in it."
    )


def test_a_huge_file_is_refused_with_the_limit(alliance, monkeypatch):
    monkeypatch.setattr(supporter_csv, "MAX_BYTES", 1024 * 1024)
    error = refused(alliance, NB + GOOD * 40_000)
    assert error == (
        "The file is 1.2 MB; import at most 1 MB at once: export the people in parts (by "
        "tag, for example) and import each part."
    )


def test_too_many_rows_names_the_first_row_over(alliance, monkeypatch):
    monkeypatch.setattr(supporter_csv, "MAX_ROWS", 2)
    lines = b"".join(f"Gil,Scott,gil{n}@example.org,true\n".encode() for n in range(3))
    assert refused(alliance, NB + lines) == "Row 4: import at most 2 people at once, in parts."


def test_a_row_not_in_utf8_is_named(alliance):
    data = NB + GOOD + "Zoë,Smith,zoe@example.org,true\n".encode("latin-1")
    assert refused(alliance, data).startswith("Row 3 is not UTF-8 text")


def test_a_header_not_in_utf8(alliance):
    data = "first_name,last_name,email,email_opt_in,café\n".encode("cp1252") + GOOD
    assert refused(alliance, data).startswith("Row 1 is not UTF-8 text")


def test_a_utf16_file_from_a_spreadsheet(alliance):
    assert "not UTF-8" in refused(alliance, (NB + GOOD).decode().encode("utf-16"))


def test_a_byte_order_mark_is_fine(alliance):
    summary = supporter_import.import_people(alliance, b"\xef\xbb\xbf" + NB + GOOD)
    assert summary.ok and summary.counts["create"] == 1


def test_a_file_cut_short_in_a_row(alliance):
    error = refused(alliance, NB + GOOD + b"Hal,Fine,hal@exa")
    assert error.startswith("Row 3 has 3 of the 4 columns row 1 names: the file looks cut short")


def test_a_file_cut_short_in_a_quoted_cell(alliance):
    error = refused(alliance, NB + GOOD + b'Hal,"Fine, and')
    assert error.startswith("Row 3 opens a quoted cell that is never closed")


def test_a_row_with_more_cells_than_columns(alliance):
    error = refused(alliance, NB + b"Gil,Scott,Jr,gil@example.org,true\n")
    assert error.startswith("Row 2 has 5 cells where row 1 names 4 columns")


def test_empty_cells_past_the_last_column_are_fine(alliance):
    summary = supporter_import.import_people(alliance, NB + b"Gil,Scott,gil@example.org,true,,\n")
    assert summary.ok


def test_a_spreadsheet_workbook(alliance):
    assert "workbook, not CSV" in refused(alliance, b"PK\x03\x04\x14\x00rest of a zip")


def test_a_column_missing_names_it_and_the_export(alliance):
    error = refused(alliance, b"nationbuilder_id,first_name,last_name,email\n1,Gil,Scott,g@x.org\n")
    assert error == (
        "Row 1 lacks email_opt_in, which every NationBuilder export has: export it again "
        "with it included."
    )


def test_an_action_network_file_lacking_its_subscription_status(alliance):
    error = refused(alliance, b"uuid,first_name,last_name,email\nu1,Gil,Scott,g@x.org\n")
    assert error.startswith(
        "Row 1 lacks can2_subscription_status, which every Action Network export has"
    )


def test_neither_export(alliance):
    error = refused(alliance, b"Name,E-mail\nGil,gil@example.org\n")
    assert error.startswith("Row 1 does not name the columns of a NationBuilder people export")


def test_an_export_of_the_other_kind_than_chosen(alliance):
    error = refused(
        alliance, (FIXTURES / "actionnetwork-activists.csv").read_bytes(), "nationbuilder"
    )
    assert error.startswith(
        "This file has the columns of an Action Network activist export, not of a "
        "NationBuilder people export: choose Action Network"
    )


def test_the_command_imports_and_previews(alliance, capsys):
    export = FIXTURES / "nationbuilder-people.csv"
    call_command("import_supporters", str(export), organisation="alliance", dry_run=True)
    assert "Would import 3 rows of a NationBuilder export" in capsys.readouterr().out
    assert not Person.objects.filter(email="cy@example.org").exists()
    call_command("import_supporters", str(export), organisation="alliance")
    assert "Imported 3 rows" in capsys.readouterr().out
    assert Person.objects.filter(organisation=alliance, email="cy@example.org").exists()


def test_the_command_names_the_file_and_row_of_a_bad_file(alliance, tmp_path):
    export = tmp_path / "people.csv"
    export.write_bytes(NB + "Zoë,Smith,zoe@example.org,true\n".encode("latin-1"))
    with pytest.raises(CommandError) as error:
        call_command("import_supporters", str(export), organisation="alliance")
    assert str(error.value).startswith(f"{export}: Row 2 is not UTF-8 text")
    assert str(error.value).endswith("Nothing was stored.")


def test_the_command_exits_with_1_on_a_bad_file(alliance, tmp_path, capsys):
    from townhall.people.management.commands.import_supporters import Command

    export = tmp_path / "empty.csv"
    export.write_bytes(b"")
    with pytest.raises(SystemExit) as exit:
        Command().run_from_argv(
            ["townhall", "import_supporters", str(export), "--organisation", "alliance"]
        )
    assert exit.value.code == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"CommandError: {export}: The file is empty")


def test_the_commands_help_is_translatable(monkeypatch):
    from django.utils import translation

    from townhall.people.management.commands.import_supporters import Command

    shouting = lambda message: message.upper()  # noqa: E731 (a stand-in catalogue)
    monkeypatch.setattr(translation._trans, "gettext", shouting, raising=False)
    shown = " ".join(Command().create_parser("townhall", "import_supporters").format_help().split())
    for text in ("IMPORT A GROUP'S SUPPORTERS", "THE GROUP'S SLUG", "PREVIEW; STORE NOTHING"):
        assert text in shown
