"""Run `mkdocs serve` on a copy of the project (tests.sitebuild.copy_project), for tests that edit files live."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

TIMEOUT = 120  # seconds for one build to show; a full build takes about ten on two cores


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check: Callable[[], object], timeout: float, what: str, output: Callable[[], str]) -> object:
    """Poll `check` every half second until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.5)
    raise AssertionError(f"gave up after {timeout:.0f} s waiting for {what}; the server printed:\n{output()}")


class MkDocsServer:
    """`python -m mkdocs serve` on a free loopback port, its terminal output captured in a file."""

    def __init__(self, project: Path, log: Path, config: str = "mkdocs.yml") -> None:
        self.project = project
        self.log = log
        self.port = free_port()
        self.base_url = ""
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1"}
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                # As `make serve` runs it: rebuilds render only the pages whose inputs changed.
                [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", config, "-a", f"127.0.0.1:{self.port}"],
                cwd=project, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            )

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def start(self, timeout: float) -> None:
        """Wait until the first build is served; the address includes site_url's path (/explainer/)."""

        def serving() -> str | None:
            if self.process.poll() is not None:
                raise AssertionError(f"mkdocs serve exited with {self.process.returncode}:\n{self.output()}")
            match = re.search(r"Serving on (http://\S+)", self.output())
            return match and match.group(1)

        self.base_url = str(wait_for(serving, timeout, "mkdocs serve to start", self.output)).rstrip("/") + "/"
        wait_for(lambda: self.get("")[0] == 200, timeout, "the home page", self.output)

    def get(self, path: str, timeout: float = 10) -> tuple[int, str]:
        """(status, body) of a page under the site's address; status 0 if nothing answered in time."""
        try:
            with urllib.request.urlopen(self.base_url + path, timeout=timeout) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")
        except OSError:
            return 0, ""

    def status(self, path: str) -> int:
        """The status of a request for `path` (from the server's root), redirects not followed."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", path)
            return connection.getresponse().status
        finally:
            connection.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def with_summary(lines: list[str], entry: str, summary: str) -> list[str]:
    """`lines` with the summary of `entry` replaced, however many lines the old one took."""
    start = next(i for i, line in enumerate(lines) if re.match(rf"\s*- id:\s*{re.escape(entry)}\s*$", line))
    key = next(i for i in range(start, len(lines)) if re.match(r"\s+summary:", lines[i]))
    indent = len(lines[key]) - len(lines[key].lstrip())
    end = key + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    while not lines[end - 1].strip():  # keep the blank lines between entries
        end -= 1
    return [*lines[:key], " " * indent + f'summary: "{summary}"\n', *lines[end:]]
