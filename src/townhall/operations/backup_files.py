"""The media and private files in a backup: every file of a Django storage (a folder or an S3
bucket alike) streamed into a tar.gz under one top folder (`media/`, `private/`), and saved back
through the same storage on restore. Nothing is extracted to a local folder, so no tarfile
extraction filter is needed (Debian 12's Python 3.11.2 has none): each member is checked here."""

import io
import posixpath
import tarfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from django.core.files import File
from django.core.files.storage import Storage, storages
from django.utils.translation import gettext as _

from townhall.core.storage import private_storage
from townhall.operations.backup_sealing import BackupError

# The archive's top folder for each storage; looked up when used, so a test's settings apply.
STORAGES: dict[str, Callable[[], Storage]] = {
    "media": lambda: storages["default"],
    "private": private_storage,
}


def walk(storage: Storage, folder: str = "", skip: str | None = None) -> Iterator[str]:
    """Every file's name in `storage`, folder by folder, but for the folder `skip`."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return  # a file system storage nothing was uploaded to yet
    for name in sorted(files):
        yield posixpath.join(folder, name)
    for name in sorted(folders):
        if posixpath.join(folder, name) != skip:
            yield from walk(storage, posixpath.join(folder, name), skip)


def nested(outer: Storage, inner: Storage) -> str | None:
    """The folder of `outer` that holds all of `inner` (private files under `private/` in
    the public bucket, or a private folder inside MEDIA_ROOT), so they are backed up once."""
    if hasattr(outer, "bucket_name"):
        same = outer.bucket_name == getattr(inner, "bucket_name", None)
        if same and not outer.location.strip("/") and inner.location.strip("/"):
            return inner.location.strip("/")
        return None
    try:
        folder = Path(inner.location).resolve().relative_to(Path(outer.location).resolve())
    except (AttributeError, ValueError):
        return None
    return folder.as_posix() if folder.parts else None


def pack(storage: Storage, top: str, stream: BinaryIO, skip: str | None = None) -> int:
    """Write every file of `storage` (but the folder `skip`) into `stream` as a tar.gz, one
    file at a time in chunks (never a whole file in memory); returns how many files."""
    count = 0
    with tarfile.open(fileobj=stream, mode="w|gz") as archive:
        for name in walk(storage, skip=skip):
            member = tarfile.TarInfo(f"{top}/{name}")
            member.size = storage.size(name)
            member.mode = 0o600
            member.mtime = int(storage.get_modified_time(name).timestamp())
            with storage.open(name, "rb") as content:
                archive.addfile(member, content)
            count += 1
    return count


def pack_all(target: Path, writing: Callable) -> dict[str, int]:
    """`media.tar.gz` and `private.tar.gz` in `target`, each opened by `writing`; returns
    how many files each holds."""
    media, private = STORAGES["media"](), STORAGES["private"]()
    with writing(target / "media.tar.gz") as stream:
        media_files = pack(media, "media", stream, skip=nested(media, private))
    with writing(target / "private.tar.gz") as stream:
        private_files = pack(private, "private", stream)
    return {"media": media_files, "private": private_files}


def storage_name(member: tarfile.TarInfo, top: str) -> str | None:
    """The name under which `member` goes back into its storage, None for a folder (storages
    make folders as files arrive). Anything but a regular file or folder inside `top/` (a
    link, a device, an absolute path, `..`) is refused, not restored."""
    if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later: its own checks as well
        try:
            tarfile.data_filter(member, f"/{top}")
        except tarfile.FilterError as error:
            raise _refused(member, top) from error
    path = PurePosixPath(member.name)
    if (
        path.is_absolute()
        or ".." in path.parts
        or not path.parts
        or path.parts[0] != top
        or not (member.isfile() or member.isdir())
    ):
        raise _refused(member, top)
    relative = "/".join(path.parts[1:])
    return relative if member.isfile() and relative else None


def _refused(member: tarfile.TarInfo, top: str) -> BackupError:
    return BackupError(
        _(
            "%(archive)s.tar.gz holds %(member)r, which is not a file or folder inside "
            "%(archive)s/: refused, nothing of it restored"
        )
        % {"archive": top, "member": member.name}
    )


class _Forward(io.RawIOBase):
    """A member of an archive read as a stream, saying it cannot seek (it cannot go back):
    tarfile's own member object claims it can and then fails, and storages ask."""

    def __init__(self, member: BinaryIO) -> None:
        self._member = member

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._member.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def unpack(stream: BinaryIO, top: str, storage: Storage) -> int:
    """Save every file of the tar.gz `stream` into `storage` under its own name (replacing a
    file of that name); returns how many files."""
    count = 0
    with tarfile.open(fileobj=stream, mode="r|gz") as archive:
        for member in archive:
            name = storage_name(member, top)
            if name is None:
                continue
            content = File(_Forward(archive.extractfile(member)), name=name)
            content.size = member.size
            if storage.exists(name):
                storage.delete(name)  # save() would otherwise pick another name
            saved = storage.save(name, content)
            if saved != name:
                raise BackupError(
                    _("%(name)s was saved as %(saved)s") % {"name": name, "saved": saved}
                )
            count += 1
    return count
