"""bench/faults.py in its smoke size, in process: its load and ledger against the test server
with the no-op fault (a table per fault, nothing lost), people who survive a site and a
database that do not answer, the cluster found from the database's port, and a freeze that
always ends. No fault here touches the PostgreSQL other tests use."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))  # as when run from there
import faults
import faults_load

from townhall.core.models import Ward
from townhall.petitions.models import Petition

LISTING = """15  main  5432 online postgres /var/lib/postgresql/15/main /var/log/postgresql/a.log
16  other 5433 down   postgres /var/lib/postgresql/16/other /var/log/postgresql/b.log
"""


class TestDatabase:
    """The ledger's reads through Django's connection of the calling thread."""

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def close(self) -> None:
        connection.close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def until(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)


@pytest.fixture
def sink():
    mail = faults_load.Mail(closed_port())
    mail.start()
    limits = {**settings.TOWNHALL_RATE_LIMITS, "sign": "100000/60", "sign_burst": "100000/60"}
    smtp = "django.core.mail.backends.smtp.EmailBackend"
    with override_settings(EMAIL_BACKEND=smtp, EMAIL_HOST="127.0.0.1", EMAIL_PORT=mail.port,
                           TOWNHALL_RATE_LIMITS=limits):  # fmt: skip
        yield mail
    mail.stop()


def load_on(base: str, database, people: int = 2) -> faults_load.Load:
    petition = Petition.objects.filter(state="open").order_by("id").first()
    ward = Ward.objects.order_by("code").first()
    return faults_load.Load(base, database, petition.pk, ward.pk, people=people)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.flushes_database
def test_the_faults_bench_runs_with_the_no_op_fault(live_server, sink, capsys):
    load = load_on(live_server.url, TestDatabase)
    assert faults_load.bad_day(load, sink, [("none", faults.nothing)], quiet=1, after=1)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == faults_load.HEADER
    assert [line.split()[0] for line in lines[1:4]] == ["quiet", "none", "all"]
    _requests, _failed, told, stored, shown, lost, due, sent, twice = [
        int(figure) for figure in lines[3].replace("|", " ").split()[1:]
    ]
    assert told > 0 and told == stored == shown and lost == 0
    assert due >= told and sent == due and twice == 0  # each signer's confirmation email
    assert "people threads that died: none" in lines[4]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.flushes_database
def test_people_survive_a_database_and_a_site_that_do_not_answer(live_server, sink):
    gone = f"postgres://nobody@127.0.0.1:{closed_port()}/nothing"
    for base, error in ((live_server.url, "token read: OperationalError"),
                        (f"http://127.0.0.1:{closed_port()}", "refused")):  # fmt: skip
        load = load_on(base, lambda: faults.Postgres(gone))
        window = load.window("fault")
        for person in load.people:
            person.start()
        until(lambda: window.errors[error] >= 6)  # noqa: B023 - waited for here
        assert window.errors[error] >= 6
        assert load.stop() == []  # every person still alive at the end


def test_the_cluster_is_the_one_on_the_database_port():
    assert faults.cluster_for("postgres://root@127.0.0.1:5433/x", LISTING).name == "other"
    found = faults.cluster_for("postgres://root@localhost/x", LISTING)
    assert (found.version, found.name, found.port) == ("15", "main", 5432)
    assert faults.cluster_for("postgres://root@%2Fvar%2Frun%2Fpostgresql/x", LISTING).port == 5432
    with pytest.raises(ValueError, match="port 5434"):
        faults.cluster_for("postgres://root@127.0.0.1:5434/x", LISTING)
    with pytest.raises(ValueError, match="not this machine"):
        faults.cluster_for("postgres://root@db.example.org:5432/x", LISTING)


def state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def test_a_freeze_stops_the_postmaster_and_its_children_then_lets_them_go_on(tmp_path):
    # A stand-in postmaster with one child, named in a data folder as PostgreSQL's is.
    script = "import subprocess, time; subprocess.Popen(['sleep', '60']); time.sleep(60)"
    postmaster = subprocess.Popen([sys.executable, "-c", script])
    cluster = faults.Cluster("15", "main", 5432, tmp_path)
    try:
        (tmp_path / "postmaster.pid").write_text(f"{postmaster.pid}\n{tmp_path}\n")
        until(lambda: len(cluster.processes()) == 2)
        freeze = threading.Thread(target=faults.Freezer().freeze, args=(cluster, 3))
        freeze.start()
        until(lambda: [state(pid) for pid in cluster.processes()] == ["T", "T"])
        assert [state(pid) for pid in cluster.processes()] == ["T", "T"]  # stopped
        freeze.join()
        assert "T" not in [state(pid) for pid in cluster.processes()]  # going on again
    finally:
        for pid in reversed(cluster.processes()):
            os.kill(pid, signal.SIGKILL)
        postmaster.wait()
