"""Officers import the monthly spending file in the admin (Council > Import spending)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSet

from townhall.core import access
from townhall.core.admin_imports import CsvImport, CsvUploadForm, import_csv_view
from townhall.council.services.spending_csv import COLUMNS, MAX_ROWS, OPTIONAL, import_spending


class SpendingImportForm(CsvUploadForm):
    max_bytes = 25 * 1024 * 1024  # a large borough's year is about 8 MB


SPENDING = CsvImport(
    title=_("Import spending"),
    explanation=[
        # Made when shown, in the reader's language (this list is made once, at start).
        lazy(
            lambda: (
                gettext(
                    "One payment per row, as the finance system exports the monthly spending over "
                    "£500, with a first row naming the columns %(columns)s, and if you have them "
                    "%(optional)s. Dates as 2026-03-31 or 31/03/2026; amounts as numbers, never "
                    "negative. At most %(rows)s rows a file."
                )
                % {
                    "columns": ", ".join(COLUMNS),
                    "optional": ", ".join(OPTIONAL),
                    "rows": number_format(MAX_ROWS, force_grouping=True),
                }
            ),
            str,
        )(),
        _(
            "Redact payments to individuals before importing (write REDACTED as the supplier): "
            "the file is published as it is."
        ),
        # core.admin_imports.EVERY_ROW_CHECKED, with what "twice" means here: one sentence.
        _(
            "Every row is checked before anything is imported: if any row is wrong, nothing is "
            "imported and each problem is listed here. Importing a month again (by transaction "
            "number) adds nothing twice."
        ),
    ],
    back="spending-import:index",
    run=lambda data: import_spending(data["file"].read()),
    done=lambda data, report: (
        gettext("Imported payments: %(added)s added, %(updated)s updated.")
        % {
            "added": number_format(report.added, force_grouping=True),
            "updated": number_format(report.updated, force_grouping=True),
        }
    ),
)


def import_view(request: HttpRequest) -> HttpResponse:
    access.ensure(request.user, "council.import_spending")
    form = SpendingImportForm(request.POST or None, request.FILES or None)
    return import_csv_view(request, form, SPENDING)


class SpendingImportViewSet(ViewSet):
    name = "spending-import"
    icon = "upload"
    menu_label = _("Import spending")

    def get_urlpatterns(self):
        return [path("", import_view, name="index")]
