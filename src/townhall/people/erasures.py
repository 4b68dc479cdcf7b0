"""Addresses erased at the person's request stay erased: an import of an old export must not
bring them back. Only a deletion at the person's request is remembered (remember() is
called by their own erasure link, people.services.erase, and by the admin's delete when the
organiser ticks that they asked: people.wagtail_hooks.ErasureDeleteView); a duplicate or a
mistaken row deleted is not, so it does not keep an address out for good.

Erasing a person deletes their record, so nothing else remembers the address. What is kept
instead is a one-way digest: an HMAC-SHA256 of the organisation and the normalised address,
keyed with the site's SECRET_KEY. With the key, an address typed again can be recognised;
without it, the digests say nothing (no dictionary of common addresses can be run against
them), and the same person erased from two groups gives two unrelated digests. Rotating
SECRET_KEY keeps the old digests recognisable while the old key is in SECRET_KEY_FALLBACKS.
"""

import functools
import hashlib
import hmac
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from townhall.core.email_addresses import normalise_email
from townhall.people.models import ErasedAddress

SALT = "townhall.people.erased-address"


def digest(organisation_id: int, email: str, secret: str | None = None) -> str:
    """As django.utils.crypto.salted_hmac computes it, with the key derived once per secret
    (an import checks thousands of addresses)."""
    value = f"{organisation_id}:{normalise_email(email)}".encode()
    return hmac.new(_key(secret or settings.SECRET_KEY), value, hashlib.sha256).hexdigest()


@functools.lru_cache(maxsize=8)
def _key(secret: str) -> bytes:
    return hashlib.sha256((SALT + secret).encode()).digest()


def _digests(organisation_id: int, email: str) -> list[str]:
    """Under the key now and under each key it replaced."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [digest(organisation_id, email, key) for key in keys]


def remember(organisation_id: int, email: str) -> None:
    """Note that this address was erased from the organisation's people (again: the date
    of the latest erasure is kept)."""
    try:
        with transaction.atomic():
            ErasedAddress.objects.update_or_create(
                organisation_id=organisation_id,
                digest=digest(organisation_id, email),
                defaults={"erased_at": timezone.now()},
            )
    except IntegrityError:  # erased twice at once: once is remembered
        pass


def erased_among(organisation_id: int, emails: Iterable[str]) -> dict[str, datetime]:
    """Of these normalised addresses, those erased from the organisation, with when."""
    by_digest = {}
    for email in emails:
        for found in _digests(organisation_id, email):
            by_digest[found] = email
    rows = ErasedAddress.objects.filter(organisation_id=organisation_id, digest__in=by_digest)
    return {by_digest[row.digest]: row.erased_at for row in rows}


def forget_organisation(organisation_id: int) -> None:
    ErasedAddress.objects.filter(organisation_id=organisation_id).delete()
