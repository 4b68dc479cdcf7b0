"""An S3-compatible server for tests: moto's `moto_server` (from PyPI, `moto[server]`), in a
process of its own on a free port, with Townhall's two buckets made.

moto is the most real S3 server installable here from a package registry: MinIO, Garage and
SeaweedFS are not packaged for pip or Debian 12, Debian's radosgw needs a Ceph cluster, and
Debian 12's rclone (1.60) predates `rclone serve s3`. moto speaks the S3 REST API over HTTP
with signature version 4, so boto3 and django-storages talk to it exactly as to a bucket
elsewhere, and it refuses an anonymous read that the bucket's policy does not allow: the
public bucket gets the policy docs/deploying.md gives (core.object_storage).
"""

import contextlib
import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import boto3

from townhall.core.object_storage import public_read_policy

ACCESS = {"aws_access_key_id": "townhall-test", "aws_secret_access_key": "townhall-test-secret"}
REGION = "eu-west-2"


@dataclass
class S3Server:
    endpoint: str
    public_bucket: str = "townhall-media"
    private_bucket: str = "townhall-private"

    @property
    def environment(self) -> dict[str, str]:
        """The settings a Townhall process needs to keep its files here."""
        return {
            "S3_BUCKET": self.public_bucket,
            "S3_PRIVATE_BUCKET": self.private_bucket,
            "S3_ENDPOINT_URL": self.endpoint,
            "S3_REGION": REGION,
            "S3_ACCESS_KEY_ID": ACCESS["aws_access_key_id"],
            "S3_SECRET_ACCESS_KEY": ACCESS["aws_secret_access_key"],
        }

    def client(self):
        return boto3.client("s3", endpoint_url=self.endpoint, region_name=REGION, **ACCESS)

    def keys(self, bucket: str) -> set[str]:
        listing = self.client().list_objects_v2(Bucket=bucket)
        return {item["Key"] for item in listing.get("Contents", [])}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own loopback server
            return True
    except OSError:
        return False


@contextlib.contextmanager
def running_s3_server() -> Iterator[S3Server]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        server = S3Server(endpoint=f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 60
        while not _answers(server.endpoint):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("moto_server did not start")
            time.sleep(0.2)
        configuration = {"LocationConstraint": REGION}
        for bucket in (server.public_bucket, server.private_bucket):
            server.client().create_bucket(Bucket=bucket, CreateBucketConfiguration=configuration)
        policy = json.dumps(public_read_policy(server.public_bucket))
        server.client().put_bucket_policy(Bucket=server.public_bucket, Policy=policy)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)
