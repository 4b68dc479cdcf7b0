"""Where uploads are kept, from the environment: the file system (one host), or an
S3-compatible bucket that every host shares (docs/deploying.md, "Two hosts").

Read by settings, so it imports no storage backend: django-storages is loaded only when a
bucket is named.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

S3_BACKEND = "storages.backends.s3.S3Storage"
FILE_SYSTEM_BACKEND = "django.core.files.storage.FileSystemStorage"
# A signed link to a private file outlives its redirect by this long at most: enough for the
# browser to follow it, too short to be worth forwarding.
SIGNED_URL_SECONDS = 60
PRIVATE_PREFIX = "private"  # private files' folder when they share the public bucket
# Only these folders of the public bucket may be read by anyone: Wagtail's images and their
# renditions. Documents (documents/) pass Wagtail's serve view; private files are signed.
PUBLIC_PREFIXES = ("images/", "original_images/")


def public_read_policy(bucket: str) -> dict:
    """The bucket policy docs/deploying.md gives operators for S3_BUCKET."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "TownhallPublicImages",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [f"arn:aws:s3:::{bucket}/{prefix}*" for prefix in PUBLIC_PREFIXES],
            }
        ],
    }


def file_storages(env: environ.Env, private_root: Path) -> dict[str, dict]:
    """STORAGES' "default" (public media: Wagtail's images and documents) and "private"
    (residents' uploads, which a view hands out only after its permission check)."""
    bucket = env.str("S3_BUCKET", default="")
    private_bucket = env.str("S3_PRIVATE_BUCKET", default="")
    if not bucket:
        if private_bucket:
            raise ImproperlyConfigured("S3_PRIVATE_BUCKET is set without S3_BUCKET: set both.")
        return {
            "default": {"BACKEND": FILE_SYSTEM_BACKEND},
            "private": {
                "BACKEND": FILE_SYSTEM_BACKEND,
                "OPTIONS": {"location": private_root, "base_url": None},
            },
        }
    from botocore.config import Config

    endpoint = env.str("S3_ENDPOINT_URL", default="") or None
    common = {
        "client_config": Config(
            # Buckets outside AWS (MinIO, Garage, Ceph) are addressed by path; AWS's by name.
            s3={"addressing_style": "path" if endpoint else None},
            signature_version="s3v4",
            # A bucket that does not answer fails a request in seconds, not minutes of retries.
            connect_timeout=5,
            retries={"mode": "standard", "max_attempts": 3},
        ),
        "endpoint_url": endpoint,
        "region_name": env.str("S3_REGION", default="") or None,
        # Unset, boto3 finds credentials itself (AWS_ACCESS_KEY_ID, an instance's role).
        "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
        # As on the file system: a second "photo.jpg" gets a new name, never replaces the first.
        "file_overwrite": False,
        # No ACL is sent: the bucket's policy decides what anyone may read.
        "default_acl": None,
    }
    return {
        "default": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **common,
                "bucket_name": bucket,
                # Images and their renditions are linked straight to the bucket (or its CDN):
                # plain addresses, readable by anyone under images/ and original_images/.
                "querystring_auth": False,
                "custom_domain": env.str("S3_CUSTOM_DOMAIN", default="") or None,
            },
        },
        "private": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **common,
                "bucket_name": private_bucket or bucket,
                "location": "" if private_bucket else PRIVATE_PREFIX,
                "querystring_auth": True,
                "querystring_expire": _seconds(env),
            },
        },
    }


def _seconds(env: environ.Env) -> int:
    seconds = env.str("S3_SIGNED_URL_SECONDS", default=str(SIGNED_URL_SECONDS))
    if not seconds.isdigit() or not 1 <= int(seconds) <= 3600:
        raise ImproperlyConfigured(
            f"S3_SIGNED_URL_SECONDS must be a number of seconds from 1 to 3600, not {seconds!r}."
        )
    return int(seconds)
