"""MkDocs hooks: wire the build's events to the explainer core in hooks/explainer/. Only this file imports MkDocs.

- on_startup: note whether this is `mkdocs serve`, where an error must not take the preview down;
- on_config: load data/ and check the hand-written pages in docs/: every error, data and pages, in one list,
  before MkDocs empties the site folder (a build stops on it; a server keeps the last good data and shows it);
- on_files: add the generated pages, with edit links to the YAML behind them;
- on_nav, on_env: keep what renders the theme's template with no content, whose scripts are the only ones allowed;
- on_page_markdown: resolve [[id]] links and add the glossary's tooltips; a docs/ page's front matter is text;
- on_page_content: check the HTML Markdown made against the content's allowlist (safety.py);
- on_page_context: draw the page's share card (cached) for the Open Graph meta in overrides/main.html;
- on_post_page, on_post_template: check every built page and give it its Content-Security-Policy;
- on_serve: let the served pages (never the published ones) run `mkdocs serve`'s live-reload script;
- on_post_build: while serving, end the terminal with the errors.
"""

from __future__ import annotations

import functools
import html
import logging
import operator
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from explainer import cards, i18n, incremental, page_translations, safety
from explainer.errors import DataError
from explainer.memo import RUNNING_CODE
from explainer.preview import Preview
from explainer.render import COMPILED_TEMPLATES

log = logging.getLogger("mkdocs.plugins.explainer")
preview = Preview()
# This build's navigation and theme environment, and what the theme's template holds at each depth of page.
theme: dict[str, object] = {}
allowed_at: dict[tuple[str, str], safety.Allowed] = {}
# Each entry page's lines in the repository, for its edit button.
entry_lines: dict[str, str] = {}
# The share cards this build used: a full build removes the others from the cache.
cards_used: set[str] = set()
# While serving with --dirty: what each page was last built from, and this rebuild's plan.
rebuilds = incremental.Incremental()


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    preview.serving = command == "serve"
    # `mkdocs serve --dirty` (make serve): each rebuild renders only the pages whose inputs changed.
    preview.incremental = preview.serving and dirty
    # While there are errors, the terminal ends with them: MkDocs' own closing lines would push them up.
    for name in ("mkdocs.commands.build", "mkdocs.livereload"):
        logging.getLogger(name).addFilter(lambda record: not (preview.errors and record.levelno < logging.WARNING))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    cards_used.clear()
    # The message tables are read afresh for each build: while serving, an edited table shows on the next rebuild.
    i18n.language.cache_clear()
    # Edit links open a file; "blob" links show it, and can point at an entry's own lines.
    source_url = (config.edit_uri or "").replace("/edit/", "/blob/")
    preview.generate(Path(config.config_file_path).parent / "data", source_url, config.site_name,
                     config.site_url or "", config.theme["language"])
    docs = Path(config.docs_dir)
    for page in sorted(docs.rglob("*.md")):
        text, label = docs_page(config, page)
        preview.check_page(label, text)
    if preview.errors and not preview.serving:
        raise PluginError(preview.report())
    language = language_of(config)
    if not language.is_source:
        # The footnotes' way back, which Python-Markdown words in English ("%d" is the footnote's number).
        footnotes = config.mdx_configs.setdefault("footnotes", {})
        footnotes["BACKLINK_TITLE"] = language.gettext("Jump back to footnote %d in the text")
    return config


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    entry_lines.clear()
    for file in files.documentation_pages():
        # In a translation, the page in its language (or the English, marked); an edit opens the file it came from.
        file.content_string, file.edit_uri = docs_page(config, Path(config.docs_dir) / file.src_uri)
    for output in preview.current.outputs if preview.current else []:
        # Entity pages are reached from their section's index, not the sidebar: MkDocs need not list them.
        file = File.generated(config, output.src_uri, content=output.content, inclusion=InclusionLevel.NOT_IN_NAV)
        file.edit_uri = output.edit_path
        files.append(file)
        if output.edit_url:
            entry_lines[output.src_uri] = output.edit_url
    if preview.incremental and preview.current:
        plan_rebuild(files, config)
    return files


def language_of(config: MkDocsConfig) -> i18n.Language:
    """The build's language (theme.language: mkdocs.ru.yml sets "ru"), with its message tables."""
    return i18n.language(config.theme["language"])


def docs_page(config: MkDocsConfig, page: Path) -> tuple[str, str]:
    """A docs/ page's Markdown in the build's language, and the file it comes from (docs/… or its translation)."""
    docs = Path(config.docs_dir)
    label = f"{docs.name}/{page.relative_to(docs).as_posix()}"
    english = page.read_text(encoding="utf-8-sig")
    language = language_of(config)
    if language.is_source:
        return english, label
    root = Path(config.config_file_path).resolve().parent
    translation = page_translations.translated(root, page, language.code, english)
    if translation is not None:
        note = language.translation_note(page_translations.front_matter_value(translation, page_translations.CHECKED))
        return (page_translations.with_note(translation, note),
                page_translations.translation_path(root, page, language.code).relative_to(root).as_posix())
    return page_translations.marked_english(english, html.escape(language.gettext(
        "This page is not yet translated: it is shown in English, the site's authoritative text."))), label


def plan_rebuild(files: Files, config: MkDocsConfig) -> None:
    """Tell MkDocs' dirty build which pages changed (incremental.py): each page's File answers is_modified()."""
    assert preview.current is not None
    overrides = Path(config.theme.custom_dir or config.config_file_path)
    site_key = incremental.digest(Path(config.config_file_path).read_text(encoding="utf-8"),
                                  incremental.folder_digest(overrides) if overrides.is_dir() else "",
                                  sorted(file.src_uri for file in files), preview.notice_markdown(), RUNNING_CODE)
    pages = files.documentation_pages()
    keys = {file.src_uri: incremental.digest(file.content_string, preview.current.links_key) for file in pages}
    changed = rebuilds.plan(site_key, keys, {file.src_uri: Path(file.abs_dest_path) for file in pages},
                            {file.src_uri: file.url for file in pages})
    log.info(f"Rebuilding {len(changed)} of {len(pages)} pages (those whose inputs changed)")
    for file in pages:
        file.is_modified = functools.partial(operator.contains, changed, file.src_uri)  # type: ignore[method-assign]


def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
    theme["nav"], theme["files"] = nav, files
    allowed_at.clear()
    # The menu's titles (mkdocs.yml's nav:, written once, in English) in the build's language.
    language = language_of(config)
    if not language.is_source:
        for item in nav:
            translate_titles(item, language)
    return nav


def translate_titles(item: object, language: i18n.Language) -> None:
    """A menu entry's title and its children's, as the message table gives them."""
    title = getattr(item, "title", None)
    if isinstance(title, str) and title:
        item.title = i18n.unmarked(language.gettext(title))  # type: ignore[attr-defined]
    for child in getattr(item, "children", None) or []:
        translate_titles(child, language)


def on_env(env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    theme["env"] = env
    # MkDocs makes the theme's environment anew for every build; while serving, its templates are compiled once
    # (Jinja still compiles an edited template again: it checks each against its source).
    env.bytecode_cache = COMPILED_TEMPLATES
    return env


def allowed(config: MkDocsConfig, template: str | None = None, page: Page | None = None,
            base_url: str = "") -> safety.Allowed:
    """What a page may hold beyond its content: what `template` holds when the theme renders it with no content
    (for `page`, a page at its depth; once per build and depth), whose scripts and styles are the only ones a page
    may have; and the hosts it may link to: the sources', the site's, the repository's, those mkdocs.yml names
    (extra.link_hosts) and the theme's own links. With no template (the content, before the theme is ready): the
    hosts only."""
    if page is not None:
        base_url = get_relative_url(".", page.url)
    key = (template or "", base_url)
    if key not in allowed_at:
        hosts = preview.link_hosts() | set(config.extra.get("link_hosts", [])) | {
            urlsplit(url).netloc for url in (config.site_url, config.edit_uri, config.repo_url) if url}
        own_host = urlsplit(config.site_url or "").netloc
        if template is None:
            allowed_at[key] = safety.Allowed(own_host=own_host, link_hosts=frozenset(hosts))
        else:
            env = theme["env"]
            assert isinstance(env, jinja2.Environment)
            blank = None
            if page is not None:
                blank = Page(None, File.generated(config, page.file.src_uri, content=""), config)
                blank.markdown, blank.content = "", ""
            context = get_context(theme["nav"], theme["files"], config, blank, base_url)  # type: ignore[arg-type]
            allowed_at[key] = safety.Allowed.of_page(env.get_template(template).render(context), own_host, hosts)
    return allowed_at[key]


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if f"{Path(config.docs_dir).name}/{page.file.src_uri}" in preview.unsafe_pages:
        return preview.notice_markdown()  # while serving: the notice, never the unsafe text
    if not page.file.generated_by:
        # A hand-written page's front matter, as YAML decoded it, is text: the theme prints it as HTML. Its
        # [[value:…]] are written out first, as in the page (the title and description show data too).
        page.meta = {key: html.escape(preview.with_values(value)) if isinstance(value, str) else value
                     for key, value in page.meta.items()}
    current = preview.current
    finished = current.finish_markdown(markdown, page.file.src_uri) if current else markdown
    return preview.notice_markdown() + finished


def on_page_content(content: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    problems = preview.content_problems(content, allowed(config))
    if not problems:
        words = language_of(config).gettext("Show all %(count)s references")
        return safety.without_references_in_search(untranslated_marked(content, config), html.escape(words))
    label = page.file.edit_uri or page.file.src_uri
    if not preview.serving:
        raise PluginError(f"{label}: the page's content holds what a page may not publish:\n" + "\n".join(problems))
    preview.errors += [DataError(label, 0, "", problem) for problem in problems]
    return f"<p>This page is not shown: {html.escape(label)} holds what a page may not publish (see the notice).</p>"


def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: object) -> dict:
    # An entry's page: the edit button leads to the entry's own lines, the editors' way in (no reader text names files).
    if page.file.src_uri in entry_lines:
        page.edit_url = entry_lines[page.file.src_uri]
    if cards.can_draw():
        page.meta["card_image"] = share_card(page, config)
    return context


def card_cache(config: MkDocsConfig) -> Path:
    """The share cards drawn before, one folder per language: a build keeps only its own language's cards."""
    language = config.theme["language"]
    return Path(config.config_file_path).parent / ".cache" / ("cards" if language == "en" else f"cards-{language}")


def share_card(page: Page, config: MkDocsConfig) -> str:
    """Write the page's share card into the site (drawn once, then from the cache); its absolute URL."""
    # The front matter holds them escaped for HTML (templates/_macros.md.j2); a picture shows the characters.
    # The page's own title, not the shorter one the menu may give it ("The treaty").
    title = html.unescape(str(page.meta.get("title") or page.title or config.site_name))
    description = html.unescape(" ".join(str(page.meta.get("description") or config.site_description or "").split()))
    png = cards.card(title, description, config.site_name, card_cache(config), cards_used)
    name = f"assets/cards/{cards.card_name(page.url)}"
    target = Path(config.site_dir) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(png)
    return (config.site_url or "/") + name


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    return checked(untranslated_marked(output, config), page.file.edit_uri or page.file.src_uri,
                   allowed(config, "main.html", page))


def untranslated_marked(html_text: str, config: MkDocsConfig) -> str:
    """English shown for a missing translation, in <span lang="en"> with a note (i18n.py). Done to the content
    first, which the search index reads, then to the whole page: its title, menu and table of contents."""
    language = language_of(config)
    return i18n.marked_html(html_text, html.escape(language.gettext("not yet translated")))


def on_post_template(output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output_content
    # As MkDocs renders it (commands/build.py, _build_template): an error page's links are absolute.
    base_url = urlsplit(config.site_url or "/").path if template_name == "404.html" else "."
    page_allowed = allowed(config, template_name, base_url=base_url)
    if template_name == "404.html":
        output_content = output_content.replace("<h1>404", preview.notice_html() + "<h1>404", 1)
        # Material writes this heading in English whatever the theme's language.
        words = language_of(config).gettext("404 - Not found")
        output_content = output_content.replace("<h1>404 - Not found</h1>", f"<h1>{html.escape(words)}</h1>", 1)
    return checked(output_content, template_name, page_allowed)


def on_serve(server: LiveReloadServer, /, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    # The server writes its live-reload script into each page as it sends it; the page's policy must allow that
    # script, which the published pages never hold. (A private method of MkDocs 1.6's server:
    # tests/browser/test_browser_live_reload.py opens a served page in a browser and watches it reload.)
    inject = server._inject_js_into_html

    def inject_allowed(content: bytes, epoch: int) -> bytes:
        return safety.with_reload_script(inject(content, epoch))

    server._inject_js_into_html = inject_allowed  # type: ignore[method-assign]
    # MkDocs waits 0.1 s after the last change before it rebuilds; an editor's save is one burst of events a few
    # milliseconds long, and every 0.1 s counts against the second from save to tab.
    server.build_delay = 0.03
    return server


def on_post_build(*, config: MkDocsConfig) -> None:
    if cards_used and not preview.errors and rebuilds.full_build():
        cards.prune(card_cache(config), cards_used)
    cards_used.clear()
    rebuilds.finish(Path(config.site_dir) / "search" / "search_index.json")
    if preview.errors:
        log.error(f"{preview.report()}\nThe preview keeps the last good data until the files are fixed.")


def checked(page: str, label: str, page_allowed: safety.Allowed) -> str:
    """The page with its policy; a failed build (or, while serving, a notice) if it could run a script, redirect,
    restyle the page or load from another host."""
    problems = preview.built_page_problems(page, page_allowed)
    if not problems:
        return safety.with_policy(page, page_allowed)
    message = f"{label}: the built page is not safe to publish:\n" + "\n".join(problems)
    if not preview.serving:
        raise PluginError(message)
    log.error(message)
    notice = html.escape(message)
    return f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not shown</title></head><body>' \
           f"<h1>This page is not shown</h1><pre>{notice}</pre></body></html>"
