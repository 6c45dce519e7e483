"""The editor's loop: `mkdocs serve`, change one entity's summary in its YAML file, wait for the page to show it.

The time runs from the moment the file is written until the changed page is served with the new text:
file watching, the whole rebuild and serving. The server holds requests while it rebuilds, so the first
response that carries the marker comes right after the rebuild has finished. The same loop on the baseline
(the person's static page edited instead) shows what `mkdocs serve` costs without the hooks.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from benchmarks.generate import data_file, write_data_file
from benchmarks.measure import BuildFailed, environment, mkdocs_command, read
from benchmarks.project import Project
from explainer.model import KIND_BY_KEY

EDITED_KIND = "people"
POLL_SECONDS = 0.05


@dataclass(frozen=True)
class Edit:
    seconds: float  # wall time, from writing the file until the page is served with the change
    cpu_seconds: float  # what the server used meanwhile (user + system, all its threads)


@dataclass(frozen=True)
class Rebuild:
    first_serve_seconds: float
    edits: list[Edit]

    @property
    def edit_seconds(self) -> list[float]:
        return [edit.seconds for edit in self.edits]

    @property
    def edit_cpu_seconds(self) -> list[float]:
        return [edit.cpu_seconds for edit in self.edits]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# An edit: write a unique marker into the project; the path of the page that must then show it.
Editor = Callable[[str], str]


def edited_entry(explainer: Project) -> dict:
    """The person both loops edit: the first in the explainer's generated data/people.yml."""
    assert explainer.generated is not None, "the explainer project knows its generated data"
    return explainer.generated.files[data_file(EDITED_KIND)][EDITED_KIND][0]


def page_path(entity_id: str) -> str:
    return f"{KIND_BY_KEY[EDITED_KIND].folder}/{entity_id}/"


def data_edit(project: Project) -> Editor:
    """The explainer: give the first person a new summary in data/people.yml."""
    assert project.generated is not None, "the explainer project knows its generated data"
    generated, name, entry = project.generated, data_file(EDITED_KIND), edited_entry(project)

    def edit(marker: str) -> str:
        entry["summary"] = f"Edited by the rebuild benchmark: {marker}."
        write_data_file(generated.data_dir, name, generated.files[name])
        return page_path(entry["id"])

    return edit


def page_edit(baseline: Project, explainer: Project) -> Editor:
    """The baseline: add the marker to the same person's static page."""
    entity_id = edited_entry(explainer)["id"]
    page = baseline.docs / KIND_BY_KEY[EDITED_KIND].folder / f"{entity_id}.md"
    original = page.read_text(encoding="utf-8")

    def edit(marker: str) -> str:
        page.write_text(f"{original}\nEdited by the rebuild benchmark: {marker}.\n", encoding="utf-8")
        return page_path(entity_id)

    return edit


def measure_rebuild(project: Project, edit: Editor, edits: int = 3, timeout: float = 900,
                    serve_options: tuple[str, ...] = ()) -> Rebuild:
    """Serve the project (with `serve_options`, such as --dirty), then make `edits` edits, timing each until its page
    is served with it."""
    with tempfile.TemporaryFile("w+") as log:
        command = mkdocs_command(project.config, "serve", *serve_options, "-a", f"127.0.0.1:{free_port()}")
        start = time.perf_counter()
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment())
        try:
            home = wait_for(lambda: fetch(served_address(command)), lambda _: True, timeout, server, log)
            first_serve = time.perf_counter() - start
            return Rebuild(first_serve, [edit_and_wait(edit, home, number, timeout, server, log)
                                         for number in range(1, edits + 1)])
        finally:
            stop(server)


def served_address(command: list[str]) -> str:
    return f"http://{command[command.index('-a') + 1]}/"


def edit_and_wait(edit: Editor, home: str, number: int, timeout: float, server: subprocess.Popen[str],
                  log: IO[str]) -> Edit:
    """Make one edit; seconds until its page is served with it."""
    marker = f"rebuildmarker{number}t{time.time_ns()}"
    start, cpu_start = time.perf_counter(), cpu_seconds(server.pid)
    page = edit(marker)
    wait_for(lambda: fetch(f"{home}{page}"), lambda body: marker in body, timeout, server, log)
    return Edit(time.perf_counter() - start, cpu_seconds(server.pid) - cpu_start)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process so far, with its finished children's (Linux /proc), such as git's."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # utime, stime, cutime, cstime: fields 14 to 17 of proc(5), counted from the state (field 3) here.
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def fetch(url: str) -> tuple[str, str] | None:
    """(final URL, body), following the redirect from / to the site's path; None while nothing is served."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.geturl(), response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(get: Callable[[], tuple[str, str] | None], done: Callable[[str], bool], timeout: float,
             server: subprocess.Popen[str], log: IO[str]) -> str:
    """Poll `get()` until `done(body)`; the final URL. Fails if the server exits or the timeout passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BuildFailed(f"mkdocs serve exited ({server.returncode}):\n{read(log)}")
        result = get()
        if result is not None and done(result[1]):
            return result[0]
        time.sleep(POLL_SECONDS)
    raise BuildFailed(f"nothing served within {timeout:.0f} s:\n{read(log)}")


def stop(server: subprocess.Popen[str]) -> None:
    """Ctrl-C, as a person would (mkdocs serve then removes its temporary site); kill if it hangs."""
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
