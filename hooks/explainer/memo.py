"""What a build worked out, kept for the next build whose inputs are the same (.cache/explainer/memo.pickle).

Most builds start from the same data, templates and code as the build before: a second `mkdocs build`, a rebuild
after a docs/ edit while serving, a test run. The memo is keyed by a fingerprint of everything the generated files
are made from: every file under data/ and hooks/, the site's settings, the git commit and the day (for the history
dates), and the versions of Python and the libraries that shape the output. A build with another fingerprint starts
afresh. Within one fingerprint, an answer is found by a hash of its whole question (a page's full text, say), so a
changed question is worked out again, never answered from a stale memo.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from .history import git

# Bump when what the memo holds changes shape.
MEMO_VERSION = "1"
LIBRARIES = ("jinja2", "pydantic", "PyYAML")
T = TypeVar("T")


def fingerprint(root: Path, folders: Iterable[Path], *settings: str) -> str:
    """A hash of everything the generated files depend on; `root` is the repository, for the commit."""
    digest = hashlib.sha256()
    for text in (MEMO_VERSION, sys.version, *(_version(name) for name in LIBRARIES), *settings,
                 git(root, "rev-parse", "HEAD", "--is-shallow-repository") or "no git",
                 datetime.now(timezone.utc).date().isoformat()):
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
    """The answers of earlier builds with the same fingerprint (`key`); `path` None keeps them in memory only."""

    key: str = ""
    path: Path | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    learned: bool = False  # whether it holds answers its file lacks

    @classmethod
    def open(cls, path: Path, key: str) -> Memo:
        """The memo kept at `path` if it was made for `key`, else an empty one that will replace it."""
        try:
            with path.open("rb") as file:
                # The key comes first: a memo for other inputs is not read any further.
                if pickle.load(file) == key:
                    return cls(key, path, pickle.load(file))
        # A missing, torn or outdated file (another version of the code) is simply not used.
        except Exception:
            pass
        return cls(key, path)

    def recall(self, topic: str, question: str, work_out: Callable[[], T]) -> T:
        """The answer to `question`, worked out only if no build with this fingerprint did it before."""
        asked = f"{topic}:{hashlib.sha256(question.encode()).hexdigest()}"
        if asked not in self.answers:
            self.answers[asked] = work_out()
            self.learned = True
        answer: T = self.answers[asked]
        return answer

    def keep(self) -> None:
        """Write what was learned for the next build: whole or not at all, should two builds run at once."""
        if not self.learned or self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        with temporary.open("wb") as file:  # streamed: the whole memo is never one more copy in memory
            pickle.dump(self.key, file, pickle.HIGHEST_PROTOCOL)
            pickle.dump(self.answers, file, pickle.HIGHEST_PROTOCOL)
        temporary.replace(self.path)
        self.learned = False
