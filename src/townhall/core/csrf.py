"""Cross-site request forgery: a token for people with a session, the browser's word for
everyone else (decision 15).

A page anyone may see must be the same bytes for every reader, so that a caching proxy can
serve it: it cannot carry a per-reader token. People without a session (no sign-in, no
message waiting, nothing held for them) are sent no token and no CSRF cookie; their posts are
accepted when the browser says they come from this site: `Sec-Fetch-Site: same-origin` (or
`none`: typed or bookmarked), or, from browsers that do not send that header, an `Origin`
that is this site. A post that the browser marks cross-site or same-site (a sibling
subdomain), or whose Origin is another site or "null", is refused. A post with neither header
comes from no modern browser (all have sent Origin on posts since 2020): it needs the token,
as before, and so is refused.

People with a session are checked exactly as Django checks everyone (token and cookie,
Origin, and Referer over HTTPS): their pages are never shared, and a forged post could act
in their name.
"""

from django.conf import settings
from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.html import format_html
from django.utils.safestring import SafeString

# What Django's {% csrf_token %} renders as nothing, silently.
NO_TOKEN = "NOTPROVIDED"  # noqa: S105 - a marker Django knows, not a secret
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
TRUSTED_FETCH_SITES = {"same-origin", "none"}
REASON_CROSS_SITE = "The browser says this form was sent from another site."


def carries_session(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def no_token_without_session(request: HttpRequest) -> dict:
    """Context processor, after Django's own: no token in pages for people without a session
    (so no CSRF cookie either, and the page can be shared)."""
    return {} if carries_session(request) else {"csrf_token": NO_TOKEN}


def hidden_input(token) -> SafeString:
    """What {% csrf_token %} renders, for markup built in Python (comments.markup)."""
    if not token or token == NO_TOKEN:
        return SafeString("")
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


class SessionOrOriginCsrfMiddleware(CsrfViewMiddleware):
    def process_view(self, request, callback, callback_args, callback_kwargs):
        if (
            request.method in SAFE_METHODS
            or carries_session(request)
            or getattr(request, "csrf_processing_done", False)
            or getattr(callback, "csrf_exempt", False)
            or getattr(request, "_dont_enforce_csrf_checks", False)
        ):
            return super().process_view(request, callback, callback_args, callback_kwargs)
        same_site = self._browser_says_same_origin(request)
        if same_site is None:
            return super().process_view(request, callback, callback_args, callback_kwargs)
        if same_site:
            return self._accept(request)
        return self._reject(request, REASON_CROSS_SITE)

    def _browser_says_same_origin(self, request: HttpRequest) -> bool | None:
        """True or False when the browser said where the post came from; None if it did not."""
        fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
        if fetch_site is not None:
            return fetch_site in TRUSTED_FETCH_SITES
        if "HTTP_ORIGIN" in request.META:
            return self._origin_verified(request)
        return None
