"""The "In plain words" box (issue 29, point 4): an officer's summary in everyday words,
shown first wherever it is written (decisions, agenda items, consultations, petitions'
responses), with the reading age it needs. One tag, so the figure is computed in one place
and every box reads the same."""

from django import template

from townhall.core.plain_words import reading_age

register = template.Library()


@register.inclusion_tag("core/includes/plain_words.html")
def plain_words(
    summary: str, heading_id: str = "plain-words", level: int = 2, number: object = ""
) -> dict:
    """The box for `summary`, nothing when it is empty. `level` is the box heading's level
    under the heading it sits beneath; `heading_id` names it, `number` tells one box from
    another where a page has several (an agenda's items)."""
    summary = (summary or "").strip()
    if number != "":
        heading_id = f"{heading_id}-{number}"
    return {
        "paragraphs": [line.strip() for line in summary.splitlines() if line.strip()],
        "reading_age": reading_age(summary) if summary else None,
        "heading_id": heading_id,
        "level": level,
    }
