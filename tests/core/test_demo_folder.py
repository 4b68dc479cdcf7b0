"""Commands run in the demo's data folder (`townhall import-wordpress ...` after `make run`)
run against the demo without being told (issue 16); anywhere else, a missing SECRET_KEY
is an error that says what to do."""

import os
import subprocess
import sys


def _townhall(data_dir, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "TOWNHALL_DEMO")}
    env.update(TOWNHALL_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="townhall.settings")
    return subprocess.run(
        [sys.executable, "-m", "townhall.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_command_in_the_demos_folder_runs_as_the_demo(tmp_path):
    (tmp_path / "demo").touch()  # what `townhall demo` leaves there
    done = _townhall(tmp_path, "check")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "secret_key").exists()


def test_elsewhere_a_missing_secret_key_says_what_to_do(tmp_path):
    done = _townhall(tmp_path, "check")
    assert done.returncode != 0
    assert "Set SECRET_KEY" in done.stderr and "run it from the folder where you ran" in done.stderr
    assert not (tmp_path / "demo").exists()
