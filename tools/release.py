"""Makes a release: `make release VERSION=0.16.0` (docs/upgrading.md, "Making a release").

Raises the version declared in src/townhall/version.py and turns CHANGELOG.md's Unreleased
section into the new release's, under a new empty Unreleased section. It runs no git: it prints
the commit to make (and the tag, which is optional, since the version is in the tree). Only the
standard library, so any python3 runs it, with or without the project's virtualenv."""

import argparse
import datetime
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERSION_FILE = Path("src/townhall/version.py")
CHANGELOG = Path("CHANGELOG.md")
UNRELEASED = "## [Unreleased]"
# A plain assignment, so pyproject.toml's `attr` reads it without importing Townhall.
ASSIGNMENT = re.compile(r'^__version__ = "(?P<version>[^"]*)"$', re.MULTILINE)
RELEASE_HEADING = re.compile(
    r"^## \[(?P<version>\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", re.MULTILINE
)
NUMBER = re.compile(r"\d+\.\d+\.\d+")


class Refused(Exception):
    """A release that must not be made; the message says why, and nothing was written."""


def release_number(text: str) -> tuple[int, int, int]:
    if not NUMBER.fullmatch(text):
        raise Refused(f"{text!r} is not a release number: give MAJOR.MINOR.PATCH, such as 0.16.0")
    major, minor, patch = (int(part) for part in text.split("."))
    return major, minor, patch


def declared_version(source: str) -> str:
    found = ASSIGNMENT.findall(source)
    if len(found) != 1:
        raise Refused(f'{VERSION_FILE} must hold one line `__version__ = "X.Y.Z"`')
    return found[0]


def newest_release(changelog: str) -> str | None:
    """The version of the first (newest) release heading, `## [0.15.0] - 2026-12-08`."""
    heading = RELEASE_HEADING.search(changelog)
    return heading["version"] if heading else None


def unreleased_notes(changelog: str) -> list[str]:
    """The lines of the Unreleased section that say something (not blank, not a heading)."""
    lines = changelog.splitlines()
    if lines.count(UNRELEASED) != 1:
        raise Refused(f"{CHANGELOG} must have one `{UNRELEASED}` heading")
    section = []
    for line in lines[lines.index(UNRELEASED) + 1 :]:
        if line.startswith("## "):
            break
        section.append(line)
    return [line for line in section if line.strip() and not line.startswith("#")]


def release(root: Path, version: str, today: datetime.date) -> None:
    """Writes the release into the tree at `root`, or raises Refused having written nothing."""
    source = (root / VERSION_FILE).read_text(encoding="utf-8")
    changelog = (root / CHANGELOG).read_text(encoding="utf-8")
    current = declared_version(source)
    if release_number(version) <= release_number(current):
        raise Refused(f"{version} is not above the current version, {current}")
    if newest_release(changelog) != current:
        raise Refused(
            f"{CHANGELOG}'s newest release is {newest_release(changelog)}, but {VERSION_FILE}"
            f" says {current}: make them agree first"
        )
    if not unreleased_notes(changelog):
        raise Refused(
            f"{CHANGELOG}'s Unreleased section is empty: write what changed in {version}, and"
            " what an operator must do, first"
        )
    (root / VERSION_FILE).write_text(
        ASSIGNMENT.sub(f'__version__ = "{version}"', source), encoding="utf-8"
    )
    (root / CHANGELOG).write_text(
        changelog.replace(
            f"{UNRELEASED}\n", f"{UNRELEASED}\n\n## [{version}] - {today.isoformat()}\n", 1
        ),
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make release VERSION=X.Y.Z", description=__doc__)
    parser.add_argument("version", help="the new release's number, MAJOR.MINOR.PATCH")
    parser.add_argument("--root", type=Path, default=ROOT, help="the tree (default: this one)")
    args = parser.parse_args(argv)
    try:
        release(args.root, args.version, datetime.date.today())
    except Refused as refusal:
        print(f"No release made: {refusal}", file=sys.stderr)
        return 1
    print(
        f"Townhall {args.version}: {VERSION_FILE} and {CHANGELOG} are written. Read the new"
        " section over, then commit the release (the tag is optional):\n"
        f'  git commit -m "Release {args.version}" -- {VERSION_FILE} {CHANGELOG}\n'
        f'  git tag -a v{args.version} -m "Townhall {args.version}"'
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
