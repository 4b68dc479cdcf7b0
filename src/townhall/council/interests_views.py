"""A councillor's register of interests in public: every version, and any two compared."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from townhall.core import pagecache
from townhall.core.diff import compare_lines, count_changes
from townhall.core.version_forms import chosen_pair
from townhall.council.models import Councillor
from townhall.council.signals import COUNCIL_TAG


def _councillor(slug: str) -> Councillor:
    return get_object_or_404(Councillor.objects.select_related("ward"), slug=slug)


def interests(request: HttpRequest, slug: str) -> HttpResponse:
    """The versions, newest first, with the form to compare two."""
    councillor = _councillor(slug)
    versions = list(councillor.interest_versions.order_by("number"))
    form, pair = chosen_pair(request.GET, versions, "registered_on")
    changes = []
    if pair:
        old, new = pair
        for (name, label, _lines), (_n, _l, _new_lines) in zip(
            old.entries(), new.entries(), strict=True
        ):
            blocks = compare_lines(getattr(old, name), getattr(new, name))
            added, removed = count_changes(blocks)
            changes.append({"label": label, "blocks": blocks, "changed": bool(added or removed)})
    pagecache.tag(request, COUNCIL_TAG)
    return render(
        request,
        "council/interests.html",
        {
            "councillor": councillor,
            "versions": versions[::-1],
            "form": form,
            "old": pair[0] if pair else None,
            "new": pair[1] if pair else None,
            "changes": changes,
        },
        status=400 if request.GET and not pair else 200,
    )


def interests_version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    councillor = _councillor(slug)
    version = councillor.interest_versions.filter(number=number).first()
    if version is None:
        raise Http404("There is no such version of this register.")
    pagecache.tag(request, COUNCIL_TAG)
    latest = councillor.interest_versions.order_by("-number").values_list("number", flat=True)
    return render(
        request,
        "council/interests_version.html",
        {"councillor": councillor, "version": version, "latest": latest.first()},
    )
