"""ModernGov's HTML, as Word writes it (`<p class="MsoNormal"><span style=…>`, `<o:p>`,
conditional comments, empty `&nbsp;` paragraphs), made plain paragraphs by the site's
sanitiser: what the rich text editor can hold, nothing more."""

import html
import re

from townhall.core.sanitise import clean_rich_text, strip_all

_BLOCK = re.compile(r"<(p|h[2-4]|ul|ol|blockquote)\b", re.IGNORECASE)
_EMPTY_BLOCK = re.compile(r"<(p|h[2-4]|li|b|strong|i|em)>(?:\s|&nbsp;|&#160;|\xa0|<br>)*</\1>")
_SPACES = re.compile(r"[ \t\r\n\xa0]+")
_BETWEEN_BLOCKS = re.compile(r">\s+<(/?(?:p|h[2-4]|ul|ol|li|blockquote)\b)")
_BARE_LINK = re.compile(r"<a>(.*?)</a>", re.DOTALL)  # its address was unsafe: keep the words
_PARAGRAPH_END = re.compile(r"</(p|h[2-4]|li|blockquote)>|<br>", re.IGNORECASE)


def clean_word_html(markup: str) -> str:
    """Plain paragraphs from Word's HTML; empty when there is no text at all."""
    if not markup.strip():
        return ""
    cleaned = clean_rich_text(markup.replace("&nbsp;", " "))
    cleaned = _BARE_LINK.sub(r"\1", _SPACES.sub(" ", cleaned)).strip()
    previous = None
    while previous != cleaned:  # <p><b> </b></p> empties in two steps
        previous, cleaned = cleaned, _EMPTY_BLOCK.sub("", cleaned)
    cleaned = _BETWEEN_BLOCKS.sub(r"><\1", cleaned).strip()
    if not strip_all(cleaned).strip():
        return ""
    return cleaned if _BLOCK.match(cleaned) else f"<p>{cleaned}</p>"


def plain_text(markup: str) -> str:
    """Words only, a blank line between paragraphs (for a decision's summary)."""
    spaced = _PARAGRAPH_END.sub("\n\n", clean_word_html(markup))
    paragraphs = (" ".join(html.unescape(strip_all(part)).split()) for part in spaced.split("\n\n"))
    return "\n\n".join(part for part in paragraphs if part)
