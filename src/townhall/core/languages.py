"""The interface's languages: chosen by the address alone, offered in the header.

A page's language is its URL prefix (`/pl/petitions/...`); the default language has none, so
every address published before translation keeps working. Nothing is read from the browser's
Accept-Language or a cookie: the same address is the same page for everyone, which is what lets
the page cache and the proxy in front of it keep one copy per address (docs/translating.md).
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from itertools import islice

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.urls import translate_url
from django.utils import translation

from townhall.core.email_addresses import normalise_email

# The language of the page a person is using right now; None outside a request (the worker).
_request_language: ContextVar[str | None] = ContextVar("request_language", default=None)
# The email addresses they typed into the form they sent: theirs, so written to in this
# language. Anyone else an email goes to from their request (a petition's creator, officers)
# keeps their own.
_submitted: ContextVar[frozenset[str]] = ContextVar("submitted_addresses", default=frozenset())


class LanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without `Vary: Accept-Language`.

    With the default language unprefixed, Django still marks those pages as varying on the
    header, though it never reads it for them: a cache would then keep a copy per browser
    language of the same English page.
    """

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        if request.method == "POST" and not request.path.startswith("/admin/"):
            # Only residents' own forms: staff in the admin type other people's addresses.
            request._language_tokens = (
                _request_language.set(request.LANGUAGE_CODE),
                _submitted.set(_addresses_in(request)),
            )

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        response.headers.setdefault("Content-Language", translation.get_language())
        if tokens := getattr(request, "_language_tokens", None):
            _request_language.reset(tokens[0])
            _submitted.reset(tokens[1])
        return response


def _addresses_in(request: HttpRequest) -> frozenset[str]:
    try:
        values = [v for key in request.POST for v in request.POST.getlist(key) if "@" in v]
    except Exception:  # a body Django cannot read (too big, cut off) is the view's to refuse
        return frozenset()
    return frozenset(normalise_email(value) for value in values if len(value) <= 254)


# Where Django's own name for a language is not what a switcher shows (GOV.UK's "English").
OWN_NAMES = {"en-gb": "English", "en": "English"}


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself: "Cymraeg", "Polski"
    bidi: bool
    url: str  # this page in that language, its query kept (a search stays a search)
    current: bool
    page: str  # the same without the query: what hreflang alternates name


def languages_for(request: HttpRequest) -> list[Language]:
    """Every language the site speaks, each with the address of this page in it."""
    path = request.get_full_path()
    active = translation.get_language()
    # Hostile or odd paths (`//evil.example/`) are still this site's: translate_url only
    # swaps the prefix, and alternates drop the query that could carry them.
    found = []
    for code, _name in settings.LANGUAGES:
        info = translation.get_language_info(code)
        found.append(
            Language(
                code=code,
                name=OWN_NAMES.get(code) or info["name_local"][:1].upper() + info["name_local"][1:],
                bidi=info["bidi"],
                url=translate_url(path, code),
                current=code == active,
                page=translate_url(request.path, code),
            )
        )
    return found


def needs_review(code: str) -> bool:
    """Whether a language's interface was translated with machine help and not yet reviewed."""
    return code != settings.LANGUAGE_CODE and code not in settings.TOWNHALL_REVIEWED_LANGUAGES


def _typed_here(address: str) -> str | None:
    """The page's language if this person typed their address into it just now."""
    language = _request_language.get()
    if language is None or normalise_email(address) not in _submitted.get():
        return None
    return language


def remember_language_of(address: str) -> None:
    """Note the language of the page this person used, for the emails sent them later.

    Called for every email queued; it notes only when the email goes to an address typed into
    the form being answered (the person signing, following, answering), never to others an
    email from that request reaches, nor from the worker.
    """
    from townhall.core.models import AddressLanguage

    language = _typed_here(address) if address else None
    if language is None:
        return
    key = normalise_email(address)
    if language == settings.LANGUAGE_CODE:
        AddressLanguage.objects.filter(address=key).delete()
    else:
        AddressLanguage.objects.update_or_create(address=key, defaults={"language": language})


def addresses_by_language(addresses: Iterable[str]) -> dict[str, list[str]]:
    """The addresses grouped by the language to write to each in, the default included."""
    from townhall.core.models import AddressLanguage

    addresses = list(addresses)
    known = dict(
        AddressLanguage.objects.filter(
            address__in={normalise_email(a) for a in addresses}
        ).values_list("address", "language")
    )
    spoken = {code for code, _name in settings.LANGUAGES}
    grouped: dict[str, list[str]] = defaultdict(list)
    for address in addresses:
        language = known.get(normalise_email(address), settings.LANGUAGE_CODE)
        grouped[language if language in spoken else settings.LANGUAGE_CODE].append(address)
    return dict(grouped)


def in_their_languages(
    addresses: Iterable[str], at_once: int = 1000
) -> Iterator[tuple[str, list[str]]]:
    """(language, addresses) for many people, read `at_once` at a time: one query per chunk,
    however many there are, so a petition's ten thousand signers cost ten queries."""
    addresses = iter(addresses)
    while chunk := list(islice(addresses, at_once)):
        yield from addresses_by_language(chunk).items()


def written_in_their_languages(
    addresses: Iterable[str], write: Callable[[], tuple[str, str]]
) -> Iterator[tuple[str, str, str]]:
    """(address, subject, body) for each person: `write` makes the subject and body, and runs
    once per language among them, in that language, so the same email to many costs little."""
    written: dict[str, tuple[str, str]] = {}
    for language, group in in_their_languages(addresses):
        if language not in written:
            with translation.override(language):
                written[language] = write()
        for address in group:
            yield address, *written[language]


@contextmanager
def speaking_to(address: str) -> Iterator[str]:
    """Render what is written to this person in their language (links included): the page's,
    if they typed their address into it just now; else the one noted for them."""
    language = _typed_here(address)
    if language is None:
        [(language, _addresses)] = addresses_by_language([address]).items()
    with translation.override(language):
        yield language


def forget_language_of(address: str) -> int:
    from townhall.core.models import AddressLanguage

    return AddressLanguage.objects.filter(address=normalise_email(address)).delete()[0]
