"""The admin's CSV imports (figures, spending, observations): one form page that checks the
file, lists each bad row, or imports and says how many were added and updated."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from townhall.core.csv_import import ImportReport

EVERY_ROW_CHECKED = gettext_lazy(
    "Every row is checked before anything is imported: if any row is wrong, nothing is "
    "imported and each problem is listed here. Importing the same file twice adds nothing "
    "twice."
)


class CsvUploadForm(forms.Form):
    """A spreadsheet saved as CSV, no larger than `max_bytes`."""

    max_bytes = 2 * 1024 * 1024
    file = forms.FileField(label=gettext_lazy("CSV file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            megabytes = self.max_bytes // (1024 * 1024)
            raise forms.ValidationError(
                _("The file is larger than %(megabytes)s MB: split it into parts.")
                % {"megabytes": megabytes}
            )
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Choose a CSV file (save the spreadsheet as CSV UTF-8)."))
        return upload


@dataclass(frozen=True)
class CsvImport:
    title: str
    explanation: list[str]
    back: str  # the URL name to come back to after an import
    run: Callable[[dict], ImportReport]  # the form's cleaned data -> the report
    done: Callable[[dict, ImportReport], str]  # the message once imported


def import_csv_view(request: HttpRequest, form: forms.Form, how: CsvImport) -> HttpResponse:
    report = None
    if request.method == "POST" and form.is_valid():
        report = how.run(form.cleaned_data)
        if report.ok:
            messages.success(request, how.done(form.cleaned_data, report))
            return redirect(how.back)
    return TemplateResponse(
        request,
        "core/admin/import_csv.html",
        {"title": how.title, "form": form, "report": report, "explanation": how.explanation},
        status=400 if report and not report.ok else 200,
    )
