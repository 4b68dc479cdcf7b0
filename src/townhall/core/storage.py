"""Where files only staff (and their owner) may see are kept: never under public media, and
handed out only by a view that has checked who asks."""

from django.core.files.storage import Storage, storages
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header


def private_storage() -> Storage:
    """Uploads by residents (consultation answers, grant attachments): the private folder, or
    the private bucket (STORAGES["private"], core.object_storage)."""
    return storages["private"]


def private_file_response(file: FieldFile, filename: str) -> HttpResponse:
    """A private file for someone the calling view has already let in: streamed from this
    host's disk, or a redirect to a link to the bucket signed for a minute, never a lasting
    address (S3_SIGNED_URL_SECONDS)."""
    try:
        file.path  # noqa: B018 - only storages on this host's disk have one
    except NotImplementedError:
        disposition = content_disposition_header(as_attachment=True, filename=filename)
        signed = file.storage.url(file.name, parameters={"ResponseContentDisposition": disposition})
        response = HttpResponseRedirect(signed)
        # Neither a shared cache nor the browser's history keeps the signed link.
        patch_cache_control(response, private=True, no_store=True)
        return response
    return FileResponse(file.open("rb"), as_attachment=True, filename=filename)
