"""The header's language switcher and the head's alternates, from core.languages."""

from django import template
from django.utils import translation

from townhall.core.languages import Language, languages_for, needs_review

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context: template.Context) -> list[Language]:
    """This page in every language the site speaks; empty where there is no request."""
    request = context.get("request")
    return languages_for(request) if request is not None else []


@register.simple_tag
def language_tag() -> str:
    """The language shown, as HTML's lang attribute spells it ("en-GB", not Django's "en-gb")."""
    return translation.to_locale(translation.get_language()).replace("_", "-")


@register.simple_tag
def machine_assisted() -> bool:
    """Whether the language being shown has not yet been reviewed by a person."""
    return needs_review(translation.get_language())
