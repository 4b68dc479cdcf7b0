"""Payments over £500 in public: search, charts by month and by service with their tables,
and the download in the LGA's schema."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from townhall.core import pagecache
from townhall.core.charts import bar_chart
from townhall.core.csv_download import csv_download
from townhall.core.models import Borough, Organisation
from townhall.council.forms import SpendingFilters
from townhall.council.services import spending
from townhall.council.signals import COUNCIL_TAG

PER_PAGE = 25


def _chosen(request: HttpRequest):
    form = SpendingFilters(request.GET or None, services=spending.services())
    if not request.GET:
        return form, spending.filtered(), True
    if not form.is_valid():
        return form, spending.filtered().none(), False
    data = form.cleaned_data
    return form, spending.filtered(data["q"].strip(), data["service"], data["month"]), True


def whole_pounds(amount: Decimal) -> int:
    """Rounded as the table rounds it (half up), so a bar and its row say the same."""
    return int(amount.quantize(Decimal(1), ROUND_HALF_UP))


def _pounds(value: int) -> str:
    return f"£{value:,}"


def register(request: HttpRequest) -> HttpResponse:
    form, payments, valid = _chosen(request)
    months, services = spending.by_month(payments), spending.by_service(payments)
    page = Paginator(
        payments.select_related("contract").order_by("-paid_on", "transaction"), PER_PAGE
    ).get_page(request.GET.get("page"))
    pagecache.tag(request, COUNCIL_TAG)
    return render(
        request,
        "council/spending.html",
        {
            "form": form,
            "payments": page,
            "months": months,
            "services": services,
            "total": sum((m.amount for m in months), start=0),
            "month_chart": bar_chart(
                [(m.label, whole_pounds(m.amount)) for m in months],
                title=_("Spending by month"),
                chart_id="spending-months",
                describe=_pounds,
            ),
            "service_chart": bar_chart(
                [(s.label, whole_pounds(s.amount)) for s in services],
                title=_("Spending by service, the largest first"),
                chart_id="spending-services",
                describe=_pounds,
            ),
            "filter_query": _without_page(request),
        },
        status=200 if valid else 400,
    )


def download(request: HttpRequest) -> HttpResponse:
    _form, payments, valid = _chosen(request)
    if not valid:
        return register(request)  # the page, with what to correct
    council = Organisation.objects.filter(kind=Organisation.Kind.COUNCIL).first()
    borough = Borough.objects.first()
    uri = (
        f"http://statistics.data.gov.uk/id/statistical-geography/{borough.ons_code}"
        if borough
        else ""
    )
    return csv_download(
        "spending-over-500.csv",
        spending.LGA_COLUMNS,
        spending.lga_rows(payments, council.name if council else "", uri),
    )


def _without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
