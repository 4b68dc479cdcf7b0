"""The slots at the top of every Wagtail page for its other versions (core.other_versions):
a link to its Easy Read version and its British Sign Language videos."""

from django import template

from townhall.core.other_versions import other_versions_of

register = template.Library()


@register.inclusion_tag("core/includes/other_versions.html", takes_context=True)
def other_versions(context: template.Context, page: object = None) -> dict:
    """Nothing, and no query, for a page without other versions."""
    return {
        "versions": other_versions_of(page, context.get("request")),
        "request": context.get("request"),
    }
