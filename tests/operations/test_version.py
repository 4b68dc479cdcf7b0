"""The version is declared in src/townhall/version.py and raised by `make release`
(tools/release.py), which dates CHANGELOG.md's Unreleased section at the same time: a build
takes the number from the file, so each release's wheel upgrades the one before it."""

import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import townhall
from tools.release import ASSIGNMENT, newest_release
from townhall.cli import main

TREE = Path(__file__).resolve().parents[2]
RELEASE = TREE / "tools" / "release.py"
# What a build and a release need of the tree.
FILES = ["pyproject.toml", "README.md", "CHANGELOG.md", "src/townhall/__init__.py"]
FILES += ["src/townhall/version.py"]
CHANGELOG = """# Changelog

## [Unreleased]
{notes}
## [0.15.0] - 2026-12-08

### Added
- Welsh.
"""


def version_file(version: str) -> str:
    """The tree's src/townhall/version.py as it reads at this version."""
    source = (TREE / "src/townhall/version.py").read_text()
    return ASSIGNMENT.sub(f'__version__ = "{version}"', source)


def run_release(tree: Path, version: str) -> subprocess.CompletedProcess:
    command = [sys.executable, str(RELEASE), "--root", str(tree), version]
    return subprocess.run(command, capture_output=True, text=True)


def built_version(tree: Path, out: Path) -> str:
    """The version a wheel built from this tree gets, asked of setuptools as pip asks it."""
    ask = "import sys; from setuptools import build_meta; "
    ask += "print(build_meta.prepare_metadata_for_build_wheel(sys.argv[1]))"
    out.mkdir()
    answer = subprocess.run(
        [sys.executable, "-c", ask, str(out)], cwd=tree, check=True, capture_output=True, text=True
    )
    metadata = (out / answer.stdout.splitlines()[-1] / "METADATA").read_text()
    return next(line for line in metadata.splitlines() if line.startswith("Version: "))[9:]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the tree's release files, with a changelog that has something unreleased."""
    copy = tmp_path / "tree"
    for name in FILES:
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(TREE / name, copy / name)
    (copy / "src/townhall/version.py").write_text(version_file("0.15.0"))
    (copy / "CHANGELOG.md").write_text(CHANGELOG.format(notes="\n### Fixed\n- Restore.\n"))
    return copy


def test_the_version_is_the_newest_release_in_the_changelog():
    assert townhall.__version__ == newest_release((TREE / "CHANGELOG.md").read_text())


def test_a_release_raises_the_version_and_dates_the_unreleased_section(tree):
    before = datetime.date.today()
    done = run_release(tree, "0.16.0")
    after = datetime.date.today()
    assert done.returncode == 0, done.stderr
    assert (tree / "src/townhall/version.py").read_text() == version_file("0.16.0")
    changelog = (tree / "CHANGELOG.md").read_text()
    assert changelog in {
        CHANGELOG.format(notes=f"\n## [0.16.0] - {day}\n\n### Fixed\n- Restore.\n")
        for day in (before, after)
    }
    assert 'git commit -m "Release 0.16.0" -- src/townhall/version.py CHANGELOG.md' in done.stdout
    assert "git tag -a v0.16.0" in done.stdout
    # The next release starts from an empty Unreleased section, so it is refused until written.
    assert run_release(tree, "0.17.0").returncode == 1


@pytest.mark.parametrize("version", ["0.15.0", "0.14.9", "0.9.0", "0.16", "v0.16.0", ""])
def test_a_version_not_above_the_current_one_is_refused(tree, version):
    done = run_release(tree, version)
    assert done.returncode == 1
    assert done.stderr.startswith("No release made: ")
    assert (tree / "src/townhall/version.py").read_text() == version_file("0.15.0")
    assert "## [0.16.0]" not in (tree / "CHANGELOG.md").read_text()


def test_a_release_with_nothing_in_its_unreleased_section_is_refused(tree):
    empty = CHANGELOG.format(notes="\n### Added\n\n")
    (tree / "CHANGELOG.md").write_text(empty)
    done = run_release(tree, "0.16.0")
    assert done.returncode == 1
    assert "Unreleased section is empty" in done.stderr
    assert (tree / "CHANGELOG.md").read_text() == empty
    assert (tree / "src/townhall/version.py").read_text() == version_file("0.15.0")


def test_a_build_takes_the_declared_version_before_and_after_a_release(tree, tmp_path):
    assert built_version(tree, tmp_path / "before") == "0.15.0"
    assert run_release(tree, "0.16.0").returncode == 0
    assert built_version(tree, tmp_path / "after") == "0.16.0"


def test_the_command_says_the_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"townhall {townhall.__version__}\n"


@pytest.mark.django_db
def test_readiness_and_metrics_say_the_running_version(client, settings):
    assert client.get("/readyz").json()["version"] == townhall.__version__
    settings.TOWNHALL_METRICS_TOKEN = "s3cret-token"
    metrics = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token").content.decode()
    assert f'townhall_info{{version="{townhall.__version__}"}} 1.0' in metrics
