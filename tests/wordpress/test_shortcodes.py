"""Reading shortcodes as WordPress does, and telling them from a writer's own brackets."""

from townhall.wordpress.shortcodes import parse_attributes, replace_shortcodes


def shown(text: str) -> str:
    return replace_shortcodes(
        text, lambda c: f"<{c.name}|{sorted(c.attributes.items())}|{c.positional}|{c.content}>"
    )


def test_attributes_in_every_quoting_wordpress_accepts():
    named, positional = parse_attributes(' ids="1,2" Columns=\'3\' size=large "quoted" bare')
    assert named == {"ids": "1,2", "columns": "3", "size": "large"}
    assert positional == ["quoted", "bare"]


def test_self_closing_enclosing_and_escaped():
    assert shown('[gallery ids="1"]') == "<gallery|[('ids', '1')]|[]|None>"
    assert shown('[video src="a.mp4" /]') == "<video|[('src', 'a.mp4')]|[]|None>"
    assert shown("[caption]<img> Words[/caption]") == "<caption|[]|[]|<img> Words>"
    assert shown("[[gallery]]") == "[gallery]"


def test_a_writers_brackets_are_left_alone():
    text = "As he said [sic], see note [1] and [simple boat] and [Editor's note]."
    assert shown(text) == text


def test_plugin_shortcodes_are_found_bare_or_with_attributes():
    assert shown("[contact-form-7 id=5]") == "<contact-form-7|[('id', '5')]|[]|None>"
    assert shown("[toc]") == "<toc|[]|[]|None>"
    assert shown("[youtube https://youtu.be/x]") == "<youtube|[]|['https://youtu.be/x']|None>"


def test_an_unclosed_enclosing_shortcode_does_not_swallow_the_text():
    assert shown("[su_box title=x]Words") == "<su_box|[('title', 'x')]|[]|None>Words"
