"""What a build worked out, kept in memory for the next build of the same process whose inputs are the same.

While `mkdocs serve` runs, most rebuilds start from the same data as the build before (a docs/ edit, a style edit,
a return to the last good data). The memo is keyed by a fingerprint of everything the generated files are made
from: every file under data/ and the templates, the code that is running (read once, when it was imported), the
site's settings, the git commit and the day (for the history dates), and the versions of Python and the libraries
that shape the output. Within one fingerprint, an answer is found by a hash of its whole question (a page's full
text, say), so a changed question is worked out again. Nothing is written to disk: no memo can outlive the code
and inputs it was made from, and none can be read back as code.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from .history import git

LIBRARIES = ("jinja2", "pydantic", "PyYAML", "selectolax")
CODE_DIR = Path(__file__).parent
T = TypeVar("T")


def code_fingerprint() -> str:
    """A hash of the core's Python files as they are on disk now."""
    digest = hashlib.sha256()
    for path in sorted(CODE_DIR.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


# The code this process runs: an edit to it while serving is not running until the server restarts.
RUNNING_CODE = code_fingerprint()


def code_changed() -> bool:
    """Whether the core's files on disk are no longer the code this process runs."""
    return code_fingerprint() != RUNNING_CODE


def fingerprint(root: Path, folders: Iterable[Path], *settings: str) -> str:
    """A hash of everything the generated files depend on; `root` is the repository, for the commit."""
    digest = hashlib.sha256()
    for text in (RUNNING_CODE, sys.version, *(_version(name) for name in LIBRARIES), *settings,
                 git(root, "rev-parse", "HEAD", "--is-shallow-repository") or "no git",
                 git(root, "ls-files", "data") or "",  # a file added to git changes its pages' dates
                 datetime.now(UTC).date().isoformat()):
        digest.update(text.encode() + b"\0")
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _version(library: str) -> str:
    try:
        return f"{library} {metadata.version(library)}"
    except metadata.PackageNotFoundError:
        return f"{library} none"


@dataclass
class Memo:
    """The answers of earlier builds of this process with the same fingerprint (`key`)."""

    key: str = ""
    answers: dict[str, Any] = field(default_factory=dict)

    def recall(self, topic: str, question: str, work_out: Callable[[], T]) -> T:
        """The answer to `question`, worked out only if no build with this fingerprint did it before."""
        asked = f"{topic}:{hashlib.sha256(question.encode()).hexdigest()}"
        if asked not in self.answers:
            self.answers[asked] = work_out()
        answer: T = self.answers[asked]
        return answer
