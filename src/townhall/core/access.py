"""Which rule guards each view: every app declares its URL names here, from its `rules.py`,
and its views ask `ensure`. The role x view matrix test walks every URL and checks each
view against this table; a view that is not declared fails it.

A declaration names the rule (a django-rules permission, asked with the view's record), or
says why the view needs none: it is public, reached by a secret token in its address, open
to anyone signed in (their own records only), or Wagtail's own and guarded by Wagtail's
permission policies."""

from dataclasses import dataclass
from fnmatch import fnmatchcase

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import URLResolver
from django.views.decorators.http import require_safe

RULE, PUBLIC, READS, TOKEN, SIGNED_IN, WAGTAIL = (
    "rule",
    "public",
    "reads",
    "token",
    "signed-in",
    "wagtail",
)


@dataclass(frozen=True)
class Guard:
    kind: str
    rule: str = ""
    reason: str = ""
    post_rule: str = ""  # where posting needs more than looking


def rule(permission: str, *, post: str = "") -> Guard:
    return Guard(RULE, rule=permission, post_rule=post)


def public(reason: str) -> Guard:
    """Open to anyone, and it writes: the view is rate-limited (core.ratelimit)."""
    return Guard(PUBLIC, reason=reason)


def reads(reason: str) -> Guard:
    """Open to anyone, and only read: the URL answers GET and HEAD, and 405 to a POST."""
    return Guard(READS, reason=reason)


def token(reason: str) -> Guard:
    return Guard(TOKEN, reason=reason)


def signed_in(reason: str) -> Guard:
    return Guard(SIGNED_IN, reason=reason)


def wagtail(reason: str) -> Guard:
    return Guard(WAGTAIL, reason=reason)


_guards: dict[str, Guard] = {}


def declare(guards: dict[str, Guard]) -> None:
    """URL names (a namespace glob such as "supporters:*" for a whole view set) and the
    guard of each. Declaring one name twice is a mistake and says so."""
    for name, guard in guards.items():
        if name in _guards and _guards[name] != guard:
            raise ValueError(f"{name} is declared twice, differently.")
        _guards[name] = guard


def guard_for(url_name: str) -> Guard | None:
    """The guard of a URL name: its own declaration, else the most specific glob's."""
    if url_name in _guards:
        return _guards[url_name]
    matching = [pattern for pattern in _guards if fnmatchcase(url_name, pattern)]
    return _guards[max(matching, key=len)] if matching else None


def declared() -> dict[str, Guard]:
    return dict(_guards)


def allows(user, permission: str, record: object = None) -> bool:
    """Whether the user holds the rule for this record. A declared rule is asked itself, so
    that an admin is not an applicant or an assessor just for being a superuser (Django's
    has_perm says yes to them for everything); other permissions go to has_perm."""
    if not user.is_active:
        return False
    if rules.perm_exists(permission):
        return rules.has_perm(permission, user, record)
    return user.has_perm(permission, record)


def ensure(user, permission: str, record: object = None) -> None:
    """Refuse (403) unless the user holds the rule for this record."""
    if not allows(user, permission, record):
        raise PermissionDenied("You do not have permission to do this.")


def get_or_404(user, permission: str, model, **lookup):
    """The record, when the user holds the rule for it; "not found" for one they may not
    see, so another organisation's ids give nothing away."""
    record = get_object_or_404(model, **lookup)
    if not allows(user, permission, record):
        raise Http404("Not one of your organisation's records.")
    return record


def enforce_read_only(patterns) -> None:
    """Make every URL declared `reads` answer only GET and HEAD (405 otherwise), so what
    the table says a view does is what it does. Called once on the site's URL patterns."""
    _walk_and_wrap(patterns, "")


def _walk_and_wrap(patterns, namespace: str) -> None:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace and (
                f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            )
            _walk_and_wrap(entry.url_patterns, inner or namespace)
        elif entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            guard = guard_for(name)
            if guard is not None and guard.kind == READS:
                entry.callback = require_safe(entry.callback)
