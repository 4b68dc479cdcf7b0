"""Where uploads go from the environment (core.object_storage), and what `townhall check
--deploy` says about it."""

from pathlib import Path

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from tests.s3_server import running_s3_server
from townhall.core.object_storage import file_storages
from townhall.operations import checks as deploy_checks

S3_NAMES = ("S3_BUCKET", "S3_PRIVATE_BUCKET", "S3_ENDPOINT_URL", "S3_SIGNED_URL_SECONDS")


def _storages(monkeypatch, **env: str) -> dict[str, dict]:
    for name in S3_NAMES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return file_storages(environ.Env(), Path("/srv/private"))


def test_without_a_bucket_files_stay_on_this_hosts_disk(monkeypatch):
    found = _storages(monkeypatch)
    assert found["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert found["private"]["OPTIONS"]["location"] == Path("/srv/private")


def test_private_files_share_the_bucket_under_their_own_folder_unless_given_one(monkeypatch):
    shared = _storages(monkeypatch, S3_BUCKET="media")["private"]["OPTIONS"]
    assert (shared["bucket_name"], shared["location"], shared["querystring_auth"]) == (
        "media", "private", True,
    )  # fmt: skip
    own = _storages(monkeypatch, S3_BUCKET="media", S3_PRIVATE_BUCKET="secret")["private"]
    assert (own["OPTIONS"]["bucket_name"], own["OPTIONS"]["location"]) == ("secret", "")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"S3_PRIVATE_BUCKET": "secret"}, "S3_PRIVATE_BUCKET is set without S3_BUCKET"),
        ({"S3_BUCKET": "media", "S3_SIGNED_URL_SECONDS": "soon"}, "from 1 to 3600"),
        ({"S3_BUCKET": "media", "S3_SIGNED_URL_SECONDS": "86400"}, "from 1 to 3600"),
    ],
)
def test_settings_that_cannot_work_are_refused_with_what_to_set(monkeypatch, env, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        _storages(monkeypatch, **env)


def test_the_deploy_check_warns_when_redis_suggests_several_hosts_but_files_are_local(
    settings,
):
    settings.REDIS_URL = ""
    assert deploy_checks.check_several_hosts_share_files(None) == []
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    assert [w.id for w in deploy_checks.check_several_hosts_share_files(None)] == ["townhall.W032"]


def test_the_deploy_check_tries_the_buckets(monkeypatch, settings):
    with running_s3_server() as s3:
        configured = _storages(monkeypatch, **s3.environment)
        # One override for both: the `settings` fixture set inside an override_settings
        # would restore, at teardown, the settings of inside it (the buckets) for every
        # later test.
        shared = {"STORAGES": {**settings.STORAGES, **configured}}
        with override_settings(**shared, REDIS_URL="redis://127.0.0.1:6379/0"):
            assert deploy_checks.check_storage(None) == []
            assert deploy_checks.check_several_hosts_share_files(None) == []
        configured = _storages(monkeypatch, **{**s3.environment, "S3_BUCKET": "no-such-bucket"})
        with override_settings(STORAGES={**settings.STORAGES, **configured}):
            found = deploy_checks.check_storage(None)
    assert [error.id for error in found] == ["townhall.E033"]
    assert "no-such-bucket" in found[0].msg and "no such bucket" in found[0].msg
