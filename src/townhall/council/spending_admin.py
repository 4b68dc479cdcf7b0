"""Officers import the monthly spending file in the admin (Council > Import spending)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from wagtail.admin.viewsets.base import ViewSet

from townhall.core import access
from townhall.core.admin_imports import (
    EVERY_ROW_CHECKED,
    CsvImport,
    CsvUploadForm,
    import_csv_view,
)
from townhall.council.services.spending_csv import COLUMNS, MAX_ROWS, OPTIONAL, import_spending


class SpendingImportForm(CsvUploadForm):
    max_bytes = 25 * 1024 * 1024  # a large borough's year is about 8 MB


SPENDING = CsvImport(
    title="Import spending",
    explanation=[
        "One payment per row, as the finance system exports the monthly spending over "
        f"£500, with a first row naming the columns {', '.join(COLUMNS)}, and if you have "
        f"them {', '.join(OPTIONAL)}. Dates as 2026-03-31 or 31/03/2026; amounts as "
        f"numbers, never negative. At most {MAX_ROWS:,} rows a file.",
        "Redact payments to individuals before importing (write REDACTED as the supplier): "
        "the file is published as it is.",
        EVERY_ROW_CHECKED.replace("the same file twice", "a month again (by transaction number)"),
    ],
    back="spending-import:index",
    run=lambda data: import_spending(data["file"].read()),
    done=lambda data, report: (
        f"Imported payments: {report.added:,} added, {report.updated:,} updated."
    ),
)


def import_view(request: HttpRequest) -> HttpResponse:
    access.ensure(request.user, "council.import_spending")
    form = SpendingImportForm(request.POST or None, request.FILES or None)
    return import_csv_view(request, form, SPENDING)


class SpendingImportViewSet(ViewSet):
    name = "spending-import"
    icon = "upload"
    menu_label = "Import spending"

    def get_urlpatterns(self):
        return [path("", import_view, name="index")]
