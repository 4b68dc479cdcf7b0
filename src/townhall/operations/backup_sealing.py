"""How a backup's files reach the disk: readable by their owner alone (0600 files in a 0700
folder, whatever the umask), and, when BACKUP_GPG_RECIPIENT is set, encrypted to that public
key as they are written, so no byte of an encrypted backup is ever on the disk in clear."""

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _

SEALED = ".gpg"


class BackupError(Exception):
    """A backup or restore that cannot go on, with a message for the operator."""


def make_folder(path: Path) -> None:
    """A new folder only its owner can enter (mkdir's mode is masked by the umask: chmod is not)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=False)
    path.chmod(0o700)


def stored(path: Path) -> Path | None:
    """The file a backup holds for `path`: itself, or its encrypted form; None when neither."""
    for candidate in (path, path.with_name(path.name + SEALED)):
        if candidate.is_file():
            return candidate
    return None


def _gpg() -> str:
    executable = shutil.which("gpg")
    if executable is None:
        raise BackupError(_("gpg is not installed (Debian: gnupg)"))
    return executable


def _failed(process: subprocess.Popen, errors: BinaryIO, what: str) -> BackupError | None:
    process.wait()
    if process.returncode == 0:
        return None
    errors.seek(0)
    message = errors.read().decode(errors="replace").strip()
    # Translators: what is "encrypt to KEY" or "decrypt FILE"; error is gpg's own message
    return BackupError(_("gpg could not %(what)s: %(error)s") % {"what": what, "error": message})


@contextmanager
def writing(path: Path) -> Iterator[BinaryIO]:
    """A stream into a new file at `path` (0600), through gpg into `path`.gpg when a
    recipient is configured."""
    recipient = settings.TOWNHALL_BACKUP_GPG_RECIPIENT
    target = path.with_name(path.name + SEALED) if recipient else path
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.fchmod(descriptor, 0o600)  # the umask may have taken bits off: put back exactly 0600
    with open(descriptor, "wb") as out:
        if not recipient:
            yield out
            return
        # gzip and pg_dump's archives are compressed already: gpg's compression would be lost work.
        command = [_gpg(), "--batch", "--quiet", "--trust-model", "always", "--compress-algo",
                   "none", "--encrypt", "--recipient", recipient]  # fmt: skip
        with tempfile.TemporaryFile() as errors:
            process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=out, stderr=errors)  # noqa: S603
            try:
                yield process.stdin
            except BrokenPipeError:
                pass  # gpg stopped reading: its own message says why, below
            finally:
                process.stdin.close()
            failure = _failed(process, errors, _("encrypt to %(key)s") % {"key": recipient})
            if failure:
                raise failure


@contextmanager
def reading(path: Path) -> Iterator[BinaryIO]:
    """A stream of the backup's file for `path`, decrypted by gpg (with the operator's secret
    key) when the backup holds it encrypted."""
    found = stored(path)
    if found is None:
        raise BackupError(_("%(file)s is missing from the backup") % {"file": path.name})
    if found == path:
        with open(path, "rb") as plain:
            yield plain
        return
    command = [_gpg(), "--batch", "--quiet", "--decrypt", str(found)]
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors)  # noqa: S603
        what = _("decrypt %(file)s") % {"file": found.name}
        try:
            yield process.stdout
            # gpg checks the file's integrity at its end: read to there (a gzip trailer at most).
            _drain(process.stdout)
        except Exception as error:
            # What the reader made of gpg's output (nothing, without the secret key) matters
            # less than why gpg failed: let gpg finish, and give its message when it failed.
            _drain(process.stdout)
            failure = _failed(process, errors, what)
            if failure:
                raise failure from error
            raise
        except BaseException:
            process.kill()
            raise
        finally:
            process.stdout.close()
        failure = _failed(process, errors, what)
        if failure:
            raise failure


def _drain(stream: BinaryIO) -> None:
    while stream.read(1 << 16):
        pass
