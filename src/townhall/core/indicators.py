"""Indicators on any page: a block naming a dataset, drawn by whichever app keeps datasets.

The block stores the dataset's slug, not a foreign key, so core's page types do not depend on
the datasets app; the app registers how to list its datasets and how to draw one.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


@dataclass
class _Registry:
    choices: Callable[[], list[tuple[str, str]]] | None = None
    render: Callable[[str, str, str], SafeString] | None = None


_registry = _Registry()
SHOW_CHOICES = [
    ("chart", _("The chart")),
    ("map", _("The map of the latest figures")),
    ("both", _("The chart and the map")),
]


def register(
    choices: Callable[[], list[tuple[str, str]]], render: Callable[[str, str, str], SafeString]
):
    """`choices` lists (slug, title); `render(slug, heading, show)` draws it ("chart",
    "map" or "both"), or "" if it is gone."""
    _registry.choices, _registry.render = choices, render


def _choices() -> list[tuple[str, str]]:
    return _registry.choices() if _registry.choices else []


class IndicatorBlock(blocks.StructBlock):
    dataset = blocks.ChoiceBlock(choices=_choices, help_text=_("A published dataset"))
    heading = blocks.CharBlock(
        required=False, help_text=_("Above the figure; the dataset's title if empty")
    )
    show = blocks.ChoiceBlock(
        choices=SHOW_CHOICES,
        default="chart",
        required=False,
        help_text=_(
            "A map needs figures by ward or with a point's position; the chart is "
            "shown where there is no map"
        ),
    )

    class Meta:
        icon = "table"
        label = _("Indicator: a dataset's latest figure, chart and table")

    def render(self, value, context=None) -> SafeString:
        if _registry.render is None:
            return mark_safe("")
        return _registry.render(value["dataset"], value["heading"], value.get("show") or "chart")


def indicator_blocks() -> list[tuple[str, blocks.Block]]:
    return [("indicator", IndicatorBlock())]
