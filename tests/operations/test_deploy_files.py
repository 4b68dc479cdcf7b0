"""`townhall deploy-files`: the files docs/deploying.md installs, with this installation's
paths. nginx accepts the site as written, systemd accepts every unit and timer, and every
command they run is one the installed `townhall` has."""

import datetime
import getpass
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import CommandError

from townhall.operations import deploy_files

# What docs/deploying.md says the folder holds, and where each goes.
DOCUMENTED = {
    "townhall",
    "nginx/townhall",
    "nginx/townhall-cache.conf",
    "errors/unavailable.html",
    "errors/too-large.html",
    "systemd/townhall-web@.service",
    "systemd/townhall-worker.service",
    *(
        f"systemd/townhall-{job}.{kind}"
        for job in (
            "close-petitions",
            "anonymise-petitions",
            "event-reminders",
            "digests",
            "backup",
        )
        for kind in ("service", "timer")
    ),
}


def _self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "townhall.test")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    (folder / "cert.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return folder / "cert.pem", folder / "key.pem"


@pytest.fixture
def installed(tmp_path):
    """A prefix whose venv holds this `townhall`, and the files written for it."""
    prefix = tmp_path / "srv"
    (prefix / "venv" / "bin").mkdir(parents=True)
    (prefix / "venv" / "bin" / "townhall").symlink_to(Path(sys.executable).parent / "townhall")
    certificate, key = _self_signed(tmp_path)
    call_command(
        "deploy_files",
        str(tmp_path / "out"),
        prefix=prefix,
        user=getpass.getuser(),
        ports="8001,8002",
        server_name="townhall.test",
        certificate=certificate,
        certificate_key=key,
        cache_dir=tmp_path / "cache",
        nginx_dir=tmp_path / "nginx",
    )
    return tmp_path


def _written(folder: Path) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()}


def test_it_writes_the_documented_files(installed):
    out = installed / "out"
    assert _written(out) == DOCUMENTED
    assert (out / "townhall").stat().st_mode & 0o777 == 0o755
    assert (out / "nginx/townhall-cache.conf").read_text() == (
        deploy_files.CACHE_SNIPPET.read_text()
    )
    site = (out / "nginx/townhall").read_text()
    assert "server 127.0.0.1:8001 " in site and "server 127.0.0.1:8002 " in site
    assert f"alias {installed / 'srv' / 'errors'}/;" in site


def test_the_docs_name_every_file_it_writes(installed):
    docs = (Path(__file__).resolve().parents[2] / "docs" / "deploying.md").read_text()
    for name in _written(installed / "out"):
        assert f"`{name.removesuffix('.timer').removeprefix('systemd/')}" in docs, name


def test_nginx_accepts_the_site(installed):
    if shutil.which("nginx") is None:
        raise RuntimeError("No nginx on the PATH: apt-get install nginx (the CI installs it)")
    nginx = installed / "nginx"
    # Installed as docs/deploying.md says, under a folder of the test's own.
    (nginx / "snippets").mkdir(parents=True)
    shutil.copy(installed / "out/nginx/townhall-cache.conf", nginx / "snippets")
    (nginx / "nginx.conf").write_text(
        f"pid {installed}/nginx.pid; error_log {installed}/error.log;\n"
        f"events {{}}\nhttp {{ include {installed}/out/nginx/townhall; }}\n"
    )
    checked = subprocess.run(
        [shutil.which("nginx"), "-t", "-e", "stderr", "-p", str(nginx), "-c", "nginx.conf"],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr


def test_systemd_accepts_every_unit_and_timer(installed):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        raise RuntimeError("No systemd-analyze: apt-get install systemd (the CI installs it)")
    units = installed / "out" / "systemd"
    # A template is verified as one of its instances.
    shutil.copy(units / "townhall-web@.service", units / "townhall-web@8001.service")
    checked = subprocess.run(
        [analyze, "verify", "--man=no", *sorted(map(str, units.iterdir()))],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr


def _townhall_commands(service: str, program: str) -> list[list[str]]:
    """The arguments each Exec line gives `program`."""
    found = []
    for line in re.findall(r"^Exec\w+=(.+)$", service, re.MULTILINE):
        words = shlex.split(line)
        if program in words:
            found.append(words[words.index(program) + 1 :])
    return found


def test_the_units_run_only_commands_townhall_has(installed, settings):
    """Each with arguments its own parser takes (`serve` is the `townhall` program's own)."""
    # As installed: the worker's parser checks its backend keeps tasks in the database.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    units = installed / "out" / "systemd"
    program = str(installed / "srv" / "venv" / "bin" / "townhall")
    commands = get_commands()
    services = sorted(units.glob("*.service"))
    called = [
        words for service in services for words in _townhall_commands(service.read_text(), program)
    ]
    assert len(called) == len(services)
    for name, *arguments in called:
        if name == "serve":
            assert arguments[0] == "--bind" and arguments[1].endswith(":%i")
            continue
        parser = load_command_class(commands[name], name).create_parser("townhall", name)
        parser.parse_args(arguments)  # exits, failing the test, on an argument it lacks
    # Every job has its timer, and every timer its job.
    timers = {path.stem for path in units.glob("*.timer")}
    jobs = {path.stem for path in services} - {"townhall-web@", "townhall-worker"}
    assert timers == jobs


def test_the_root_command_runs_townhall_as_the_service_user(installed):
    script = (installed / "out" / "townhall").read_text()
    program = installed / "srv" / "venv" / "bin" / "townhall"
    assert f"runuser -u {getpass.getuser()} -- {program} " in script
    assert ". /etc/townhall.env" in script


def test_ports_that_are_not_ports_are_refused(tmp_path):
    with pytest.raises(CommandError, match="--ports"):
        call_command("deploy_files", str(tmp_path / "out"), ports="80,http")
    assert not (tmp_path / "out").exists()
