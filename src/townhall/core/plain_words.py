"""How hard a text is to read, as a UK reading age, for plain-words summaries.

The Flesch-Kincaid grade level, from sentences, words and syllables, plus five (a US grade is
the school year a reader is in; a UK reading age adds the five years before it). Syllables are
counted as the hyphenation points pyphen's bundled British English dictionary finds, plus one:
close enough for a guide to officers, not a verdict.
"""

import re
from functools import cache

import pyphen

WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
MIN_WORDS = 10  # fewer gives no meaningful figure
YOUNGEST, ADULT = 5, 18


@cache
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB", left=1, right=1)


def syllables(word: str) -> int:
    return _dictionary().inserted(word.lower()).count("-") + 1


def reading_age(text: str) -> int | None:
    """The reading age a text needs (5 to 18, 18 meaning an adult's); None for too few words."""
    words = WORD.findall(text)
    if len(words) < MIN_WORDS:
        return None
    sentences = max(1, len(SENTENCE_END.findall(text.strip() + " ")))
    per_word = sum(syllables(word) for word in words) / len(words)
    grade = 0.39 * len(words) / sentences + 11.8 * per_word - 15.59
    return min(ADULT, max(YOUNGEST, round(grade + 5)))
