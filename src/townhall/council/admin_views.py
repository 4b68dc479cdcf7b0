"""Officers' tools beyond plain editing: importing figures from a spreadsheet, and seeing
which papers' text could not be read, and why."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from townhall.core import access, translations
from townhall.core.admin_imports import (
    EVERY_ROW_CHECKED,
    CsvImport,
    CsvUploadForm,
    import_csv_view,
)
from townhall.council.models import (
    CATEGORIES,
    Councillor,
    InterestsVersion,
    PaperText,
    ProgrammePage,
    ProjectPage,
)
from townhall.council.services.figures_csv import COLUMNS, MAX_ROWS, import_figures


class FigureImportForm(CsvUploadForm):
    page = forms.ModelChoiceField(
        queryset=Page.objects.none(),  # set per form: .type() looks up content types
        label=_("Programme or project"),
        help_text=_("The figures' measures belong to it; add any new measure first."),
    )
    field_order = ["page", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Figures are the original's (core.translations), so only originals are offered.
        pages = translations.originals(Page.objects.type(ProgrammePage, ProjectPage))
        pages = pages.order_by("path")
        self.fields["page"].queryset = pages
        self.fields["file"].help_text = gettext("Columns: %(columns)s. At most %(rows)s rows.") % {
            "columns": ", ".join(COLUMNS),
            "rows": MAX_ROWS,
        }


FIGURES = CsvImport(
    title=_("Import figures"),
    explanation=[
        # Made when shown, in the reader's language (this list is made once, at start).
        lazy(
            lambda: (
                gettext(
                    "One figure per row, with a first row naming the columns: %(columns)s. "
                    "Dates as 2012-03-31 or 31/03/2012; values as plain numbers, never negative; "
                    "the unit as £, %% or number; the source as a document's title or number, or a "
                    "web address."
                )
                % {"columns": ",".join(COLUMNS)}
            ),
            str,
        )(),
        EVERY_ROW_CHECKED,
    ],
    back="figure-import:index",
    run=lambda data: import_figures(data["file"].read(), data["page"]),
    done=lambda data, report: (
        gettext("Imported figures for %(title)s: %(added)s added, %(updated)s updated.")
        % {"title": data["page"].title, "added": report.added, "updated": report.updated}
    ),
)


def import_view(request: HttpRequest) -> HttpResponse:
    access.ensure(request.user, "council.import_figures")
    form = FigureImportForm(request.POST or None, request.FILES or None)
    return import_csv_view(request, form, FIGURES)


class FigureImportViewSet(ViewSet):
    name = "figure-import"
    icon = "upload"
    menu_label = _("Import figures")

    def get_urlpatterns(self):
        return [path("", import_view, name="index")]


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Records the system writes: officers may look at them and delete them, not edit them."""

    def user_has_permission(self, user, action) -> bool:
        return action not in ("add", "change") and super().user_has_permission(user, action)


class FailedPapersPanel(Component):
    name = "failed_papers"
    order = 150
    template_name = "council/admin/failed_papers_panel.html"

    def __init__(self, failed: list[PaperText]):
        self.failed = failed

    def get_context_data(self, parent_context=None) -> dict:
        return {"failed": self.failed}


def failed_papers_panel(request: HttpRequest) -> Component | None:
    if not request.user.has_perm("council.view_papertext"):
        return None
    failed = list(
        PaperText.objects.filter(state=PaperText.State.FAILED).select_related("document")[:10]
    )
    return FailedPapersPanel(failed) if failed else None


class NewInterestsVersion(generic.CreateView):
    """A new version starts as a copy of the councillor's latest (?councillor=<id>), so the
    officer changes only what the councillor changed."""

    def get_initial_form_instance(self):
        asked = self.request.GET.get("councillor", "")
        known = asked.isdigit() and len(asked) < 12
        councillor = Councillor.objects.filter(pk=int(asked)).first() if known else None
        if councillor is None:
            return None
        latest = councillor.interest_versions.order_by("-number").first()
        copied = {name: getattr(latest, name) for name, _label in CATEGORIES} if latest else {}
        return InterestsVersion(councillor=councillor, **copied)


class InterestsViewSet(ModelViewSet):
    model = InterestsVersion
    icon = "list-ul"
    menu_label = _("Registers of interests")
    add_view_class = NewInterestsVersion
    form_fields = ["councillor", "registered_on", *dict(CATEGORIES), "change_summary"]
    list_display = ["councillor", "number", "registered_on", "change_summary"]
    list_filter = ["councillor"]
    search_backend_name = None
