"""Comment HTML: WordPress's allowed tags, and nothing that can run."""

import pytest

from townhall.core.sanitise import clean_comment


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("<b>bold</b> <i>i</i> <code>x</code>", "<p><b>bold</b> <i>i</i> <code>x</code></p>"),
        (
            '<a href="https://a.example" title="t">a</a>',
            '<p><a href="https://a.example" title="t" rel="nofollow ugc">a</a></p>',
        ),
        ('<a href="javascript:alert(1)">x</a>', '<p><a rel="nofollow ugc">x</a></p>'),
        (
            '<blockquote cite="javascript:alert(1)">q</blockquote>',
            "<p><blockquote>q</blockquote></p>",
        ),
        ('<q cite="https://ok.example">q</q>', '<p><q cite="https://ok.example">q</q></p>'),
        ("<script>alert(1)</script>", ""),
        ("<img src=x onerror=alert(1)>hi", "<p>hi</p>"),
        ("<div><p>para</p></div>", "<p>para</p>"),
        ("one\n\ntwo\nthree", "<p>one</p><p>two<br>three</p>"),
        ("5 < 6 & 7 > 2", "<p>5 &lt; 6 &amp; 7 &gt; 2</p>"),
    ],
)
def test_comment_html_is_cleaned(written, stored):
    assert clean_comment(written) == stored
