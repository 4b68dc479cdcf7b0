"""Where files only staff (and their owner) may see are kept: never under public media."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    """Uploads by residents (consultation answers, grant attachments) live outside the public
    media folder; views check who asks before streaming one."""
    return FileSystemStorage(location=settings.TOWNHALL_PRIVATE_MEDIA_ROOT, base_url=None)
