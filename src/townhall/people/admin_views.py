"""Organisers' pages for a segment beyond Wagtail's own: its downloads, tagging its people."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import ngettext

from townhall.core import access
from townhall.people import segments
from townhall.people.admin_forms import BulkTagForm
from townhall.people.models import Segment
from townhall.people.supporter_export import export_people
from townhall.people.supporter_formats import FORMATS


def export_segment(request: HttpRequest, pk: int) -> HttpResponse:
    """Townhall's own columns, or (?shape=nationbuilder, actionnetwork) another system's."""
    segment = access.get_or_404(request.user, "people.export_segment", Segment, pk=pk)
    if shape := FORMATS.get(request.GET.get("shape", "")):
        name = f"{segment.organisation.name} {segment.name}"
        return export_people(segment.people(), shape, name)
    return segments.export(segment)


def tag_segment(request: HttpRequest, pk: int) -> HttpResponse:
    segment = access.get_or_404(request.user, "people.tag_segment", Segment, pk=pk)
    form = BulkTagForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        tag, added = segments.tag_everyone(segment, form.cleaned_data["tag"])
        messages.success(
            request,
            ngettext(
                "Tagged %(count)s more person “%(tag)s” in “%(segment)s”.",
                "Tagged %(count)s more people “%(tag)s” in “%(segment)s”.",
                added,
            )
            % {"count": added, "tag": tag, "segment": segment},
        )
        return redirect("segments:inspect", segment.pk)
    return TemplateResponse(
        request,
        "people/admin/tag_segment.html",
        {"segment": segment, "form": form, "count": segment.people().count()},
        status=400 if form.is_bound else 200,
    )
