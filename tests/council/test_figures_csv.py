"""Importing figures from CSV: a report naming each bad row, and all rows or none."""

from html import unescape

import pytest

from townhall.council.models import MeasureValue
from townhall.council.services.figures_csv import import_figures

pytestmark = pytest.mark.django_db

HEADER = "measure,date,value,unit,source\n"
SOURCE = "One Barnet programme: financial benefits"
GOOD = (
    f'Savings delivered,2013-03-31,"9,100,000",£,{SOURCE}\n'
    "Savings forecast,31/03/2013,160000000,gbp,https://example.org/budget-2013\n"
)


def _csv(*rows: str) -> bytes:
    return (HEADER + "".join(rows)).encode()


def test_good_rows_are_imported_and_importing_again_adds_nothing(programme):
    before = MeasureValue.objects.count()
    report = import_figures(_csv(GOOD), programme)
    assert report.ok and (report.added, report.updated) == (2, 0)
    delivered = MeasureValue.objects.get(measure__name="Savings delivered", on="2013-03-31")
    assert delivered.shown == "£9.1m" and delivered.source.title == SOURCE
    again = import_figures(_csv(GOOD), programme)
    assert (again.added, again.updated) == (0, 2)
    assert MeasureValue.objects.count() == before + 2


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("Savings delivered,2013-02-30,100,£," + SOURCE, '"2013-02-30" is not a date'),
        ("Savings delivered,next year,100,£," + SOURCE, '"next year" is not a date'),
        ("Savings delivered,2013-03-31,-100,£," + SOURCE, "-100 is negative"),
        ("Savings delivered,2013-03-31,lots,£," + SOURCE, '"lots" is not a number'),
        ("Savings delivered,2013-03-31,NaN,£," + SOURCE, '"NaN" is not a number'),
        ("Savings delivered,2013-03-31,100,%," + SOURCE, 'the unit "%" does not match'),
        ("Trust in the council,2013-03-31,40,%," + SOURCE, 'no measure is called "Trust'),
        ("Savings delivered,2013-03-31,100,£,", "cite the source"),
        ("Savings delivered,2013-03-31,100,£,No such paper", 'no document is called "No such'),
    ],
)
def test_a_bad_row_is_reported_and_nothing_is_imported(programme, row, problem):
    before = MeasureValue.objects.count()
    report = import_figures(_csv(GOOD, row + "\n"), programme)
    assert [(error.row, problem in error.message) for error in report.errors] == [(4, True)]
    assert MeasureValue.objects.count() == before


def test_every_bad_row_is_reported_at_once(programme):
    rows = "Savings delivered,bad,1,£,x\nSavings forecast,2013-01-01,-1,£,x\n"
    report = import_figures(_csv(rows, GOOD, GOOD), programme)
    assert [error.row for error in report.errors] == [2, 3, 6, 7]  # 6 and 7 repeat 4 and 5
    assert "repeats row 4" in report.errors[2].message


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"name,when\nx,y\n", "missing: measure, date, value, unit, source"),
        ("measure,date,value,unit,source\nÉté,2013-01-01,1,£,x\n".encode("latin-1"), "UTF-8"),
        (HEADER.encode(), "no figures"),
        (b"", "missing"),
    ],
)
def test_a_file_that_is_not_a_figures_csv_is_explained(programme, data, problem):
    report = import_figures(data, programme)
    assert not report.ok and problem in report.errors[0].message


def test_a_spreadsheets_byte_order_mark_and_blank_lines_are_fine(programme):
    report = import_figures(b"\xef\xbb\xbf" + _csv(GOOD, ",,,,\n\n"), programme)
    assert report.ok and report.added == 2


def test_officers_import_in_the_admin_and_see_each_bad_row(as_user, programme):
    client = as_user("council-officer")
    assert client.get("/admin/figure-import/").status_code == 200
    bad = _csv(GOOD, "Savings delivered,2013-13-01,1,£," + SOURCE + "\n")
    response = client.post(
        "/admin/figure-import/",
        {"page": programme.pk, "file": _upload(bad)},
    )
    html = unescape(response.content.decode())
    assert response.status_code == 400
    assert "Nothing was imported: 1 row to fix" in html and '"2013-13-01" is not a date' in html
    response = client.post(
        "/admin/figure-import/", {"page": programme.pk, "file": _upload(_csv(GOOD))}
    )
    assert response.status_code == 302
    assert MeasureValue.objects.filter(on="2013-03-31").count() == 2


def test_a_file_that_is_not_csv_is_refused_by_the_form(as_user, programme):
    response = as_user("council-officer").post(
        "/admin/figure-import/",
        {"page": programme.pk, "file": _upload(b"%PDF-1.4", "figures.pdf")},
    )
    assert response.status_code == 200 and "Choose a CSV file" in response.content.decode()


@pytest.mark.parametrize("role", ["alliance-editor", "alliance-moderator"])
def test_campaign_organisers_cannot_import_council_figures(as_user, programme, role):
    response = as_user(role).post("/admin/figure-import/", {"page": programme.pk})
    assert response.status_code in (302, 403)
    assert MeasureValue.objects.filter(on="2013-03-31").count() == 0


def _upload(data: bytes, name: str = "figures.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="text/csv")
