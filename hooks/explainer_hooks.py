"""MkDocs hooks: wire the build's events to the explainer core in hooks/explainer/. Only this file imports MkDocs.

- on_startup: note whether this is `mkdocs serve`, where an error must not take the preview down;
- on_config: load data/ and check the hand-written pages in docs/: every error, data and pages, in one list,
  before MkDocs empties the site folder (a build stops on it; a server keeps the last good data and shows it);
- on_files: add the generated pages, with edit links to the YAML behind them;
- on_page_markdown: resolve [[id]] links and add the glossary's tooltips;
- on_page_context: draw the page's share card (cached) for the Open Graph meta in overrides/main.html;
- on_post_page, on_post_template: check every built page and give it its Content-Security-Policy;
- on_post_build: keep this build's answers for the next (memo.py); while serving, end the terminal with the errors.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from explainer import cards, safety
from explainer.preview import Preview

log = logging.getLogger("mkdocs.plugins.explainer")
preview = Preview()


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    preview.serving = command == "serve"
    # While there are errors, the terminal ends with them: MkDocs' own closing lines would push them up.
    for name in ("mkdocs.commands.build", "mkdocs.livereload"):
        logging.getLogger(name).addFilter(lambda record: not (preview.errors and record.levelno < logging.WARNING))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Edit links open a file; "blob" links show it, and can point at an entry's own lines.
    source_url = (config.edit_uri or "").replace("/edit/", "/blob/")
    preview.generate(Path(config.config_file_path).parent / "data", source_url, config.site_name,
                     config.site_url or "")
    docs = Path(config.docs_dir)
    for page in sorted(docs.rglob("*.md")):
        label = f"{docs.name}/{page.relative_to(docs).as_posix()}"
        preview.check_page(label, page.read_text(encoding="utf-8-sig"))
    if preview.errors and not preview.serving:
        raise PluginError(preview.report())
    return config


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    docs = Path(config.docs_dir).name
    for file in files.documentation_pages():
        file.edit_uri = f"{docs}/{file.src_uri}"
    for output in preview.current.outputs if preview.current else []:
        # Entity pages are reached from their section's index, not the sidebar: MkDocs need not list them.
        file = File.generated(config, output.src_uri, content=output.content, inclusion=InclusionLevel.NOT_IN_NAV)
        file.edit_uri = output.edit_path
        files.append(file)
    return files


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if f"{Path(config.docs_dir).name}/{page.file.src_uri}" in preview.unsafe_pages:
        return preview.notice_markdown()  # while serving: the notice, never the unsafe text
    current = preview.current
    finished = current.finish_markdown(markdown, page.file.src_uri) if current else markdown
    return preview.notice_markdown() + finished


def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: object) -> dict:
    if cards.can_draw():
        page.meta["card_image"] = share_card(page, config)
    return context


def share_card(page: Page, config: MkDocsConfig) -> str:
    """Write the page's share card into the site (drawn once, then from the cache); its absolute URL."""
    # The front matter holds them escaped for HTML (templates/_macros.md.j2); a picture shows the characters.
    # The page's own title, not the shorter one the menu may give it ("The treaty").
    title = html.unescape(str(page.meta.get("title") or page.title or config.site_name))
    description = html.unescape(" ".join(str(page.meta.get("description") or config.site_description or "").split()))
    png = cards.card(title, description, config.site_name, Path(config.config_file_path).parent / ".cache" / "cards")
    name = f"assets/cards/{cards.card_name(page.url)}"
    target = Path(config.site_dir) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(png)
    return (config.site_url or "/") + name


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    return checked(output, page.file.src_uri, config)


def on_post_template(output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        output_content = output_content.replace("<h1>404", preview.notice_html() + "<h1>404", 1)
    return checked(output_content, template_name, config) if template_name.endswith(".html") else output_content


def on_post_build(*, config: MkDocsConfig) -> None:
    preview.keep()
    if preview.errors:
        log.error(f"{preview.report()}\nThe preview keeps the last good data until the files are fixed.")


def checked(page: str, label: str, config: MkDocsConfig) -> str:
    """The page with its policy, or a failed build if it could run a script or load from another host."""
    problems = preview.built_page_problems(page, urlsplit(config.site_url or "").netloc.lower())
    if problems:
        raise PluginError(f"{label}: the built page is not safe to publish:\n" + "\n".join(problems))
    return safety.with_policy(page)
