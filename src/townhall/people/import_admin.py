"""The organisers' pages for bringing their supporters across from NationBuilder or Action
Network (upload, preview, confirm) and for taking them out again in the same columns.

Editors of a group import and export its people; moderators, who may look at people but not
change them, do neither (people.rules). The upload waits between the preview and the
confirmation in the database (SupporterUpload), reached by its token and only by the
organiser who uploaded it, and is gone once imported, replaced or an hour old."""

import hashlib
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from townhall.core import access
from townhall.core.models import Organisation
from townhall.core.services.organisations import organisations_for_user
from townhall.people import supporter_import
from townhall.people.models import Person, SupporterUpload
from townhall.people.supporter_csv import MAX_BYTES
from townhall.people.supporter_export import export_people
from townhall.people.supporter_formats import FORMATS

IMPORT_RULE, EXPORT_RULE = "people.import_people", "people.export_people"
KEPT_FOR = timedelta(hours=1)


def organisations_allowed(user, rule: str):
    allowed = [o.pk for o in organisations_for_user(user) if access.allows(user, rule, o)]
    return Organisation.objects.filter(pk__in=allowed).order_by("name")


class UploadForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Into the people of"), queryset=Organisation.objects.none()
    )
    shape = forms.ChoiceField(
        label=gettext_lazy("Which export is it?"),
        choices=[
            ("", gettext_lazy("Recognise it from its columns")),
            ("nationbuilder", gettext_lazy("A NationBuilder people export")),
            ("actionnetwork", gettext_lazy("An Action Network activist export")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("At most 50 MB. Nothing is stored until you confirm the preview."),
    )

    def __init__(self, user, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisations_allowed(user, IMPORT_RULE)
        field.empty_label = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _(
                    "The file is larger than %(limit)s MB: export the people in parts (by "
                    "tag, for example) and import each part."
                )
                % {"limit": MAX_BYTES // 1024 // 1024}
            )
        return upload


def _keep(user, organisation: Organisation, shape: str, file) -> SupporterUpload:
    """The upload, kept for its preview; the user's earlier ones and stale ones go."""
    SupporterUpload.objects.filter(user=user).delete()
    sweep_uploads()
    data = file.read()
    return SupporterUpload.objects.create(
        user=user,
        organisation=organisation,
        shape=shape,
        filename=(file.name or "")[:200],
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
    )


def sweep_uploads() -> int:
    """Delete uploads waiting over an hour (the worker runs this every minute too)."""
    deleted, _kinds = SupporterUpload.objects.filter(
        created_at__lt=timezone.now() - KEPT_FOR
    ).delete()
    return deleted


def import_supporters(request: HttpRequest) -> HttpResponse:
    access.ensure(request.user, IMPORT_RULE)
    posted = request.method == "POST"
    form = UploadForm(request.user, request.POST if posted else None, request.FILES or None)
    if posted and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        access.ensure(request.user, IMPORT_RULE, organisation)
        upload = _keep(
            request.user, organisation, form.cleaned_data["shape"], form.cleaned_data["file"]
        )
        return redirect(f"{reverse('people:import_preview')}?upload={upload.token}")
    initial = request.GET.get("organisation", "")
    if not posted and initial.isdigit():
        form.initial["organisation"] = int(initial)
    return TemplateResponse(
        request,
        "people/admin/import_upload.html",
        {"form": form, "formats": FORMATS.values()},
        status=400 if posted else 200,
    )


def _waiting_upload(request: HttpRequest) -> SupporterUpload | None:
    token = request.POST.get("upload") or request.GET.get("upload") or ""
    upload = (
        SupporterUpload.objects.select_related("organisation")
        .filter(token=token, user=request.user, created_at__gte=timezone.now() - KEPT_FOR)
        .first()
    )
    if upload is None or hashlib.sha256(bytes(upload.data)).hexdigest() != upload.sha256:
        return None
    return upload


def preview_import(request: HttpRequest) -> HttpResponse:
    access.ensure(request.user, IMPORT_RULE)
    upload = _waiting_upload(request)
    if upload is None:
        messages.warning(
            request,
            _(
                "That upload is no longer waiting (it was imported, or an hour has passed): "
                "upload the file again."
            ),
        )
        return redirect("people:import")
    organisation = upload.organisation
    access.ensure(request.user, IMPORT_RULE, organisation)
    data = bytes(upload.data)
    promised = request.POST.get("fingerprint", "")
    if request.method == "POST" and not promised:
        # Without what the preview promised, nothing can check the file still does it.
        messages.warning(request, _("Confirm the import from its preview: here it is."))
        summary = supporter_import.preview(organisation, data, upload.shape)
        return _preview_page(request, summary, upload, status=400)
    if request.method == "POST":
        try:
            summary = supporter_import.import_people(
                organisation, data, upload.shape, expected=promised
            )
        except IntegrityError:  # someone joined at that moment with an address in the file
            messages.error(request, _("The group's people changed while importing: try again."))
            return redirect(f"{reverse('people:import_preview')}?upload={upload.token}")
        if summary.ok and summary.fingerprint == promised:
            upload.delete()
            messages.success(request, _done(summary, organisation))
            return redirect(f"{reverse('people:index')}?organisation={organisation.pk}")
        messages.warning(
            request,
            _("The group's people have changed since the preview: here is what it does now."),
        )
    summary = supporter_import.preview(organisation, data, upload.shape)
    return _preview_page(request, summary, upload, status=200)


def _preview_page(
    request: HttpRequest, summary: supporter_import.Summary, upload: SupporterUpload, status: int
) -> HttpResponse:
    if not summary.ok:
        upload.delete()  # nothing to confirm
    return TemplateResponse(
        request,
        "people/admin/import_preview.html",
        {"summary": summary, "upload": upload, "organisation": upload.organisation},
        status=status if summary.ok else 400,
    )


def _done(summary: supporter_import.Summary, organisation: Organisation) -> str:
    counts = summary.counts
    return _(
        "Imported into %(group)s: %(created)s new, %(merged)s merged with people already "
        "here, %(unchanged)s already here unchanged, %(refused)s refused."
    ) % {
        "group": organisation.name,
        "created": f"{counts['create']:,}",
        "merged": f"{counts['merge']:,}",
        "unchanged": f"{counts['unchanged']:,}",
        "refused": f"{counts['refuse']:,}",
    }


def export_supporters(request: HttpRequest) -> HttpResponse:
    """Everyone in one of the user's groups, in the columns of the export chosen."""
    access.ensure(request.user, EXPORT_RULE)
    choices = organisations_allowed(request.user, EXPORT_RULE)
    organisation = choices.filter(pk=_number(request.GET.get("organisation"))).first()
    if organisation is None and len(choices) == 1:
        organisation = choices[0]
    shape = FORMATS.get(request.GET.get("shape", ""))
    if organisation is not None and shape is not None:
        found = Person.objects.filter(organisation=organisation)
        return export_people(found, shape, organisation.name)
    return TemplateResponse(
        request,
        "people/admin/export_people.html",
        {"organisations": choices, "formats": FORMATS.values(), "chosen": shape},
    )


def _number(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None
