"""The identity providers staff may sign in with, read from the environment by settings.py
(docs/configuration.md). Each is off until its client id is set; a half-configured one is
refused at start rather than failing at a councillor's first sign-in."""

from django.core.exceptions import ImproperlyConfigured

# Tenants that let in any Microsoft account, not only the council's directory: an address
# from them is not the council's word, so it never matches a staff account by itself.
MULTI_TENANT = {"common", "organizations", "consumers"}


def _require(env, name: str, why: str) -> str:
    value = env.str(name, default="")
    if not value:
        raise ImproperlyConfigured(f"Set {name}: {why}")
    return value


def providers_from_env(env) -> dict:
    """SOCIALACCOUNT_PROVIDERS for the providers whose client id is set."""
    providers: dict = {}
    if client_id := env.str("OIDC_CLIENT_ID", default=""):
        providers["openid_connect"] = {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": "council",
                    "name": env.str("OIDC_NAME", default="") or "OpenID Connect",
                    "client_id": client_id,
                    "secret": _require(env, "OIDC_CLIENT_SECRET", "OIDC_CLIENT_ID is set."),
                    "settings": {
                        "server_url": _require(
                            env, "OIDC_SERVER_URL", "the issuer's address, with OIDC_CLIENT_ID."
                        ),
                    },
                }
            ],
        }
    if client_id := env.str("MICROSOFT_CLIENT_ID", default=""):
        tenant = _require(env, "MICROSOFT_TENANT", "the council's Entra ID tenant (directory) id.")
        providers["microsoft"] = {
            "APPS": [
                {
                    "client_id": client_id,
                    "secret": _require(
                        env, "MICROSOFT_CLIENT_SECRET", "MICROSOFT_CLIENT_ID is set."
                    ),
                    "settings": {"tenant": tenant},
                }
            ],
        }
    if client_id := env.str("GOOGLE_CLIENT_ID", default=""):
        domain = env.str("GOOGLE_WORKSPACE_DOMAIN", default="")
        providers["google"] = {
            "SCOPE": ["openid", "email", "profile"],
            # Google shows only the Workspace's accounts on its chooser.
            "AUTH_PARAMS": {"hd": domain} if domain else {},
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "client_id": client_id,
                    "secret": _require(env, "GOOGLE_CLIENT_SECRET", "GOOGLE_CLIENT_ID is set."),
                }
            ],
        }
    return providers
