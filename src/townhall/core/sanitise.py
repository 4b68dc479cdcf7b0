"""Sanitising HTML that people type, with nh3. Every piece of user HTML passes through here."""

import re

import nh3

# WordPress's allowed comment HTML ($allowedtags), exactly.
COMMENT_TAGS: dict[str, set[str]] = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "acronym": {"title"},
    "b": set(),
    "blockquote": {"cite"},
    "cite": set(),
    "code": set(),
    "del": {"datetime"},
    "em": set(),
    "i": set(),
    "q": {"cite"},
    "s": set(),
    "strike": set(),
    "strong": set(),
}
SAFE_URL_SCHEMES = {"http", "https", "mailto"}
_BLANK_LINES = re.compile(r"\n\s*\n")
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


def _safe_cite(tag: str, attribute: str, value: str) -> str | None:
    """nh3 checks URL schemes in href but not in cite: drop a cite with any other scheme."""
    if attribute == "cite":
        scheme = _SCHEME.match(value)
        if scheme and scheme.group(1).lower() not in SAFE_URL_SCHEMES:
            return None
    return value


def _comment_markup(text: str, tags: dict[str, set[str]]) -> str:
    return nh3.clean(
        text,
        tags=set(tags),
        attributes=tags,
        url_schemes=SAFE_URL_SCHEMES,
        link_rel="nofollow ugc",
        clean_content_tags={"script", "style"},
        attribute_filter=_safe_cite,
    )


def clean_comment(text: str) -> str:
    """A comment's HTML: allowed tags kept, all else stripped or escaped, links nofollow ugc,
    and paragraphs and line breaks made from blank lines and newlines, as WordPress does."""
    cleaned = _comment_markup(text.replace("\r\n", "\n").strip(), COMMENT_TAGS)
    paragraphs = [p.strip() for p in _BLANK_LINES.split(cleaned) if p.strip()]
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)


def strip_all(text: str) -> str:
    """Plain text from HTML: every tag removed, entities kept escaped."""
    return nh3.clean(text, tags=set(), clean_content_tags={"script", "style"})


# Imported rich text (from WordPress): what Wagtail's editor can represent, nothing more.
RICH_TEXT_TAGS: dict[str, set[str]] = {
    **{
        tag: set()
        for tag in [
            "p",
            "br",
            "h2",
            "h3",
            "h4",
            "b",
            "strong",
            "i",
            "em",
            "ul",
            "ol",
            "li",
            "blockquote",
        ]
    },
    "a": {"href"},
}


def clean_rich_text(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(RICH_TEXT_TAGS),
        attributes=RICH_TEXT_TAGS,
        url_schemes=SAFE_URL_SCHEMES,
        link_rel=None,
        clean_content_tags={"script", "style"},
    )


def clean_translated_comment(html: str) -> str:
    """A translator's answer for a comment (already in paragraphs), held to what a comment
    may contain, by the same rules: its answer is not trusted."""
    return _comment_markup(html, {**COMMENT_TAGS, "p": set(), "br": set()})
