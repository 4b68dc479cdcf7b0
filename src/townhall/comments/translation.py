"""A comment in the reader's language, by machine, when they ask
(core.services.machine_translation): its sanitised HTML, translated as HTML and sanitised again."""

from django.utils import translation

from townhall.comments.models import Comment
from townhall.core.services import machine_translation

FIELDS = ("content_html",)


def translate(comment: Comment) -> machine_translation.Result:
    """The comment in the language being shown; raises machine_translation.Unavailable."""
    source = machine_translation.Source("content_html", comment.content_html, html=True)
    return machine_translation.translate(comment, [source], translation.get_language())
