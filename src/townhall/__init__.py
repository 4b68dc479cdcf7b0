"""Townhall: where a borough's residents, campaign groups and council meet online."""

from townhall.version import __version__

__all__ = ["__version__"]
