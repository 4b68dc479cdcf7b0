"""Townhall's own `townhall check --deploy`: what would hurt a real borough, each with what
to do. Django's deploy checks (HTTPS, cookies, HSTS) run alongside these."""

import os
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import checks
from django.core.cache import caches
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
        "MEDIA_ROOT": Path(settings.MEDIA_ROOT),
        "PRIVATE_MEDIA_ROOT": Path(settings.TOWNHALL_PRIVATE_MEDIA_ROOT),
    }
    for name, place in places.items():
        if not place.is_dir() or not os.access(place, os.W_OK):
            errors.append(
                _error(
                    _("%(setting)s (%(place)s) is missing or not writable by this user.")
                    % {"setting": name, "place": place},
                    _(
                        "Create it, owned by the service user (mkdir -p %(place)s); with several "
                        "app servers, on storage they all share."
                    )
                    % {"place": place},
                    30 + len(errors),
                )
            )
    return errors


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
