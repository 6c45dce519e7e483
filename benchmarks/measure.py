"""One `mkdocs build --strict` in a subprocess: its wall time and its peak memory (ru_maxrss from os.wait4)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO


@dataclass(frozen=True)
class Build:
    seconds: float  # wall time
    cpu_seconds: float  # user + system: what the build itself used, whatever else the machine was doing
    peak_mb: float


class BuildFailed(RuntimeError):
    """A benchmark build that did not succeed; the message holds MkDocs' output."""


def environment() -> dict[str, str]:
    return os.environ | {"NO_MKDOCS_2_WARNING": "1"}


def mkdocs_command(config: Path, command: str, *args: str) -> list[str]:
    """`python -m mkdocs COMMAND -f CONFIG ARGS`, with the interpreter that runs the benchmark."""
    return [sys.executable, "-m", "mkdocs", command, "-f", str(config), *args]


def timed_build(config: Path) -> Build:
    """Build the project into a fresh temporary folder (a fresh process starts as a clean clone's build does);
    raise BuildFailed with MkDocs' output if it fails."""
    with tempfile.TemporaryDirectory(prefix="bench-site-") as site_dir, tempfile.TemporaryFile("w+") as log:
        command = mkdocs_command(config, "build", "--strict", "-q", "-d", site_dir)
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment())
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here; Popen must not wait again
        if process.returncode:
            raise BuildFailed(f"{' '.join(command)} failed ({process.returncode}):\n{read(log)}")
    # Linux reports ru_maxrss in KiB.
    return Build(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def read(log: IO[str], limit: int = 4000) -> str:
    log.flush()
    log.seek(0)
    text = log.read()
    return text if len(text) <= limit else "…" + text[-limit:]
