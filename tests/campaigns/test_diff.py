from townhall.core.diff import compare_html, count_changes, text_blocks


def test_text_blocks_split_paragraphs_and_list_items_and_drop_markup():
    html = "<p>First <b>bold</b> line.</p><ul><li>One</li><li>Two &amp; three</li></ul>"
    assert text_blocks(html) == ["First bold line.", "One", "Two & three"]


def test_identical_texts_have_no_changes():
    blocks = compare_html("<p>Same words.</p>", "<p>Same words.</p>")
    assert [b.status for b in blocks] == ["same"]
    assert count_changes(blocks) == (0, 0)


def test_changed_paragraph_is_compared_word_by_word():
    blocks = compare_html(
        "<p>We oppose cuts to public services.</p>",
        "<p>We oppose all cuts to public services in Barnet.</p>",
    )
    assert [b.status for b in blocks] == ["changed"]
    assert [text for op, text in blocks[0].segments if op == "+"] == [" all", " in Barnet"]
    assert [text for op, text in blocks[0].segments if op == "-"] == []
    assert blocks[0].text == "We oppose all cuts to public services in Barnet."


def test_added_and_removed_paragraphs_are_whole_blocks():
    blocks = compare_html(
        "<p>Keep.</p><p>Drop this entirely different sentence.</p>",
        "<p>Keep.</p><p>Another point about libraries.</p><p>New final point.</p>",
    )
    statuses = [b.status for b in blocks]
    assert statuses[0] == "same"
    assert "removed" in statuses and statuses.count("added") == 2
    # Removals of a rewritten run come before its additions, so the text reads in order.
    assert statuses.index("removed") < statuses.index("added")


def test_markup_in_versions_is_never_passed_through():
    blocks = compare_html("<p>Hello</p>", "<p>Hello <script>alert(1)</script>there</p>")
    assert all("<script>" not in text for b in blocks for _, text in b.segments)
