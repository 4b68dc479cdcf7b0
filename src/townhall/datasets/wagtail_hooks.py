"""Each organisation's editors keep their datasets, limits and observations in the admin,
and import observations from a CSV file (Datasets > Import observations)."""

from django import forms
from django.forms import modelform_factory
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from townhall.core import access
from townhall.core.admin_imports import CsvImport, CsvUploadForm, import_csv_view
from townhall.core.admin_views import ScopedDeleteView, ScopedIndexView, ScopedViewSetMixin
from townhall.core.services.organisations import organisations_for_user
from townhall.datasets.importing import COLUMNS, OPTIONAL, import_observations
from townhall.datasets.models import Dataset, Observation


class OwnOrganisationForm(WagtailAdminModelForm):
    """The organisation is one of the editor's own."""

    def __init__(self, *args, for_user=None, **kwargs) -> None:
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and not for_user.is_superuser and "organisation" in self.fields:
            self.fields["organisation"].queryset = organisations_for_user(for_user)
            self.fields["organisation"].empty_label = None


class DatasetViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Dataset
    icon = "table"
    menu_label = gettext_lazy("Datasets")
    index_view_class = ScopedIndexView
    delete_view_class = ScopedDeleteView
    list_display = ["title", "organisation", "unit", "updated_at"]
    list_filter = ["organisation"]
    search_backend_name = None
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return self.get_edit_handler().get_form_class()

    def get_edit_handler(self):
        from wagtail.admin.panels import ObjectList

        return ObjectList(Dataset.panels, base_form_class=OwnOrganisationForm).bind_to_model(
            Dataset
        )


THROUGH_DATASET = "dataset__organisation__in"  # an observation's organisation is its dataset's


class ObservationIndexView(ScopedIndexView):
    organisation_filter = THROUGH_DATASET


class ObservationDeleteView(ScopedDeleteView):
    organisation_filter = THROUGH_DATASET


class ObservationViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Observation
    icon = "pick"
    menu_label = gettext_lazy("Observations")
    organisation_filter = THROUGH_DATASET
    index_view_class = ObservationIndexView
    delete_view_class = ObservationDeleteView
    form_fields = [
        *("dataset", "period_start", "period_end", "period_label", "value"),
        *("ward", "place", "latitude", "longitude"),
    ]
    list_display = ["dataset", "period_start", "place", "ward", "value"]
    list_filter = ["dataset"]
    search_backend_name = None
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        form = modelform_factory(self.model, form=WagtailAdminModelForm, fields=self.form_fields)

        class OwnDatasets(form):
            def __init__(self, *args, for_user=None, **kwargs) -> None:
                super().__init__(*args, for_user=for_user, **kwargs)
                if for_user is not None and not for_user.is_superuser:
                    self.fields["dataset"].queryset = Dataset.objects.filter(
                        organisation__in=organisations_for_user(for_user)
                    )

        return OwnDatasets


class ImportForm(CsvUploadForm):
    max_bytes = 50 * 1024 * 1024
    dataset = forms.ModelChoiceField(queryset=Dataset.objects.none(), label=gettext_lazy("Dataset"))
    field_order = ["dataset", "file"]

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        datasets = Dataset.objects.all()
        if not user.is_superuser:
            datasets = datasets.filter(organisation__in=organisations_for_user(user))
        self.fields["dataset"].queryset = datasets
        self.fields["file"].help_text = _(
            "Columns: %(columns)s; if you have them, %(optional)s."
        ) % {"columns": ", ".join(COLUMNS), "optional": ", ".join(OPTIONAL)}


OBSERVATIONS = CsvImport(
    title=gettext_lazy("Import observations"),
    explanation=[
        gettext_lazy(
            "One observation per row, with a first row naming the columns. Dates as 2016-09-30 "
            "or 30/09/2016; values as numbers; a ward by its name or code; a place by its name, "
            "with its latitude and longitude if you have them. A unit column, if there is one, "
            "must match the dataset's."
        ),
        # core.admin_imports.EVERY_ROW_CHECKED, with what "twice" means here: one sentence.
        gettext_lazy(
            "Every row is checked before anything is imported: if any row is wrong, nothing is "
            "imported and each problem is listed here. Importing the same file twice adds nothing "
            "twice: a value is kept per date and place."
        ),
    ],
    back="observation-import:index",
    run=lambda data: import_observations(data["file"].read(), data["dataset"]),
    done=lambda data, report: (
        _("Imported %(dataset)s: %(added)s added, %(updated)s updated.")
        % {
            "dataset": data["dataset"],
            "added": f"{report.added:,}",
            "updated": f"{report.updated:,}",
        }
    ),
)


def import_view(request: HttpRequest) -> HttpResponse:
    access.ensure(request.user, "datasets.import_observations_to")
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    return import_csv_view(request, form, OBSERVATIONS)


class ImportViewSet(ViewSet):
    name = "observation-import"
    icon = "upload"
    menu_label = gettext_lazy("Import observations")

    def get_urlpatterns(self):
        return [path("", import_view, name="index")]


class DatasetsGroup(ViewSetGroup):
    menu_label = gettext_lazy("Datasets")
    menu_icon = "table"
    menu_order = 170
    items = (DatasetViewSet("datasets"), ObservationViewSet("observations"), ImportViewSet())


@hooks.register("register_admin_viewset")
def register_viewsets():
    return DatasetsGroup()
