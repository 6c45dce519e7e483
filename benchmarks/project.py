"""Complete project folders for a benchmark size: the explainer, and a plain MkDocs baseline of the same pages.

- The explainer project: the repository's mkdocs.yml, docs/ and hooks/ (copied, so that a long run measures
  one version of the core) and a generated data/.
- The baseline project: the same pages, written out as static Markdown exactly as each page reaches MkDocs
  after the explainer's hooks (render.outputs(), then the pictures and Site.linker.finish_markdown for every
  page), the same static files, and the same mkdocs.yml without `hooks:` and `watch:`. Same theme, extensions
  and nav shape (the nav lists only the section index pages), so the difference between the two builds is the
  hooks' own work.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils.meta import YAML_RE

from benchmarks import REPO
from benchmarks.generate import Generated, generate, linked_ids
from explainer.pages import Site
from explainer.render import outputs, page_pictures, with_pictures

CONFIG = "mkdocs.yml"
# What mkdocs.yml may refer to, copied when the repository has it (overrides/ is the theme's custom_dir).
COPIED = ("docs", "hooks", "overrides")
THEME_FOLDERS = ("overrides",)
BASELINE_DROPS = ("hooks", "watch")


@dataclass
class Project:
    root: Path
    generated: Generated | None = None

    @property
    def config(self) -> Path:
        return self.root / CONFIG

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def pages(self) -> list[str]:
        """The Markdown pages of a static project (the baseline), as src paths."""
        return sorted(path.relative_to(self.docs).as_posix() for path in self.docs.rglob("*.md"))


def make_explainer_project(n: int, root: Path, seed: int = 0) -> Project:
    """The explainer for N entities: the repository's config, docs and hooks, and generated data."""
    _fresh(root)
    shutil.copyfile(REPO / CONFIG, root / CONFIG)
    copy_folders(REPO, root, COPIED)
    without_values(root / "docs")
    return Project(root, generate(n, root, seed, linked_ids(root / "docs")))


def without_values(docs: Path) -> None:
    """Write each [[value:id.field]] of the copied docs/ as a plain figure: generated data holds none of the real
    data's dates and numbers, and the figure costs the build what the value's text would."""
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"\[\[value:[^\]]*\]\]", "2022", text), encoding="utf-8")


def make_real_project(root: Path) -> Project:
    """The explainer over the repository's own data: the real site, in a folder of its own."""
    _fresh(root)
    shutil.copyfile(REPO / CONFIG, root / CONFIG)
    copy_folders(REPO, root, (*COPIED, "data"))
    return Project(root)


def make_baseline_project(explainer: Project, root: Path) -> Project:
    """Plain MkDocs + Material with the explainer's pages as static files and no hooks."""
    _fresh(root)
    site = Site.load(explainer.root / "data")
    pictures = page_pictures(site)
    shutil.copytree(explainer.docs, root / "docs")
    copy_folders(explainer.root, root, THEME_FOLDERS)
    for path in sorted((root / "docs").rglob("*.md")):
        src_uri = path.relative_to(root / "docs").as_posix()
        path.write_text(finished(site, path.read_text(encoding="utf-8"), src_uri, pictures), encoding="utf-8")
    for output in outputs(site):
        content = (finished(site, output.content, output.src_uri, pictures) if output.src_uri.endswith(".md")
                   else output.content)
        target = root / "docs" / output.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    config = (explainer.root / CONFIG).read_text(encoding="utf-8")
    (root / CONFIG).write_text(drop_top_level_keys(config, BASELINE_DROPS), encoding="utf-8")
    return Project(root)


def finished(site: Site, text: str, src_uri: str, pictures: dict[str, str]) -> str:
    """The page as on_page_markdown leaves it (its pictures in, its links resolved), with its front matter put back.

    MkDocs splits the front matter off before the hook runs (mkdocs.utils.meta.get_data); so do we.
    """
    match = YAML_RE.match(text)
    front, body = (text[: match.end()], text[match.end():].lstrip("\n")) if match else ("", text)
    return front + site.linker.finish_markdown(with_pictures(body, src_uri, pictures), src_uri)


def drop_top_level_keys(config: str, keys: tuple[str, ...]) -> str:
    """mkdocs.yml without the named top-level keys and their indented lines (text-level: keeps !! tags)."""
    kept: list[str] = []
    dropping = False
    for line in config.splitlines(keepends=True):
        top_level = re.match(r"([A-Za-z_][\w-]*)\s*:", line)
        if top_level:
            dropping = top_level.group(1) in keys
        elif line.strip() and not line[0].isspace() and not line.startswith(("#", "-")):
            dropping = False
        if not dropping:
            kept.append(line)
    return "".join(kept)


def copy_folders(source: Path, target: Path, folders: tuple[str, ...]) -> None:
    for folder in folders:
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))


def _fresh(root: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
