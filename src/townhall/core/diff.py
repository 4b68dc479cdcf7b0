"""Readable differences between two versions of a rich-text document.

The text is split into blocks (paragraphs, list items, headings); blocks that changed are
compared word by word. The result marks additions and removals with <ins> and <del> and with
words ("added", "removed") for screen readers and printouts, never by colour alone.
"""

import difflib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

BLOCK_TAGS = {"p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th"}
WORD = re.compile(r"\w+|[^\w\s]+|\s+")  # words, punctuation and spaces, each a token


class _BlockText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in BLOCK_TAGS or tag == "br":
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        self._current.append(data)


def text_blocks(html: str) -> list[str]:
    """The readable text of an HTML fragment, one string per block."""
    parser = _BlockText()
    parser.feed(html)
    parser.close()
    parser._flush()
    return parser.blocks


@dataclass
class DiffBlock:
    """One block of the comparison: unchanged, added, removed, or changed word by word."""

    status: str  # "same", "added", "removed" or "changed"
    segments: list[tuple[str, str]] = field(default_factory=list)  # (op, text): op is =, + or -

    @property
    def text(self) -> str:
        return "".join(text for op, text in self.segments if op != "-")


def _word_diff(old: str, new: str) -> list[tuple[str, str]]:
    old_words, new_words = WORD.findall(old), WORD.findall(new)
    segments: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(("=", "".join(old_words[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            segments.append(("-", "".join(old_words[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(("+", "".join(new_words[j1:j2])))
    return segments


def compare_html(old_html: str, new_html: str) -> list[DiffBlock]:
    """Compare two HTML fragments block by block, and changed blocks word by word."""
    return compare_blocks(text_blocks(old_html), text_blocks(new_html))


def compare_lines(old_text: str, new_text: str) -> list[DiffBlock]:
    """Compare two plain texts line by line (a register's entries), and changed lines word
    by word."""
    return compare_blocks(_lines(old_text), _lines(new_text))


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def compare_blocks(old_blocks: list[str], new_blocks: list[str]) -> list[DiffBlock]:
    result: list[DiffBlock] = []
    matcher = difflib.SequenceMatcher(a=old_blocks, b=new_blocks, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            result.extend(DiffBlock("same", [("=", text)]) for text in old_blocks[i1:i2])
        elif tag == "delete":
            result.extend(DiffBlock("removed", [("-", text)]) for text in old_blocks[i1:i2])
        elif tag == "insert":
            result.extend(DiffBlock("added", [("+", text)]) for text in new_blocks[j1:j2])
        else:
            result.extend(_pair_changed_blocks(old_blocks[i1:i2], new_blocks[j1:j2]))
    return result


def _pair_changed_blocks(old: list[str], new: list[str]) -> list[DiffBlock]:
    """Pair replaced blocks in order: a similar pair is shown as a change word by word; runs
    of dissimilar blocks are shown as all their removals, then all their additions."""
    blocks: list[DiffBlock] = []
    removed: list[DiffBlock] = []
    added: list[DiffBlock] = []
    for index in range(max(len(old), len(new))):
        before = old[index] if index < len(old) else None
        after = new[index] if index < len(new) else None
        if before is not None and after is not None and _similar(before, after):
            blocks += removed + added + [DiffBlock("changed", _word_diff(before, after))]
            removed, added = [], []
            continue
        if before is not None:
            removed.append(DiffBlock("removed", [("-", before)]))
        if after is not None:
            added.append(DiffBlock("added", [("+", after)]))
    return blocks + removed + added


def _similar(before: str, after: str) -> bool:
    return difflib.SequenceMatcher(a=before.split(), b=after.split()).ratio() >= 0.4


def count_changes(blocks: list[DiffBlock]) -> tuple[int, int]:
    """How many words were added and removed in all."""
    added = sum(len(t.split()) for b in blocks for op, t in b.segments if op == "+")
    removed = sum(len(t.split()) for b in blocks for op, t in b.segments if op == "-")
    return added, removed
