"""Paragraphs as WordPress's wpautop makes them (the expected outputs are WordPress's own)."""

import pytest

from townhall.wordpress.autop import autop


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        ("One.\n\nTwo.", "<p>One.</p>\n<p>Two.</p>\n"),
        ("Line one\nline two", "<p>Line one<br />\nline two</p>\n"),
        ("Before\n<p>Block</p>\nAfter", "<p>Before</p>\n<p>Block</p>\n<p>After</p>\n"),
        ("<ul>\n<li>a</li>\n<li>b</li>\n</ul>", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"),
        (
            "<blockquote>Said\n\nagain</blockquote>",
            "<blockquote><p>Said</p>\n<p>again</p></blockquote>\n",
        ),
        ("<pre>keep\n\nthis</pre>", "<pre>keep\n\nthis</pre>\n"),
        ("<h2>Title</h2>\nText", "<h2>Title</h2>\n<p>Text</p>\n"),
        ("a<br><br>b", "<p>a</p>\n<p>b</p>\n"),
        ('<a href="x"\ntitle="y">link</a>', '<p><a href="x"\ntitle="y">link</a></p>\n'),
        ("Windows\r\n\r\nlines", "<p>Windows</p>\n<p>lines</p>\n"),
        ("   \n ", ""),
    ],
    ids=[
        "blank-line",
        "newline",
        "beside-a-p",
        "list",
        "blockquote",
        "pre",
        "heading",
        "double-br",
        "newline-in-a-tag",
        "crlf",
        "nothing",
    ],
)
def test_paragraphs_and_line_breaks(text, paragraphs):
    assert autop(text) == paragraphs
