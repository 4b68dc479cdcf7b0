"""The questions staff build forms from (consultations, grant applications), as blocks.

Every question has a key (its short name in results, exports and skip logic), a label, an
optional hint, whether it must be answered, and an optional condition: show it only when an
earlier page's question has a given answer. Pages of questions carry the same condition.
"""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

KEY = RegexValidator(r"^[a-z0-9][a-z0-9-]*$", _("Use lower-case letters, digits and hyphens"))


class QuestionBlock(blocks.StructBlock):
    key = blocks.CharBlock(
        label=_("Short name for the results"),
        max_length=40,
        validators=[KEY],
        help_text=_(
            "Lower-case words joined by hyphens, different for each question in this "
            "stage, e.g. opening-hours. It names the question's column in the results download."
        ),
    )
    label = blocks.CharBlock(max_length=300)
    hint = blocks.CharBlock(required=False, max_length=300)
    required = blocks.BooleanBlock(required=False, default=True)
    show_if_key = blocks.CharBlock(
        required=False, max_length=40, label=_("Show only if the question (key)")
    )
    show_if_value = blocks.CharBlock(required=False, max_length=200, label=_("has the answer"))


class TextQuestion(QuestionBlock):
    max_words = blocks.IntegerBlock(min_value=1, max_value=5000, default=50)

    class Meta:
        icon = "pilcrow"


class LongTextQuestion(QuestionBlock):
    max_words = blocks.IntegerBlock(min_value=1, max_value=5000, default=500)

    class Meta:
        icon = "doc-full"


class ChoiceQuestion(QuestionBlock):
    choices = blocks.ListBlock(blocks.CharBlock(max_length=200), min_num=2)

    class Meta:
        icon = "radio-full"


class ScaleQuestion(QuestionBlock):
    points = blocks.ListBlock(
        blocks.CharBlock(max_length=60),
        min_num=2,
        default=["Strongly agree", "Agree", "Neither", "Disagree", "Strongly disagree"],
        help_text=_("From one end of the scale to the other"),
    )

    class Meta:
        icon = "order"


class MatrixQuestion(ScaleQuestion):
    rows = blocks.ListBlock(blocks.CharBlock(max_length=200), min_num=1)

    class Meta:
        icon = "table"


class RankingQuestion(QuestionBlock):
    items = blocks.ListBlock(blocks.CharBlock(max_length=200), min_num=2)

    class Meta:
        icon = "list-ol"


class FileQuestion(QuestionBlock):
    max_megabytes = blocks.IntegerBlock(min_value=1, max_value=20, default=5)
    types = blocks.CharBlock(
        default="pdf,jpg,png,docx", max_length=100, help_text=_("File endings allowed, by commas")
    )

    class Meta:
        icon = "doc-full-inverse"


class ConsentQuestion(QuestionBlock):
    class Meta:
        icon = "tick"


QUESTION_TYPES = [
    ("short_text", TextQuestion(label=_("Short text"))),
    ("long_text", LongTextQuestion(label=_("Long text"))),
    ("single_choice", ChoiceQuestion(label=_("Single choice"))),
    ("multiple_choice", ChoiceQuestion(label=_("Multiple choice"))),
    ("dropdown", ChoiceQuestion(label=_("Dropdown"))),
    ("scale", ScaleQuestion(label=_("Rating or agreement scale"))),
    ("matrix", MatrixQuestion(label=_("Matrix: rows on one scale"))),
    ("ranking", RankingQuestion(label=_("Ranking"))),
    ("date", QuestionBlock(label=_("Date"), icon="date")),
    ("ward", QuestionBlock(label=_("Ward or postcode"), icon="site")),
    ("file", FileQuestion(label=_("File upload"))),
    ("consent", ConsentQuestion(label=_("Consent"))),
]
