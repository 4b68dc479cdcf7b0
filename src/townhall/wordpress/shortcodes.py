"""Finding WordPress shortcodes ([gallery ids="1,2"], [caption]...[/caption]) in a post.

The patterns follow WordPress's own get_shortcode_regex() and shortcode_parse_atts() in
wp-includes/shortcodes.php, with one difference: WordPress reads only the shortcodes its
plugins registered and Townhall has none, so any name is read, and `looks_like_shortcode`
tells a plugin's bare [toc] from a writer's own "[sic]" or "[1]".
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

_SHORTCODE = re.compile(
    r"\[(\[?)"  # 1: an extra [ escapes the shortcode, as [[gallery]]
    r"([A-Za-z][\w-]*)"  # 2: the name (WordPress allows more; plugins use these)
    r"(?![\w-])"
    r"([^\]/]*(?:/(?!\])[^\]/]*)*?)"  # 3: the attributes
    r"(?:(/)\]"  # 4: self-closing [name /]
    r"|\](?:([^\[]*+(?:\[(?!/\2\])[^\[]*+)*+)\[/\2\])?)"  # 5: what an enclosing one holds
    r"(\]?)"  # 6: the escape's closing ]
)
_ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)"""
    r"""|"([^"]*)"(?:\s|$)"""
    r"""|'([^']*)'(?:\s|$)"""
    r"""|(\S+)(?:\s|$)"""
)
_SPACES = re.compile("[\u00a0\u200b]+")
# Names WordPress and its common plugins use bare, with nothing else to tell them by.
KNOWN_BARE = {
    "audio",
    "caption",
    "contact-form",
    "embed",
    "gallery",
    "playlist",
    "toc",
    "video",
    "vimeo",
    "youtube",
}


@dataclass
class Shortcode:
    name: str
    attributes: dict[str, str] = field(default_factory=dict)
    positional: list[str] = field(default_factory=list)
    content: str | None = None  # None for a shortcode that encloses nothing
    raw: str = ""

    def get(self, key: str, default: str = "") -> str:
        return self.attributes.get(key, default)


def parse_attributes(text: str) -> tuple[dict[str, str], list[str]]:
    """Named attributes (keys lower-cased) and positional ones, as WordPress reads them."""
    named: dict[str, str] = {}
    positional: list[str] = []
    for match in _ATTRIBUTE.finditer(_SPACES.sub(" ", text)):
        groups = match.groups()
        for key, value in (groups[0:2], groups[2:4], groups[4:6]):
            if key is not None:
                named[key.lower()] = value
                break
        else:
            positional.append(next(g for g in groups[6:] if g is not None))
    return named, positional


def looks_like_shortcode(code: Shortcode) -> bool:
    """A plugin's shortcode, not a writer's bracketed words ("[sic]", "[simple boat]"): it
    has named attributes, encloses something, has a hyphen or underscore in its name, or is
    one WordPress sites use bare."""
    return bool(
        code.attributes
        or code.content is not None
        or "-" in code.name
        or "_" in code.name
        or code.name.lower() in KNOWN_BARE
    )


def replace_shortcodes(text: str, replace: Callable[[Shortcode], str]) -> str:
    """The text with each shortcode replaced by what `replace` returns for it; an escaped
    one ([[name]]) becomes its literal text, and bracketed words are left as they are."""

    def one(match: re.Match) -> str:
        if match.group(1) == "[" and match.group(6) == "]":
            return match.group(0)[1:-1]
        named, positional = parse_attributes(match.group(3))
        code = Shortcode(
            name=match.group(2).lower(),
            attributes=named,
            positional=positional,
            content=match.group(5),
            raw=match.group(0),
        )
        if not looks_like_shortcode(code):
            return match.group(0)
        return match.group(1) + replace(code) + match.group(6)

    return _SHORTCODE.sub(one, text)
