"""What a page says about its own languages (core.translations): the notice when it is shown
in another language for want of a translation, "Also in: ..." naming the languages it has,
and the hreflang alternates of the ones that exist."""

from django import template
from django.http import HttpRequest
from django.utils.html import format_html
from wagtail.models import Page

from townhall.core import translations
from townhall.core.languages import Language, languages_for

register = template.Library()


def _languages(context: template.Context) -> list[Language]:
    """The header's languages (each named in itself, with this address in it)."""
    found = context.get("languages")
    if found:
        return list(found)
    request = context.get("request")
    return languages_for(request) if request is not None else []


def _page(context: template.Context) -> Page | None:
    page = context.get("page")
    return page if isinstance(page, Page) and page.pk else None


def _named(language: Language) -> str:
    return format_html(
        '<span lang="{}" dir="{}">{}</span>',
        language.code,
        "rtl" if language.bidi else "ltr",
        language.name,
    )


@register.inclusion_tag("core/includes/content_languages.html", takes_context=True)
def content_languages(context: template.Context) -> dict:
    request: HttpRequest | None = context.get("request")
    page = _page(context)
    if request is None or page is None or not translations.enabled():
        return {}
    languages = {language.code: language for language in _languages(context)}
    fallback = getattr(request, "content_fallback", None)
    notice = None
    if fallback is not None and fallback.wanted in languages and fallback.shown in languages:
        notice = {
            "wanted": _named(languages[fallback.wanted]),
            "shown": _named(languages[fallback.shown]),
        }
    has = translations.languages_of(page)
    reading = translations.reader_language()
    also_in = [languages[code] for code in has if code != reading and code in languages]
    return {"notice": notice, "also_in": also_in if len(has) > 1 else []}


@register.simple_tag(takes_context=True)
def page_alternates(context: template.Context, languages: list[Language]) -> list[Language]:
    """The languages to name as hreflang alternates: for a page, those it exists in; for any
    other view, every language (its words are the interface's)."""
    page = _page(context)
    if page is None or not translations.enabled():
        return list(languages)
    has = set(translations.languages_of(page))
    return [language for language in languages if language.code in has]


@register.filter
def in_reader_language(pages) -> list:
    """Pages in the reader's language where they have a translation (the breadcrumbs)."""
    return translations.in_reader_language(pages or [])
