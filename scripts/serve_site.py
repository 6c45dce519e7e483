"""Serve a built copy of the site on 127.0.0.1, as GitHub Pages would: under the path of `site_url`.

MkDocs builds 404.html with absolute links under the published path (/explainer/ for
https://kz-uz-treaty.github.io/explainer/), so the site is served under that same prefix and
a missing page answers with 404.html, and text is sent gzipped to a browser that accepts it, like the
real host. Used by the browser tests, the screenshots and the audit:

    with serve_site(Path("/tmp/site")) as base_url:   # http://127.0.0.1:PORT/explainer/
        ...

Run as a script to serve a folder until interrupted: `python scripts/serve_site.py DIR [PORT]`.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent


def site_prefix(config_file: Path = ROOT / "mkdocs.yml") -> str:
    """The path the site is published under, from `site_url` in mkdocs.yml: '/explainer/', or '/'."""

    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may hold !!python/name or !ENV tags: read every unknown tag as None.
    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader) or {}
    path = urlsplit(config.get("site_url") or "/").path or "/"
    return path if path.endswith("/") else path + "/"


# What GitHub Pages compresses: text, not images (PNG, the favicon) or what is gzipped already.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"
    # Connections kept open, as the real host keeps them: HTTP/1.0 would cost every request a new connection, which
    # Lighthouse's simulated network charges a round trip each (every response here sends its Content-Length).
    protocol_version = "HTTP/1.1"
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "application/javascript",
                      ".json": "application/json", ".map": "application/json", ".xml": "application/xml"}

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: the tests record requests in the browser

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        if not self.path.startswith(self.prefix):
            if self.path.split("?", 1)[0] + "/" == self.prefix:  # /explainer -> /explainer/
                self.send_response(301)
                self.send_header("Location", self.prefix)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self.send_error(404)  # outside the site
            return None
        path = self.translate_path(self.path)
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        kind = self.guess_type(path)
        if not (accepts_gzip and os.path.isfile(path) and kind.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        with open(path, "rb") as file:
            body = gzip.compress(file.read(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(os.path.getmtime(path))))
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def build(site_dir: Path) -> None:
    """Build the site strictly into `site_dir`, replacing what was there."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    mkdocs_build(ROOT / "mkdocs.yml", site_dir)


def mkdocs_build(config: Path, site: Path) -> Path:
    """`mkdocs build --strict` of the project `config` into `site`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config), "-d", str(site)],
                   env=env, check=True)
    return site


@contextlib.contextmanager
def serve_site(directory: Path, prefix: str | None = None, port: int = 0) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (a free port by default); yield the site's base URL, ending in '/'."""
    prefix = prefix or site_prefix()
    handler = type("Handler", (_Handler,), {"prefix": prefix})
    server = _Server(("127.0.0.1", port), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 2:
        print("usage: serve_site.py DIR [PORT]", file=sys.stderr)
        return 2
    with serve_site(Path(argv[0]), port=int(argv[1]) if len(argv) > 1 else 0) as url:
        print(url, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
