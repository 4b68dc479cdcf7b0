"""A consultation stage's pages of questions, as StreamField blocks (the question types
themselves are shared, in core.question_blocks)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from townhall.core.question_blocks import QUESTION_TYPES


class QuestionPageBlock(blocks.StructBlock):
    """One page of the form: people answer it, then go on to the next."""

    title = blocks.CharBlock(max_length=150)
    intro = blocks.TextBlock(required=False)
    show_if_key = blocks.CharBlock(
        required=False, max_length=40, label=_("Show this page only if the question (key)")
    )
    show_if_value = blocks.CharBlock(required=False, max_length=200, label=_("has the answer"))
    questions = blocks.StreamBlock(QUESTION_TYPES)

    class Meta:
        icon = "form"
