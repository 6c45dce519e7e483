"""One build's generated files and errors, and what `mkdocs serve` keeps between rebuilds.

MkDocs keeps the hook module (and so this object) for the whole process: while serving, a rebuild whose data or
pages have errors keeps the last good generated files and shows the errors on every page, so the preview never
stops answering. A plain `mkdocs build` never publishes stale data: there, any error stops the build.
What the data makes is asked of the memo (memo.py) first: a rebuild with the same inputs as the one before loads
neither the data nor the model.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import safety
from .errors import DataError, DataErrors, shown_lines
from .i18n import MESSAGES
from .incremental import digest
from .links import Linker
from .markup import PICTURE_MARK, page_problems
from .memo import Memo, code_changed, fingerprint
from .output import Output


@dataclass(frozen=True)
class Made:
    """What the loaded data makes: the files to add to the site, and what resolves [[links]] on every page."""

    outputs: list[Output]
    linker: Linker
    pictures: dict[str, str]  # what hand-written pages may show with <!-- picture: NAME -->
    link_hosts: frozenset[str]  # the hosts of the sources: the only other hosts a page may link to


def make(data_dir: Path, source_url: str = "", site_name: str = "", site_url: str = "", language: str = "en") -> Made:
    """Load data/ and make everything from it, in `language`; raises DataErrors."""
    # Imported here: the model (pydantic) and the templates take a quarter of a second, which a memo spares.
    from .pages import Site
    from .render import outputs, page_pictures

    site = Site.load(data_dir, site_name, site_url, language)
    return Made(list(outputs(site, source_url)), site.linker, page_pictures(site), site.link_hosts())


class Generated:
    """What this build shows: each answer from the memo if a build with the same inputs worked it out, else from
    the data, loaded (once) when first needed."""

    def __init__(self, memo: Memo, make: Callable[[], Made]) -> None:
        self.memo = memo
        self._make = make
        self._made: Made | None = None
        self.outputs: list[Output] = memo.recall("outputs", "", lambda: self.made.outputs)
        self.link_hosts: frozenset[str] = memo.recall("link hosts", "", lambda: self.made.link_hosts)

    @property
    def made(self) -> Made:
        if self._made is None:
            self._made = self._make()
        return self._made

    @property
    def links_key(self) -> str:
        """A hash of what resolves the pages' [[links]], abbreviations and pictures: a page whose text is the same
        and whose links key is the same comes out the same."""
        return self.memo.recall("links key", "", lambda: digest(dataclasses.asdict(self.made.linker),
                                                                 self.made.pictures))

    def load(self) -> None:
        """Load the data now rather than when the memo first lacks an answer."""
        self._made = self.made

    def finish_markdown(self, markdown: str, page_src: str) -> str:
        """Pictures in, then [[links]] resolved and abbreviations added."""
        return self.memo.recall("finished", f"{page_src}\0{markdown}", lambda: self._finished(markdown, page_src))

    def _finished(self, markdown: str, page_src: str) -> str:
        from .render import with_pictures  # only when the memo lacks the page, as in make()

        return self.made.linker.finish_markdown(with_pictures(markdown, page_src, self.made.pictures), page_src)

    def unknown_names(self, markdown: str) -> list[tuple[int, str]]:
        """(line, message) for each [[link]] and picture in a hand-written page that names nothing."""
        return self.memo.recall("unknown names", markdown, lambda: self.made.linker.unknown_links(markdown)
                                + unknown_pictures(markdown, self.made.pictures))


@dataclass
class Preview:
    serving: bool = False
    incremental: bool = False  # `mkdocs serve --dirty`: a rebuild renders only what changed (incremental.py)
    current: Generated | None = None  # what this build shows: None when there is nothing good to show
    last_good: Generated | None = None
    errors: list[DataError] = field(default_factory=list)
    unsafe_pages: set[str] = field(default_factory=set)  # hand-written pages whose content must not be shown
    building: Linker | None = None  # while the data being built has errors: its ids, to check docs/ against
    memo: Memo = field(default_factory=Memo)

    def generate(self, data_dir: Path, source_url: str = "", site_name: str = "", site_url: str = "",
                 language: str = "en") -> None:
        """Make `current`: the generated files, or on errors the last good ones while serving."""
        self.errors, self.unsafe_pages, self.building = [], set(), None
        root = data_dir.parent
        if code_changed():
            # The running code is not the code on disk: nothing it makes now may pass for the new code's output.
            self.errors = [DataError(Path(__file__).parent.relative_to(root.resolve()).as_posix()
                                     if Path(__file__).is_relative_to(root.resolve()) else "hooks/explainer", 0, "",
                                     "the site's code changed while serving; stop `make serve` (Ctrl+C) and start "
                                     "it again to see its output")]
            self.current = self.last_good if self.serving else None
            return
        key = fingerprint(root, [data_dir, Path(__file__).parent / "templates", MESSAGES], source_url, site_name,
                          site_url, language)
        if self.current and self.current.memo.key == key:
            # A rebuild while serving, for a docs/ page or back to the last good data: nothing to make again.
            self.memo = self.current.memo
            return
        if self.memo.key != key:
            self.memo = Memo(key)
        try:
            self.current = Generated(self.memo, lambda: make(data_dir, source_url, site_name, site_url, language))
            if self.serving:  # loaded now, while the files are good: a later edit may break them
                self.current.load()
        except DataErrors as errors:
            self.errors = list(errors.errors)
            # docs/ is checked against the data being built: a renamed id shows its broken docs/ links at once.
            self.building = Linker({page_id: ("", "") for page_id in errors.page_ids}) \
                if errors.page_ids is not None else None
            self.current = self.last_good if self.serving else None
            return
        # Only a server needs them again; a build lets them go once MkDocs holds the pages.
        self.last_good = self.current if self.serving else None

    def check_page(self, label: str, markdown: str) -> None:
        """Note what a hand-written page may not publish, and its [[links]] and pictures that name nothing."""
        problems = page_problems(markdown)
        if problems:
            self.unsafe_pages.add(label)
        if self.building is not None and self.current:
            problems += self.building.unknown_links(markdown) + unknown_pictures(markdown, self.current.made.pictures)
        elif self.current:
            problems += self.current.unknown_names(markdown)
        self.errors += [DataError(label, line, "", message) for line, message in problems]

    def with_values(self, text: str) -> str:
        """A hand-written page's title or description with its [[value:…]] written out (values.py)."""
        return self.current.made.linker.with_values(text) if self.current else text

    def link_hosts(self) -> frozenset[str]:
        """The other hosts a page may link to: those of the sources (none while nothing good is shown)."""
        return self.current.link_hosts if self.current else frozenset()

    def content_problems(self, content: str, allowed: safety.Allowed) -> list[str]:
        """What the HTML Markdown made of a page holds beyond the content's allowlist, checked once per content."""
        return self.memo.recall("content", f"{allowed}\0{content}", lambda: safety.content_problems(content, allowed))

    def built_page_problems(self, page: str, allowed: safety.Allowed) -> list[str]:
        """What makes a built HTML page unsafe to publish (safety.problems), checked once per distinct page."""
        return self.memo.recall("built page", f"{allowed}\0{page}", lambda: safety.problems(page, allowed))

    def report(self) -> str:
        """Every error of the build, one per line, for the terminal and the build's failure."""
        if not self.errors:
            return ""
        count = len(set(self.errors))
        return "\n".join([f"{count} error{'s' if count != 1 else ''} in data/ or docs/:", *shown_lines(self.errors)])

    def notice_markdown(self) -> str:
        """A notice on top of every served page while there are errors: the same lines the terminal shows."""
        if not self.errors:
            return ""
        lines = "\n".join(f"    {line}" for line in shown_lines(self.errors))
        return (f'!!! failure "{self._headline()}"\n'
                f"    Fix the file and save it; the page reloads by itself.\n\n    ```text\n{lines}\n    ```\n\n")

    def notice_html(self) -> str:
        """The same notice for pages that are not made from Markdown, such as the 404 page."""
        if not self.errors:
            return ""
        lines = html.escape("\n".join(shown_lines(self.errors)))
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
