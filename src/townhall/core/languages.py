"""The interface's languages: chosen by the address alone, offered in the header.

A page's language is its URL prefix (`/pl/petitions/...`); the default language has none, so
every address published before translation keeps working. Nothing is read from the browser's
Accept-Language or a cookie: the same address is the same page for everyone, which is what lets
the page cache and the proxy in front of it keep one copy per address (docs/translating.md).
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.urls import translate_url
from django.utils import translation


class LanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without `Vary: Accept-Language`.

    With the default language unprefixed, Django still marks those pages as varying on the
    header, though it never reads it for them: a cache would then keep a copy per browser
    language of the same English page.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


# Where Django's own name for a language is not what a switcher shows (GOV.UK's "English").
OWN_NAMES = {"en-gb": "English", "en": "English"}


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself: "Cymraeg", "Polski"
    bidi: bool
    url: str  # this page in that language
    current: bool


def languages_for(request: HttpRequest) -> list[Language]:
    """Every language the site speaks, each with the address of this page in it."""
    path = request.get_full_path()
    active = translation.get_language()
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
            )
        )
    return found


def needs_review(code: str) -> bool:
    """Whether a language's interface was translated with machine help and not yet reviewed."""
    return code != settings.LANGUAGE_CODE and code not in settings.TOWNHALL_REVIEWED_LANGUAGES
