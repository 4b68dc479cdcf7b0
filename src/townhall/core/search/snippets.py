"""The words around a match, with the matching words marked, for a search result."""

import html
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

BLOCK_END = re.compile(r"<(?:/p|br|/li|/h[1-6]|/div|/blockquote)\b[^>]*>", re.I)
WIDTH = 220  # characters of context shown, about two lines on a desktop


def plain_text(value) -> str:
    """Text of a field value: rich text and rendered blocks lose their markup, and their
    entities become the characters they stand for (escaped again when shown)."""
    text = BLOCK_END.sub(" ", str(value or ""))  # "</p><p>" would join two words
    return re.sub(r"\s+", " ", html.unescape(strip_tags(text))).strip()


def _pattern(terms: str) -> re.Pattern | None:
    words = sorted({w for w in terms.split() if w}, key=len, reverse=True)
    if not words:
        return None
    # A word's start matches, so "saving" finds "savings" as the search itself does.
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\w*", re.I)


def snippet(text: str, terms: str, width: int = WIDTH) -> SafeString:
    """About `width` characters of `text` around the first match, the matches in <mark>."""
    text = plain_text(text)
    pattern = _pattern(terms)
    first = pattern.search(text) if pattern else None
    start = 0
    if first and first.start() > width // 3:
        start = text.rfind(" ", 0, first.start() - width // 3) + 1
    end = start + width
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    piece = text[start:end]
    marked, last = [], 0
    for match in pattern.finditer(piece) if pattern else []:
        marked += [escape(piece[last : match.start()]), f"<mark>{escape(match.group(0))}</mark>"]
        last = match.end()
    marked.append(escape(piece[last:]))
    return mark_safe(("… " if start else "") + "".join(marked) + (" …" if end < len(text) else ""))


def text_of(record) -> str:
    """All the searchable text of a record, from its Wagtail `search_fields`."""
    parts = []
    for field in getattr(record, "search_fields", []):
        name = getattr(field, "field_name", None)
        if name and field.__class__.__name__ == "SearchField" and name != "title":
            parts.append(plain_text(getattr(record, name, "")))
    # A summary often opens the body word for word: keep it once.
    kept = [
        part
        for index, part in enumerate(parts)
        if part and not any(part in other for other in parts[index + 1 :])
    ]
    return " ".join(kept)
