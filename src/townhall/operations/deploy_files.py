"""The files an operator installs around Townhall (docs/deploying.md, sections 3 and 4),
written by `townhall deploy-files` from the templates in `operations/deploy/` with the paths
of one installation, so the docs name no file that nothing creates."""

from dataclasses import asdict, dataclass
from pathlib import Path

from django.template import Context, Engine
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

TEMPLATES = Path(__file__).resolve().parent / "deploy"
# Included as it is by the site below, by tests/nginx.py and by bench/petitions.py.
CACHE_SNIPPET = TEMPLATES / "nginx" / "townhall-cache.conf"


@dataclass(frozen=True)
class Job:
    """A command run by a systemd timer: townhall-<name>.service and .timer."""

    name: str
    description: str
    command: str  # the arguments after `townhall`
    on_calendar: str  # systemd.time(7)
    randomized_delay: str = "0"

    @property
    def unit(self) -> str:
        return f"townhall-{self.name}"


# The jobs docs/deploying.md and docs/backups.md say to run on a schedule. The worker runs
# the rest itself (email, sweeps, follow-ups, the nightly ModernGov sync).
JOBS = (
    Job(
        "close-petitions",
        _("Townhall: close petitions whose time is up"),
        "close_petitions",
        "*:0/5",
    ),
    Job(
        "anonymise-petitions",
        _("Townhall: anonymise closed petitions, delete expired ones"),
        "anonymise_petitions",
        "*-*-* 03:30",
        "30min",
    ),
    Job(
        "event-reminders",
        _("Townhall: remind people going to tomorrow's events"),
        "send_event_reminders",
        "*-*-* 08:00",
    ),
    Job("digests", _("Townhall: send the daily and weekly digests"), "send_digests", "*-*-* 07:00"),
    Job("backup", _("Townhall: back up the database and files"), "backup", "*-*-* 01:30", "30min"),
)


@dataclass(frozen=True)
class Installation:
    prefix: Path
    user: str
    env_file: Path
    data_dir: Path
    media_root: Path
    writable: tuple[Path, ...]  # the folders the services write in
    backup_dir: Path
    server_name: str
    ports: tuple[int, ...]
    certificate: Path
    certificate_key: Path
    cache_dir: Path
    nginx_dir: Path

    @property
    def program(self) -> Path:
        return self.prefix / "venv" / "bin" / "townhall"

    def read_write_paths(self, job: Job | None = None) -> str:
        """The folders a service writes in; the backup job also writes the backups."""
        folders = [*self.writable]
        if job is not None and job.name == "backup":
            folders.append(self.backup_dir)
        return " ".join(map(str, folders))

    def exec_start(self, job: Job) -> str:
        arguments = job.command
        if job.name == "backup":
            # The rotation docs/backups.md describes: a new dated folder, the older pruned.
            arguments += f" --in {self.backup_dir} --keep-daily 7 --keep-weekly 5 --keep-monthly 12"
        return f"{self.program} {arguments}"


# Where each file goes is in docs/deploying.md; the folder's layout names the destination.
ERROR_PAGES = ("unavailable.html", "too-large.html")
UNITS = ("townhall-web@.service", "townhall-worker.service")


def render(installation: Installation) -> dict[str, tuple[str, int]]:
    """Each file's path in the folder, its text and its mode."""
    engine = Engine(
        dirs=[str(TEMPLATES)], autoescape=False, libraries={"i18n": "django.templatetags.i18n"}
    )
    values = {**asdict(installation), "program": installation.program, "language": get_language()}

    def text(template: str, **more) -> str:
        context = Context({**values, **more}, autoescape=False)
        return engine.get_template(template).render(context)

    files = {
        "townhall": (text("townhall"), 0o755),
        "nginx/townhall": (text("nginx/townhall"), 0o644),
        "nginx/townhall-cache.conf": (CACHE_SNIPPET.read_text(), 0o644),
    }
    for page in ERROR_PAGES:
        files[f"errors/{page}"] = (text(f"errors/{page}"), 0o644)
    for unit in UNITS:
        files[f"systemd/{unit}"] = (
            text(f"systemd/{unit}", read_write_paths=installation.read_write_paths()),
            0o644,
        )
    for job in JOBS:
        service = text(
            "systemd/job.service",
            job=job,
            exec_start=installation.exec_start(job),
            read_write_paths=installation.read_write_paths(job),
        )
        files[f"systemd/{job.unit}.service"] = (service, 0o644)
        files[f"systemd/{job.unit}.timer"] = (text("systemd/job.timer", job=job), 0o644)
    return files


def write(installation: Installation, folder: Path) -> list[Path]:
    """Write every file into `folder` (made if need be, files there replaced)."""
    written = []
    for name, (content, mode) in render(installation).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
        path.chmod(mode)
        written.append(path)
    return written
