"""Compare two builds of the site file by file: `python scripts/compare_builds.py SITE_A SITE_B`.

CI builds the site with MkDocs and with ProperDocs (the maintained fork of MkDocs 1.x) and runs this on the
two folders. Only what legitimately differs between two generators is set aside:
- each page's `<meta name="generator" content="...">`, which names the generator and its version;
- the header of a gzip file (sitemap.xml.gz), which holds a timestamp and a file name: the uncompressed
  content is compared instead.
Anything else that differs is printed (files on one side only, and a short diff of each changed file), and
the exit status is 1; identical builds exit with 0.
Standard library only.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import re
import sys
from pathlib import Path

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
GENERATOR_SET_ASIDE = b'<meta name="generator" content="(set aside)">'
TEXT_SUFFIXES = {".html", ".xml", ".css", ".js", ".json", ".svg", ".txt", ".md", ".map", ".webmanifest", ".yml"}
DIFF_LINES = 40  # the diff of one file is cut after this many lines


def files(site: Path) -> set[str]:
    """Every file under `site`, as a POSIX path relative to it."""
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def content(path: Path) -> bytes:
    """What is compared of a file: its bytes, less what legitimately differs between two generators."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        try:
            return gzip.decompress(data)
        except (OSError, EOFError):  # not gzip after all: compared as it is
            return data
    if path.suffix == ".html":
        return GENERATOR.sub(GENERATOR_SET_ASIDE, data)
    return data


def diff(name: str, first: bytes, second: bytes, labels: tuple[str, str]) -> list[str]:
    """A unified diff of a changed text file, cut after DIFF_LINES lines; one line for a binary file."""
    if Path(name.removesuffix(".gz")).suffix not in TEXT_SUFFIXES:
        return [f"  binary file: {len(first)} bytes against {len(second)} bytes"]
    lines = list(difflib.unified_diff(
        first.decode("utf-8", "replace").splitlines(), second.decode("utf-8", "replace").splitlines(),
        f"{labels[0]}/{name}", f"{labels[1]}/{name}", n=1, lineterm="",
    ))
    if len(lines) > DIFF_LINES:
        lines = [*lines[:DIFF_LINES], f"... ({len(lines) - DIFF_LINES} more lines of diff)"]
    return [f"  {line}" for line in lines]


def compare(first: Path, second: Path) -> list[str]:
    """The differences between two site folders, as lines to print; none when the builds are the same."""
    labels = (first.name or str(first), second.name or str(second))
    ours, theirs = files(first), files(second)
    report = [f"only in {first}: {name}" for name in sorted(ours - theirs)]
    report += [f"only in {second}: {name}" for name in sorted(theirs - ours)]
    for name in sorted(ours & theirs):
        a, b = content(first / name), content(second / name)
        if a != b:
            report += [f"differs: {name}", *diff(name, a, b, labels)]
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("first", type=Path, help="a built site folder (e.g. the MkDocs build)")
    parser.add_argument("second", type=Path, help="another build of the same site (e.g. the ProperDocs build)")
    args = parser.parse_args(argv)
    for folder in (args.first, args.second):
        if not (folder / "index.html").is_file():
            parser.error(f"{folder} is not a built site (it has no index.html)")
    report = compare(args.first, args.second)
    if report:
        print("\n".join(report))
        print(f"The two builds differ: {sum(line.startswith(('only in', 'differs')) for line in report)} file(s).")
        return 1
    print(f"The two builds are the same: {len(files(args.first))} files (the generator's name set aside).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
