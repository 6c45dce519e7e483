"""One frozen copy of the site for a whole benchmark run, so every N measures the same core.

A full run takes an hour or more while people keep committing; `benchmarks.run` copies what a build needs
(and the benchmark itself) once, then re-runs itself from that copy. Standard library only: this runs
before anything imports the core.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

# What a build and the benchmark need: the site's config and folders, the article that quotes are checked
# against, the maps' outlines, and the benchmark's own code.
FILES = ("mkdocs.yml", "data/sources/article.txt")
FOLDERS = ("docs", "hooks", "overrides", "benchmarks", "data/geo")
SITE_PATHS = ("mkdocs.yml", "docs", "hooks", "overrides", "data/geo")


def take_snapshot(repo: Path, target: Path) -> Path:
    """Copy the repository's site and benchmark into `target` (replacing it); the copy's root."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in FILES:
        if (repo / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(repo / name, target / name)
    for name in FOLDERS:
        if (repo / name).is_dir():
            shutil.copytree(repo / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def describe(repo: Path) -> str:
    """The commit the site was copied from, and whether its files had uncommitted changes."""
    def git(*args: str) -> str:
        result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=False)
        return result.stdout.strip() if result.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown commit"
    changed = git("status", "--porcelain", "--", *SITE_PATHS)
    return f"{commit} with uncommitted changes" if changed else commit
