"""Every string the WordPress import shows a person goes through the translation catalogue."""

import pytest
from django.utils.translation import trans_real

from townhall.wordpress.management.commands.import_wordpress import Command, _counts
from townhall.wordpress.wxr import WxrItem


class Marking:
    """A catalogue that marks each string it translates, to see which ones reach it."""

    def gettext(self, message: str) -> str:
        return f"«{message}»"

    def ngettext(self, singular: str, plural: str, number: int) -> str:
        return f"«{singular if number == 1 else plural}»"

    def pgettext(self, context: str, message: str) -> str:
        return f"«{message}»"

    def to_language(self) -> str:
        return "xx"


@pytest.fixture
def marking(monkeypatch):
    monkeypatch.setattr(trans_real._active, "value", Marking(), raising=False)


def test_the_commands_help_is_translatable(marking):
    parser = Command().create_parser("townhall", "import_wordpress")
    shown = parser.format_help()
    assert "«Import a WordPress export" in shown
    assert "«the WXR file WordPress exported»" in shown
    assert "«the organisation's slug»" in shown


def test_an_items_label_and_the_counts_are_translatable(marking):
    item = WxrItem(1, "post", "publish", "Hello", "", "", "", None, "", "", "", True)
    assert item.label.startswith("«") and "Hello" in item.label
    from collections import Counter

    assert _counts(Counter(post=2)).startswith("«")
