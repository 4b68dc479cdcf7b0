"""Invisible characters in one-line text (names, titles): what is stripped and what kept.

Direction controls (embeddings and overrides U+202A-202E, isolates U+2066-2069) reorder the
letters after them: "Sam\u202egpj.exe" shows as "Samexe.jpg", and in a feed title or an
email subject nothing isolates them again. A name or a title never needs them (pages show
people's names inside <bdi>, which isolates them as these would), so they are stripped, as
are the characters that only hide: the zero-width space, the word joiner and the byte-order
mark. Stripping, not refusing: they arrive by copying and pasting, and the letters stay.

Zero-width joiners and non-joiners are kept where a script needs them: Persian writes
ZWNJ inside words ("نیک‌نام"), Arabic-script and Indic languages shape letters with both,
and emoji sequences are made with ZWJ. Beside an ASCII character or at either end they join
nothing visible and could only split a word to fool a reader ("Ad\u200dmin"), so there
they go. Left-to-right and right-to-left marks order neutral characters between runs of
different directions: kept in text with a right-to-left letter, stripped at the ends and
from text without one, where they order nothing."""

import re
import unicodedata
from functools import cache

from django.db.models import CharField, Model

_HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff]")
_JOINER_BESIDE_ASCII = re.compile("(?<![^\x00-\x7f])[\u200c\u200d]|[\u200c\u200d](?![^\x00-\x7f])")
_MARKS = re.compile("[\u200e\u200f]")
_MARKS_AT_ENDS = re.compile("^[\u200e\u200f]+|[\u200e\u200f]+$")


def _has_right_to_left_letter(text: str) -> bool:
    return any(unicodedata.bidirectional(character) in ("R", "AL") for character in text)


def tidy_one_line(value: str) -> str:
    """The text without the invisible characters that can only mislead (see above)."""
    if value.isascii():
        return value  # the common case, at no cost
    text = _HIDDEN.sub("", value)
    text = _JOINER_BESIDE_ASCII.sub("", text)
    if _has_right_to_left_letter(text):
        return _MARKS_AT_ENDS.sub("", text)
    return _MARKS.sub("", text)


@cache
def _one_line_fields(model: type[Model]) -> tuple[str, ...]:
    """A model's one-line text fields people type (not those holding one of a few choices)."""
    return tuple(
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, CharField) and not field.choices
    )


def tidy_before_saving(sender: type[Model], instance: Model, raw: bool = False, **kwargs) -> None:
    """Every model's one-line text is tidied as it is saved, whichever path wrote it (a
    public form, the admin, a page title, an import, a service), so no name or title
    reaches a feed or an email subject with a direction control in it. Connected for every
    model in core's AppConfig.ready; fixtures loaded raw are left as they are."""
    if raw:
        return
    for attname in _one_line_fields(sender):
        value = getattr(instance, attname)
        if isinstance(value, str) and not value.isascii():
            setattr(instance, attname, tidy_one_line(value))
