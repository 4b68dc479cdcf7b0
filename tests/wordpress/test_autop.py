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


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        ("<script>a\nb</script>", "<p><script>a\nb</script></p>\n"),
        ("x <svg>a\nb</svg> y\nz", "<p>x <svg>a\nb</svg> y<br />\nz</p>\n"),
        (
            "<svg x>\n<svg y>\n<script>a\nb</script>",
            "<p><svg x><br />\n<svg y><br />\n<script>a\nb</script></p>\n",
        ),
        ("<style>a\nb</style>", "<style>a\nb</style>\n"),
    ],
    ids=["script", "svg-inline", "unclosed-then-closed", "style"],
)
def test_newlines_inside_script_style_and_svg_are_kept(text, paragraphs):
    assert autop(text) == paragraphs


def test_many_unclosed_svg_elements_are_read_once_each():
    """Each unclosed <svg> was once searched to the end of the post for its </svg>, so a post
    of 50,000 of them took minutes; each is now passed once, and the post reads as lines."""
    text = "<svg x>\n" * 50_000 + "<script>kept\nnewline</script>"
    lines = autop(text).split("\n")
    assert len(lines) == 50_003
    assert lines[0] == "<p><svg x><br />"
    assert all(line == "<svg x><br />" for line in lines[1:50_000])
    assert lines[50_000:] == ["<script>kept", "newline</script></p>", ""]
