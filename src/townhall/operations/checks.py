"""Townhall's own `townhall check --deploy`: what would hurt a real borough, each with what
to do. Django's deploy checks (HTTPS, cookies, HSTS) run alongside these."""

import os
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import checks
from django.core.cache import caches
from django.core.files.storage import Storage, storages
from django.db import DatabaseError, connection
from django.utils.translation import gettext as _

from townhall.core.cache import ResilientRedisCache

DEMO_USERNAMES = (
    "admin", "council-officer", "alliance-editor", "alliance-moderator", "library-editor",
    "branch-editor", "grant-approver", "grant-assessor-2",
)  # fmt: skip
NOT_REAL_EMAIL = (
    "townhall.core.mail.OutboxBackend",
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
)


def _error(msg: str, hint: str, n: int) -> checks.Error:
    return checks.Error(msg, hint=hint, id=f"townhall.E{n:03d}")


@checks.register(checks.Tags.security, deploy=True)
def check_demo_and_outbox(app_configs, **kwargs) -> list:
    errors = []
    if settings.DEMO:
        errors.append(_error(_("Demo mode is on."), _("Unset TOWNHALL_DEMO."), 1))
    if settings.TOWNHALL_SHOW_OUTBOX:
        errors.append(
            _error(
                _("The outbox is shown at /outbox/: anyone can read every email the site sent."),
                _("Unset TOWNHALL_SHOW_OUTBOX (and TOWNHALL_DEMO)."),
                2,
            )
        )
    if settings.EMAIL_BACKEND in NOT_REAL_EMAIL:
        errors.append(
            _error(
                _("Email is not sent anywhere (%(backend)s).")
                % {"backend": settings.EMAIL_BACKEND.rsplit(".", 1)[-1]},
                _("Set EMAIL_URL to your mail server, e.g. smtp+tls://user:pw@host:587."),
                3,
            )
        )
    return errors


@checks.register(checks.Tags.database, deploy=True)
def check_database(app_configs, **kwargs) -> list:
    try:
        connection.ensure_connection()
        users = get_user_model().objects.filter(username__in=DEMO_USERNAMES)
        demo_users = [
            user.username
            for user in users
            if user.check_password(os.environ.get("TOWNHALL_DEMO_PASSWORD", "townhall-demo"))
        ]
    except DatabaseError as error:
        return [
            _error(
                _("The database cannot be used: %(error)s.") % {"error": type(error).__name__},
                _("Check DATABASE_URL and that the server is up; then run `townhall migrate`."),
                10,
            )
        ]
    if demo_users:
        return [
            _error(
                _("Demo accounts with the demo password exist: %(usernames)s.")
                % {"usernames": ", ".join(demo_users)},
                _("Delete them in the admin (Settings > Users) or give them strong passwords."),
                11,
            )
        ]
    return []


@checks.register(checks.Tags.caches, deploy=True)
def check_cache(app_configs, **kwargs) -> list:
    backend = caches["default"]
    if isinstance(backend, ResilientRedisCache):
        try:
            backend._cache.get_client(write=True).ping()
        except Exception as error:  # any failure to reach it is the finding
            return [
                _error(
                    _("Redis (REDIS_URL) cannot be reached: %(error)s.")
                    % {"error": type(error).__name__},
                    _("Start Redis or correct REDIS_URL; the site runs without it, degraded."),
                    20,
                )
            ]
    return []


@checks.register(checks.Tags.files, deploy=True)
def check_storage(app_configs, **kwargs) -> list:
    errors = []
    places = {
        "default": ("MEDIA_ROOT", Path(settings.MEDIA_ROOT), "S3_BUCKET"),
        "private": (
            "PRIVATE_MEDIA_ROOT",
            Path(settings.TOWNHALL_PRIVATE_MEDIA_ROOT),
            "S3_PRIVATE_BUCKET or S3_BUCKET",
        ),
    }
    for alias, (name, place, bucket_setting) in places.items():
        storage = storages[alias]
        bucket = getattr(storage, "bucket_name", None)
        if bucket:
            reason = _unreachable(storage)
            if reason:
                errors.append(
                    _error(
                        _("The bucket %(bucket)s (%(setting)s) cannot be used: %(error)s.")
                        % {"bucket": bucket, "setting": bucket_setting, "error": reason},
                        _(
                            "Create the bucket, or correct S3_ENDPOINT_URL and the access keys "
                            "(docs/configuration.md)."
                        ),
                        33 if alias == "default" else 34,
                    )
                )
        elif not place.is_dir() or not os.access(place, os.W_OK):
            errors.append(
                _error(
                    _("%(setting)s (%(place)s) is missing or not writable by this user.")
                    % {"setting": name, "place": place},
                    _(
                        "Create it, owned by the service user (mkdir -p %(place)s); with several "
                        "app servers, use a bucket they all share (S3_BUCKET)."
                    )
                    % {"place": place},
                    30 + len(errors),
                )
            )
    return errors


def _unreachable(storage: Storage) -> str:
    """Why the bucket cannot be listed (its error code), or "" when it can."""
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        # HEAD answers carry no error text, only the status.
        named = {"404": _("there is no such bucket"), "403": _("the access keys are refused")}
        return named.get(code, code or type(error).__name__)
    except BotoCoreError as error:
        return type(error).__name__
    return ""


@checks.register(checks.Tags.files, deploy=True)
def check_several_hosts_share_files(app_configs, **kwargs) -> list:
    """REDIS_URL means processes share a cache, so likely hosts too: then uploads kept on one
    host's disk are missing on the others."""
    on_disk = any(
        not getattr(storages[alias], "bucket_name", None) for alias in ("default", "private")
    )
    if settings.REDIS_URL and on_disk:
        return [
            checks.Warning(
                _(
                    "REDIS_URL is set, as for several app servers, but uploads are kept on this "
                    "host's disk: an image uploaded on one host is missing on the others."
                ),
                hint=_(
                    "With more than one host, set S3_BUCKET (docs/configuration.md); on one "
                    "host, all is well."
                ),
                id="townhall.W032",
            )
        ]
    return []


@checks.register(checks.Tags.compatibility, deploy=True)
def check_machine_translation(app_configs, **kwargs) -> list:
    from django.core.exceptions import ImproperlyConfigured

    from townhall.core.services.machine_translation.backends import Labelled, from_url

    try:
        backend = from_url(settings.TOWNHALL_MACHINE_TRANSLATION_URL)
    except ImproperlyConfigured as error:
        return [
            _error(
                str(error),
                _(
                    "Correct MACHINE_TRANSLATION_URL, or leave it empty: machine translation is "
                    "off meanwhile (docs/translating.md)."
                ),
                40,
            )
        ]
    if isinstance(backend, Labelled):
        return [
            _error(
                _(
                    "MACHINE_TRANSLATION_URL names Townhall's labelled test translator: "
                    "residents would be offered translations that translate nothing."
                ),
                _(
                    "Use deepl://KEY@api-free.deepl.com or libretranslate+https://host/, or "
                    "leave it empty."
                ),
                41,
            )
        ]
    return []
