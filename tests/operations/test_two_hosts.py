"""Two hosts: two `townhall serve`, each with its own data folder, sharing one PostgreSQL (a
fresh database), one Redis and one S3-compatible server (tests/s3_server.py). Staff upload an
image and a document through the admin of one; the other shows the image, makes a rendition of
it and serves the document, from the bucket."""

import contextlib
import io
import os
import re
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import redis
import requests
from django.db import connection
from PIL import Image

from tests.core.test_tasks_and_settings import NOT_PASSED_ON, _free_port
from tests.operations.test_serve import _answers, _children, _wait
from tests.s3_server import S3Server, running_s3_server

REDIS_URL = os.environ.get("REDIS_URL", "")
PASSWORD = "two-hosts-staff-password"


def _redis_answers() -> bool:
    try:
        return bool(REDIS_URL) and redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except redis.RedisError:
        return False


pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="two hosts share one PostgreSQL: run with DATABASE_URL (CI's PostgreSQL pass)",
    ),
    pytest.mark.skipif(
        not _redis_answers(),
        reason="two hosts share one Redis: run with REDIS_URL of a Redis that answers",
    ),
]


def _server_command(statement: str) -> None:
    """CREATE and DROP DATABASE, on the server the test run was pointed at."""
    base = connection.settings_dict
    with psycopg.connect(
        dbname="postgres", user=base["USER"], password=base["PASSWORD"] or None,
        host=base["HOST"] or None, port=base["PORT"] or None, autocommit=True,
    ) as server:  # fmt: skip
        server.execute(statement)


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    name = f"townhall_two_hosts_{uuid.uuid4().hex[:12]}"
    _server_command(f'CREATE DATABASE "{name}"')
    base = connection.settings_dict
    password = f":{base['PASSWORD']}" if base["PASSWORD"] else ""
    yield f"postgres://{base['USER']}{password}@{base['HOST']}:{base['PORT'] or 5432}/{name}"
    _server_command(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def s3() -> Iterator[S3Server]:
    with running_s3_server() as server:
        yield server


@pytest.fixture(scope="module")
def environment(database, s3, tmp_path_factory) -> dict[str, str]:
    """What both hosts' environment files would say: one database, one Redis, one bucket."""
    shared = {k: v for k, v in os.environ.items() if k not in NOT_PASSED_ON}
    shared.update(
        SECRET_KEY="two-hosts-share-one-secret-key-0123456789-abcdefghijklmnop",
        DATABASE_URL=database,
        REDIS_URL=REDIS_URL,
        STAFF_MFA_REQUIRED="off",  # signing in with a second factor is tests/staff_sign_in's
        TOWNHALL_DATA_DIR=str(tmp_path_factory.mktemp("setup")),
        STATIC_ROOT=str(tmp_path_factory.mktemp("static")),
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
        **s3.environment,
    )
    # A new site's Redis: renditions an earlier run cached under the same image ids would
    # name files in a bucket that is gone.
    redis.Redis.from_url(REDIS_URL).flushdb()
    for command in (
        ["migrate", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["createsuperuser", "--noinput", "--username", "staff", "--email", "staff@example.org"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "townhall.cli", *command],
            env=shared,
            capture_output=True,
            text=True,
            timeout=600,  # migrating from nothing takes minutes on a busy 2-core machine
            check=False,
        )
        assert done.returncode == 0, done.stderr
    return shared


@contextlib.contextmanager
def _host(environment: dict[str, str], data_dir: Path) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "townhall.cli", "serve", "--bind", f"127.0.0.1:{port}"],
        env={**environment, "TOWNHALL_DATA_DIR": str(data_dir), "WEB_CONCURRENCY": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert _wait(lambda: _answers(port), 60), "the host did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        for pid in [process.pid, *_children(process.pid)]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def hosts(environment, tmp_path_factory) -> Iterator[tuple[str, str, Path]]:
    host_a = tmp_path_factory.mktemp("host-a")
    with (
        _host(environment, host_a) as a,
        _host(environment, tmp_path_factory.mktemp("host-b")) as b,
    ):
        yield a, b, host_a


def _post(browser: requests.Session, url: str, data: dict, **files) -> requests.Response:
    browser.get(url)
    data = {**data, "csrfmiddlewaretoken": browser.cookies["csrftoken"]}
    return browser.post(url, data=data, files=files or None, headers={"Referer": url})


def _png(width: int, height: int) -> bytes:
    picture = io.BytesIO()
    Image.new("RGB", (width, height), (0, 94, 165)).save(picture, "PNG")
    return picture.getvalue()


def test_what_staff_upload_on_one_host_the_other_serves(hosts, database, s3):
    a, b, host_a = hosts
    staff = requests.Session()
    signed_in = _post(staff, f"{a}/admin/login/", {"username": "staff", "password": PASSWORD})
    assert signed_in.url == f"{a}/admin/", "staff could not sign in on host A"

    image = _post(staff, f"{a}/admin/images/add/", {"title": "Town hall", "collection": "1"},
                  file=("town-hall.png", _png(1600, 1200), "image/png"))  # fmt: skip
    assert image.url == f"{a}/admin/images/", image.text[:500]
    minutes = b"%PDF-1.4 minutes of the full council\n"
    document = _post(staff, f"{a}/admin/documents/add/", {"title": "Minutes", "collection": "1"},
                     file=("minutes.pdf", minutes, "application/pdf"))  # fmt: skip
    assert document.url == f"{a}/admin/documents/", document.text[:500]
    assert not (host_a / "media").exists(), "host A kept the uploads on its own disk"
    with psycopg.connect(database.replace("postgres://", "postgresql://")) as db:
        (image_id,) = db.execute("SELECT id FROM wagtailimages_image").fetchone()
        (document_id,) = db.execute("SELECT id FROM wagtaildocs_document").fetchone()

    # Host B: the same session (sessions are in PostgreSQL), a rendition made from the bucket.
    edit = staff.get(f"{b}/admin/images/{image_id}/")
    assert edit.status_code == 200
    found = re.search(rf'"({re.escape(s3.endpoint)}/[^"]+\.max-800x600\.png)"', edit.text)
    assert found, "host B shows no rendition from the bucket"
    rendition = requests.get(found.group(1), timeout=10)
    assert Image.open(io.BytesIO(rendition.content)).size == (800, 600)
    assert any(key.endswith(".max-800x600.png") for key in s3.keys(s3.public_bucket))

    # Documents pass Wagtail's serve view (its privacy checks), not a redirect to the bucket.
    served = requests.get(f"{b}/documents/{document_id}/minutes.pdf", timeout=10)
    assert (served.status_code, served.history, served.content) == (200, [], minutes)
    in_the_bucket = f"{s3.endpoint}/{s3.public_bucket}/documents/minutes.pdf"
    assert requests.get(in_the_bucket, timeout=10).status_code == 403
