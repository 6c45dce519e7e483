"""When the data last changed, from git: per entry (one `git blame` per data file) and as a change log (one `git log`).

Git is optional: outside a repository, without git, or in a shallow clone that lacks the history, every date is
unknown (None) and the change log is empty; the build goes on. A shallow clone's oldest commit takes the blame for
every line older than it, so its dates are kept only when the clone is complete (CI fetches the whole history).
"""

from __future__ import annotations

import functools
import hashlib
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the memo asks git for the commit without loading the model
    from .model import Node

GIT_TIMEOUT = 30  # seconds; a hung git must not hang the build
HEADER = re.compile(r"^(?P<sha>[0-9a-f]{40}) \d+ (?P<line>\d+)")


@dataclass(frozen=True)
class Change:
    """One commit that changed the data: when, what it says, which files."""

    sha: str
    date: datetime
    subject: str
    files: tuple[str, ...]


def git(root: Path, *args: str) -> str | None:
    """Git's output, or None when git is missing or fails (not a repository, file not tracked, ...)."""
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8",
                                timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def relative(path: Path, root: Path) -> str:
    return path.resolve().relative_to(root.resolve()).as_posix()


def has_full_history(root: Path) -> bool:
    return git(root, "rev-parse", "--is-shallow-repository") == "false\n"


def line_dates(root: Path, path: str, head: str = "") -> dict[int, datetime]:
    """Line number → when that line last changed, for one file (uncommitted lines: now). Asked of git once per commit
    and content of the file: while serving, an edit blames only the file it changed."""
    try:
        content = hashlib.sha256((root / path).read_bytes()).hexdigest()
    except OSError:
        content = ""
    return _line_dates(str(root), path, head, content)


@functools.lru_cache(maxsize=128)
def _line_dates(root: str, path: str, head: str, content: str) -> dict[int, datetime]:
    output = git(Path(root), "blame", "--porcelain", "--", path)
    if output is None:
        return {}
    times: dict[str, datetime] = {}
    dates: dict[int, datetime] = {}
    sha, line = "", 0
    for row in output.splitlines():
        header = HEADER.match(row)
        if header:
            sha, line = header.group("sha"), int(header.group("line"))
        elif row.startswith("committer-time "):
            times[sha] = datetime.fromtimestamp(int(row.split()[1]), UTC)
        elif row.startswith("\t"):
            dates[line] = times[sha]
    return dates


def node_dates(root: Path, nodes: Iterable[tuple[str | None, Node]]) -> dict[str, datetime]:
    """Key → the last change to any of its node's lines, from its first line to the next node's in the same file:
    an entry's id for its entry, a fact's for its fact. A node keyed None only marks where the node before it ends
    (an entry's start, for the statements inside the entry before it)."""
    if not has_full_history(root):
        return {}
    head = git(root, "rev-parse", "HEAD") or ""
    by_file: dict[str, dict[int, str | None]] = {}
    for key, node in nodes:
        keys = by_file.setdefault(node._file, {})
        if key is not None or node._line not in keys:
            keys[node._line] = key
    found: dict[str, datetime] = {}
    for path, keyed in by_file.items():
        dates = line_dates(root, path, head)
        if not dates:
            continue
        starts = sorted(keyed.items())
        ends = [start for start, _ in starts[1:]] + [max(dates) + 1]
        for (start, keyed_as), end in zip(starts, ends, strict=True):
            changed = [dates[line] for line in range(start, end) if line in dates]
            if keyed_as is not None and changed:
                found[keyed_as] = max(changed)
    return found


def change_log(root: Path, paths: Iterable[str] = ("data",), limit: int = 200) -> list[Change]:
    """The newest commits that changed the data, newest first (merges left out: their branches' commits show)."""
    if not has_full_history(root):
        return []
    output = git(root, "log", "--no-merges", f"--max-count={limit}", "--format=%x1e%H%x1f%cI%x1f%s", "--name-only",
                  "--", *paths)
    changes = []
    for record in (output or "").split("\x1e")[1:]:
        head, _, names = record.partition("\n")
        sha, date, subject = head.split("\x1f", 2)
        changes.append(Change(sha, datetime.fromisoformat(date), subject,
                              tuple(name for name in names.splitlines() if name.strip())))
    return changes
