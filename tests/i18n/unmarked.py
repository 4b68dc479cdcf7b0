"""Finds text in templates that a person would read but that is not marked for translation.

Run on folders or files: `python -m tests.i18n.unmarked src/townhall/petitions`. Prints one
line per finding (`path:line: text`) and exits 1 if there is any. The test in this folder runs
it over the whole package, so a new unmarked sentence fails `make test`.

What counts as readable: HTML text nodes and the attributes people read or hear (alt, title,
aria-label, placeholder, the value of a button), and every line of a plain-text email. Text in
`{% translate %}`, `{% blocktranslate %}`, `{% comment %}`, `<script>`, `<style>` and `<code>`
does not count; nor does text with no letters (punctuation, figures, symbols) or only
format names in capitals (CSV, JSON).
"""

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

# Stands in for a template tag or variable: not a letter, so it never counts as text.
HOLE = "\ue000"
LETTERS = re.compile(r"[^\W\d_]{2,}")
ACRONYM = re.compile(r"[A-Z]{2,5}")
READ_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description"}
SKIPPED_ELEMENTS = {"script", "style", "code", "pre"}
OPENERS = {"blocktranslate", "blocktrans", "comment"}
CLOSERS = {"endblocktranslate", "endblocktrans", "endcomment"}


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text}"


def skeleton(source: str) -> str:
    """The template with every tag and variable replaced by a hole, newlines kept."""
    parts: list[str] = []
    depth = 0
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.TEXT:
            parts.append(HOLE if depth else token.contents)
            if depth:
                parts.append("\n" * token.contents.count("\n"))
            continue
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split(maxsplit=1)[0] if token.contents else ""
            if name in OPENERS:
                depth += 1
            elif name in CLOSERS:
                depth = max(0, depth - 1)
        parts.append(HOLE + "\n" * token.contents.count("\n"))
    return "".join(parts)


def _readable(text: str) -> str | None:
    text = " ".join(text.replace(HOLE, " ").split())
    words = LETTERS.findall(text)
    # Format names (CSV, JSON, PDF) read the same in every language.
    if not words or all(ACRONYM.fullmatch(word) for word in words):
        return None
    return text


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_ELEMENTS:
            self.skipping.append(tag)
        named = dict(attrs)
        read = set(READ_ATTRIBUTES)
        if tag == "input" and named.get("type") in {"submit", "button", "reset"}:
            read.add("value")
        for name, value in attrs:
            if name in read and value and (text := _readable(value)):
                self.found.append((self.getpos()[0], f'{name}="{text}"'))

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping and (text := _readable(data)):
            self.found.append((self.getpos()[0], text))


def findings_in(path: Path) -> Iterator[Finding]:
    shape = skeleton(path.read_text(encoding="utf-8"))
    if path.suffix == ".txt":
        for number, line in enumerate(shape.splitlines(), start=1):
            if text := _readable(line):
                yield Finding(path, number, text)
        return
    reader = _Reader()
    reader.feed(shape)
    reader.close()
    for line, text in reader.found:
        yield Finding(path, line, text)


def templates_under(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
        return
    for path in sorted(root.rglob("*")):
        if path.suffix in {".html", ".txt"} and "templates" in path.parts:
            yield path


def main(arguments: list[str]) -> int:
    findings = [
        finding
        for root in arguments or ["src/townhall"]
        for path in templates_under(Path(root))
        for finding in findings_in(path)
    ]
    for finding in findings:
        print(finding)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
