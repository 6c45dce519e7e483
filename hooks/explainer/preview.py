"""One build's generated files and errors, and what `mkdocs serve` keeps between rebuilds.

MkDocs keeps the hook module (and so this object) for the whole process: while serving, a rebuild whose data or
pages have errors keeps the last good generated files and shows the errors on every page, so the preview never
stops answering. A plain `mkdocs build` never publishes stale data: there, any error stops the build.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError, DataErrors
from .links import Linker
from .markup import page_problems
from .pages import Site
from .render import PICTURE_MARK, Output, outputs, page_pictures, with_pictures


@dataclass(frozen=True)
class Generated:
    """What the data makes: the files to add to the site, and what resolves [[links]] on every page."""

    outputs: list[Output]
    linker: Linker
    pictures: dict[str, str]  # what hand-written pages may show with <!-- picture: NAME -->

    def finish_markdown(self, markdown: str, page_src: str) -> str:
        """Pictures in, then [[links]] resolved and abbreviations added."""
        return self.linker.finish_markdown(with_pictures(markdown, page_src, self.pictures), page_src)


@dataclass
class Preview:
    serving: bool = False
    current: Generated | None = None  # what this build shows: None when there is nothing good to show
    last_good: Generated | None = None
    errors: list[DataError] = field(default_factory=list)
    unsafe_pages: set[str] = field(default_factory=set)  # hand-written pages whose content must not be shown

    def generate(self, data_dir: Path, source_url: str = "", site_name: str = "", site_url: str = "") -> None:
        """Make `current`: the generated files, or on errors the last good ones while serving."""
        self.errors, self.unsafe_pages = [], set()
        try:
            site = Site.load(data_dir, site_name, site_url)
            self.current = Generated(list(outputs(site, source_url)), site.linker, page_pictures(site))
        except DataErrors as errors:
            self.errors = list(errors.errors)
            self.current = self.last_good if self.serving else None
            return
        # Only a server needs them again; a build lets them go once MkDocs holds the pages.
        self.last_good = self.current if self.serving else None

    def check_page(self, label: str, markdown: str) -> None:
        """Note what a hand-written page may not publish, and its [[links]] and pictures that name nothing."""
        problems = page_problems(markdown)
        if problems:
            self.unsafe_pages.add(label)
        if self.current:
            problems += self.current.linker.unknown_links(markdown) + unknown_pictures(markdown, self.current.pictures)
        self.errors += [DataError(label, line, "", message) for line, message in problems]

    def report(self) -> str:
        """Every error of the build, one per line, for the terminal and the build's failure."""
        return str(DataErrors(self.errors)) if self.errors else ""

    def notice_markdown(self) -> str:
        """A notice on top of every served page while there are errors: the same lines the terminal shows."""
        if not self.errors:
            return ""
        lines = "\n".join(f"    {error}" for error in sorted(set(self.errors)))
        return (f'!!! failure "{self._headline()}"\n'
                f"    Fix the file and save it; the page reloads by itself.\n\n    ```text\n{lines}\n    ```\n\n")

    def notice_html(self) -> str:
        """The same notice for pages that are not made from Markdown, such as the 404 page."""
        if not self.errors:
            return ""
        lines = html.escape("\n".join(str(error) for error in sorted(set(self.errors))))
        return (f'<div class="admonition failure"><p class="admonition-title">{html.escape(self._headline())}</p>'
                f"<p>Fix the file and save it; the page reloads by itself.</p><pre><code>{lines}</code></pre></div>")

    def _headline(self) -> str:
        count = len(set(self.errors))
        shown = "the last good data" if self.last_good else "no data yet"
        return f"{count} error{'s' if count != 1 else ''} in data/ or docs/: this page shows {shown}"


def unknown_pictures(markdown: str, pictures: dict[str, str]) -> list[tuple[int, str]]:
    """(line, message) for each <!-- picture: NAME --> that names no picture: it would vanish without a word."""
    return [(markdown.count("\n", 0, mark.start()) + 1,
             f"there is no picture named '{mark.group('name')}'; use one of: {', '.join(sorted(pictures))}")
            for mark in PICTURE_MARK.finditer(markdown) if mark.group("name") not in pictures]
