"""The version of Townhall: declared here and raised by `make release` (docs/upgrading.md).

Townhall reaches its sites as commits, without git tags, so the version is written in the tree:
the wheel takes it from this line (pyproject.toml reads it without importing anything), and
CHANGELOG.md's newest release heading names the same number (a test holds them together)."""

__version__ = "0.15.0"


def running_version() -> str:
    # The code this process loaded: after `pip install` of a new release, a process that has
    # not restarted still says the old version, which is what /readyz should tell.
    return __version__
