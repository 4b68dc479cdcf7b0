from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from townhall.operations import deploy_files


def _ports(value: str) -> tuple[int, ...]:
    try:
        ports = tuple(int(port) for port in value.split(","))
    except ValueError:
        ports = ()
    if not ports or not all(1024 <= port <= 65535 for port in ports):
        raise CommandError(
            _("--ports takes port numbers from 1024 to 65535, separated by commas: not %(value)s")
            % {"value": value}
        )
    return ports


def _writable() -> tuple[Path, ...]:
    """The data folder, and the media, private and static folders where set outside it."""
    folders = [settings.DATA_DIR]
    for folder in (settings.MEDIA_ROOT, settings.TOWNHALL_PRIVATE_MEDIA_ROOT, settings.STATIC_ROOT):
        if not any(folder.resolve().is_relative_to(kept) for kept in folders):
            folders.append(folder.resolve())
    return tuple(folders)


class Command(BaseCommand):
    help = gettext_noop(
        "Write the systemd units and timers, the nginx site and its cache, the error pages and "
        "the `townhall` command for root into a folder, with this installation's paths "
        "(docs/deploying.md)."
    )

    def add_arguments(self, parser) -> None:
        # Translated here, when the help is shown: argparse cannot format a lazy string.
        parser.description = _(self.help)
        parser.add_argument("folder", type=Path, help=_("Where to write them (made if need be)."))
        parser.add_argument(
            "--prefix",
            type=Path,
            default=Path("/srv/townhall"),
            help=_("The service user's home, holding venv/ and errors/ (default %(default)s)."),
        )
        parser.add_argument(
            "--user", default="townhall", help=_("The service user (default %(default)s).")
        )
        parser.add_argument(
            "--env-file",
            type=Path,
            default=Path("/etc/townhall.env"),
            help=_("The environment file (default %(default)s)."),
        )
        parser.add_argument(
            "--backup-dir",
            type=Path,
            default=Path("/srv/backups/townhall"),
            help=_("Where the nightly backups go (default %(default)s)."),
        )
        parser.add_argument(
            "--ports",
            default="8000,8001",
            help=_(
                "The ports of the web instances, one townhall-web@PORT each (default %(default)s)."
            ),
        )
        parser.add_argument(
            "--server-name",
            help=_("The site's host name for nginx (default: the host of TOWNHALL_BASE_URL)."),
        )
        parser.add_argument(
            "--certificate",
            type=Path,
            default=Path("/etc/ssl/certs/ssl-cert-snakeoil.pem"),
            help=_("The TLS certificate (default: Debian's self-signed %(default)s)."),
        )
        parser.add_argument(
            "--certificate-key",
            type=Path,
            default=Path("/etc/ssl/private/ssl-cert-snakeoil.key"),
            help=_("The TLS certificate's key (default %(default)s)."),
        )
        parser.add_argument(
            "--cache-dir",
            type=Path,
            default=Path("/var/cache/nginx/townhall"),
            help=_("nginx's page cache (default %(default)s)."),
        )
        parser.add_argument(
            "--nginx-dir", type=Path, default=Path("/etc/nginx"),
            help=_("nginx's configuration folder (default %(default)s)."),
        )  # fmt: skip

    def handle(self, *, folder: Path, **options) -> None:
        if folder.exists() and not folder.is_dir():
            raise CommandError(_("%(folder)s is not a folder.") % {"folder": folder})
        prefix = options["prefix"]
        installation = deploy_files.Installation(
            prefix=prefix,
            user=options["user"],
            env_file=options["env_file"],
            # From the environment the services will have: the same folders.
            data_dir=settings.DATA_DIR,
            media_root=settings.MEDIA_ROOT,
            writable=_writable(),
            backup_dir=options["backup_dir"],
            server_name=options["server_name"] or urlsplit(settings.TOWNHALL_BASE_URL).hostname,
            ports=_ports(options["ports"]),
            certificate=options["certificate"],
            certificate_key=options["certificate_key"],
            cache_dir=options["cache_dir"],
            nginx_dir=options["nginx_dir"],
        )
        for path in deploy_files.write(installation, folder):
            self.stdout.write(str(path))
