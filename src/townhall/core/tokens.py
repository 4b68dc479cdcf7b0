"""The one generator of the secrets in emailed links (confirm, unsubscribe, resume):
256 random bits, URL-safe, so a link cannot be guessed however many are tried."""

import secrets


def new_token() -> str:
    return secrets.token_urlsafe(32)
