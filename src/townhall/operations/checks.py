"""Townhall's own `townhall check --deploy`: what would hurt a real borough, each with what
to do. Django's deploy checks (HTTPS, cookies, HSTS) run alongside these."""

import os
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import checks
from django.core.cache import caches
from django.db import DatabaseError, connection

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
        errors.append(_error("Demo mode is on.", "Unset TOWNHALL_DEMO.", 1))
    if settings.TOWNHALL_SHOW_OUTBOX:
        errors.append(
            _error(
                "The outbox is shown at /outbox/: anyone can read every email the site sent.",
                "Unset TOWNHALL_SHOW_OUTBOX (and TOWNHALL_DEMO).",
                2,
            )
        )
    if settings.EMAIL_BACKEND in NOT_REAL_EMAIL:
        errors.append(
            _error(
                f"Email is not sent anywhere ({settings.EMAIL_BACKEND.rsplit('.', 1)[-1]}).",
                "Set EMAIL_URL to your mail server, e.g. smtp+tls://user:pw@host:587.",
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
                f"The database cannot be used: {type(error).__name__}.",
                "Check DATABASE_URL and that the server is up; then run `townhall migrate`.",
                10,
            )
        ]
    if demo_users:
        return [
            _error(
                f"Demo accounts with the demo password exist: {', '.join(demo_users)}.",
                "Delete them in the admin (Settings > Users) or give them strong passwords.",
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
                    f"Redis (REDIS_URL) cannot be reached: {type(error).__name__}.",
                    "Start Redis or correct REDIS_URL; the site runs without it, degraded.",
                    20,
                )
            ]
    return []


@checks.register(checks.Tags.files, deploy=True)
def check_storage(app_configs, **kwargs) -> list:
    errors = []
    places = {
        "MEDIA_ROOT": Path(settings.MEDIA_ROOT),
        "PRIVATE_MEDIA_ROOT": Path(settings.TOWNHALL_PRIVATE_MEDIA_ROOT),
    }
    for name, place in places.items():
        if not place.is_dir() or not os.access(place, os.W_OK):
            errors.append(
                _error(
                    f"{name} ({place}) is missing or not writable by this user.",
                    f"Create it, owned by the service user (mkdir -p {place}); with several "
                    "app servers, on storage they all share.",
                    30 + len(errors),
                )
            )
    return errors
