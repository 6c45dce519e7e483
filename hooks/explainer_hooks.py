"""MkDocs hooks: wire the build's events to the explainer core in hooks/explainer/.

Only this file imports MkDocs. Each event is one small function:
- on_config: load and validate data/ (a data error stops the build, file:line messages, no traceback);
- on_files: add the generated pages and data files, with edit links to the YAML behind them;
- on_page_markdown: resolve [[id]] links and add the glossary's tooltips.
"""

from __future__ import annotations

from pathlib import Path

from explainer.errors import DataErrors
from explainer.pages import Site
from explainer.render import outputs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

site: Site | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global site
    data_dir = Path(config.config_file_path).parent / "data"
    try:
        site = Site.load(data_dir)
    except DataErrors as error:
        raise PluginError(str(error)) from None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert site is not None, "on_config loads the data first"
    for file in files.documentation_pages():
        file.edit_uri = f"{config.docs_dir and Path(config.docs_dir).name}/{file.src_uri}"
    for output in outputs(site):
        file = File.generated(config, output.src_uri, content=output.content)
        file.edit_uri = output.edit_path
        files.append(file)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert site is not None, "on_config loads the data first"
    label = page.file.edit_uri or page.file.src_uri
    # MkDocs has cut the front matter off: count it back so errors give the file's own line numbers.
    source = page.file.content_string
    first_line = source.count("\n", 0, max(source.rfind(markdown), 0)) + 1
    try:
        return site.finish_markdown(markdown, page.file.src_uri, label, first_line)
    except DataErrors as error:
        raise PluginError(str(error)) from None
