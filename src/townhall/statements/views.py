"""Individuals add their names to a statement: a form, then an emailed link's button."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from townhall.core import translations
from townhall.core.models import Organisation
from townhall.core.ratelimit import rate_limited
from townhall.core.services.organisations import organisation_for_page
from townhall.statements import listing, services
from townhall.statements.forms import AddNameForm
from townhall.statements.models import JointStatementPage, StatementName

PER_PAGE = 20


def statement_list(request: HttpRequest) -> HttpResponse:
    """Every joint statement, or one organisation's (?organisation=slug; unknown: all)."""
    organisations = list(Organisation.objects.select_related("home_page").order_by("name"))
    chosen = next((o for o in organisations if o.slug == request.GET.get("organisation")), None)
    page = Paginator(listing.statements(chosen), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "statements/list.html",
        {
            "statements": page,
            "with_authors": listing.with_authors(page, organisations),
            "organisations": organisations,
            "chosen": chosen,
        },
    )


@require_POST
@rate_limited("statement_name")
def add_name(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(
        translations.originals(JointStatementPage.objects.live().public()), pk=pk
    )
    if not statement.accepts_names:
        return render(request, "statements/closed.html", {"statement": statement}, status=409)
    form = AddNameForm(request.POST, organisation=organisation_for_page(statement))
    if not form.is_valid():
        context = statement.get_context(request)
        context["form"] = form
        return render(request, "statements/joint_statement_page.html", context, status=400)
    if not form.is_spam:
        data = form.cleaned_data
        services.add_name(
            statement,
            data["name"],
            data["email"],
            data["show_name"],
            hear_from_organisation=data.get("hear_from_organisation", False),
        )
    return render(
        request,
        "statements/check_email.html",
        {"statement": statement, "email": form.cleaned_data["email"]},
    )


@never_cache  # the link is personal: no cache may keep the page
def confirm_name(request: HttpRequest, token: str) -> HttpResponse:
    entry = get_object_or_404(StatementName.objects.select_related("statement"), token=token[:64])
    context = {"entry": entry, "statement": entry.statement}
    if request.method == "POST":
        context["confirmed_now"] = services.confirm_name(entry)
        return render(request, "statements/name_confirmed.html", context)
    return render(request, "statements/confirm_name.html", context)
