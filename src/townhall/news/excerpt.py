import html

from townhall.core.sanitise import strip_all

EXCERPT_WORDS = 40


def excerpt(rich_text: str, words: int = EXCERPT_WORDS) -> str:
    """The first words of a text, ending in an ellipsis when it was cut (as WordPress does)."""
    text = html.unescape(strip_all(rich_text.replace("</p>", "</p> ").replace("<br", " <br")))
    all_words = text.split()
    if len(all_words) <= words:
        return " ".join(all_words)
    return " ".join(all_words[:words]).rstrip(".,;:") + "…"
