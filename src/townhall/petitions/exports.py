"""The opted-in signers of a petition as CSV, for its organisers and creator; each download
is logged (SignerDownload)."""

import csv
import io

from django.http import HttpResponse

from townhall.petitions.models import Petition, Signature, SignerDownload


def signers_csv(petition: Petition, *, user=None, by_creator: bool = False) -> HttpResponse:
    signers = (
        petition.signatures.filter(state=Signature.State.VALIDATED, notify_by_email=True)
        .select_related("ward")
        .order_by("validated_at")
    )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "email", "ward"])
    rows = 0
    for signer in signers.iterator():
        # A leading quote keeps spreadsheet programs from running text as a formula.
        name = f"'{signer.name}" if signer.name.startswith(("=", "+", "-", "@")) else signer.name
        writer.writerow([name, signer.email, signer.ward.name if signer.ward else ""])
        rows += 1
    SignerDownload.objects.create(petition=petition, user=user, by_creator=by_creator, rows=rows)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="petition-{petition.pk}-signers.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
