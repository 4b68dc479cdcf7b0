"""Test settings: production settings with an in-process task backend and fast hashing."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-any-real-site")
os.environ.setdefault("TOWNHALL_DATA_DIR", tempfile.mkdtemp(prefix="townhall-tests-"))

from townhall.settings import *  # noqa: F403
from townhall.settings import SILENCED_SYSTEM_CHECKS, STORAGES

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TOWNHALL_SHOW_OUTBOX = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - whitenoise warns when it is missing
# One test process: a local-memory cache, emptied between tests by the root conftest.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Nor are request metrics summed in a Redis other test runs share (tests set it to their own).
REDIS_URL = ""
TOWNHALL_PAGE_CACHE_SECONDS = 0  # tests of the page cache switch it on themselves
TOWNHALL_STAFF_MFA_REQUIRED = False  # tests/staff_sign_in switch it on themselves
# ...so the warning a real site would get for that is not printed by every command a test runs.
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "townhall.W050"]
