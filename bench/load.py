"""Load from a second process with wrk, and its figures read back."""

import re
import shutil
import subprocess
from pathlib import Path

SCRIPTS = Path(__file__).parent / "wrk"
ERROR_LINES = ("Non-2xx", "Socket errors")


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk_path() -> str | None:
    return shutil.which("wrk")


def wrk(
    url: str,
    seconds: float,
    connections: int,
    *,
    threads: int = 2,
    script: str = "",
    script_args: tuple = (),
) -> dict:
    """Run wrk against url: requests/s, p50 and p99 in ms, requests, and whether any failed."""
    command = [wrk_path(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", str(SCRIPTS / script)]
    command += [url]
    if script_args:
        command += ["--", *map(str, script_args)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse(output)


def parse(output: str) -> dict:
    return {
        "tool": "wrk",
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50": _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        "p99": _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        "errors": "; ".join(
            line.strip() for line in output.splitlines() if line.strip().startswith(ERROR_LINES)
        ),
    }


def start_wrk(url: str, seconds: float, connections: int) -> subprocess.Popen:
    """wrk in the background (read its figures with parse(process.communicate()[0]))."""
    return subprocess.Popen(
        [wrk_path(), "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        stdout=subprocess.PIPE,
        text=True,
    )
