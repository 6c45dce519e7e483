"""MkDocs hooks: wire the build's events to the explainer core in hooks/explainer/.

Only this file imports MkDocs. Each event is one small function:
- on_startup: note whether this is `mkdocs serve`, where a data error must not take the site down;
- on_config: load and validate data/ and make the pages (a data error stops the build, file:line messages,
  no traceback; while serving, the error is logged and shown on the pages, which keep the last good data);
- on_files: add the generated pages and data files, with edit links to the YAML behind them;
- on_page_markdown: resolve [[id]] links and add the glossary's tooltips.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from explainer import live
from explainer.errors import DataErrors
from explainer.links import Linker

log = logging.getLogger("mkdocs.plugins.explainer")
pages: live.Pages | None = None
linker: Linker | None = None


def on_startup(command: str, dirty: bool) -> None:
    live.STATE.serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global pages
    data_dir = Path(config.config_file_path).parent / "data"
    try:
        pages = live.load_pages(data_dir)
    except DataErrors as error:
        raise PluginError(str(error)) from None
    if live.STATE.errors:
        log.error(f"{live.STATE.errors}\nThe server keeps the last good data until the files are fixed.")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global pages, linker
    assert pages is not None, "on_config makes the pages first"
    for file in files.documentation_pages():
        file.edit_uri = f"{Path(config.docs_dir).name}/{file.src_uri}"
    for src_uri, edit_path in pages.edit_paths.items():
        file = File.generated(config, src_uri, abs_src_path=pages.path_of(src_uri))
        file.edit_uri = edit_path
        files.append(file)
    linker, pages = pages.linker, None
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert linker is not None, "on_files makes the pages first"
    label = page.file.edit_uri or page.file.src_uri
    try:
        return live.error_banner() + linker.finish_markdown(markdown, page.file.src_uri, label)
    except DataErrors as error:
        # MkDocs has cut the front matter off: count it back so errors give the file's own line numbers.
        source = page.file.content_string
        raise PluginError(str(error.moved_down(source.count("\n", 0, max(source.rfind(markdown), 0))))) from None
