"""`make lite-serve`: serve the browser edition (`_site/`) at http://127.0.0.1:PORT/ to try it.

Any static web server works (GitHub Pages serves the same files). This one sends the types
the site needs (JavaScript modules and WebAssembly) and, like GitHub Pages, lets the browser
keep files for ten minutes. Its address is on 127.0.0.1: a Service Worker, which the site uses
to give the Python kernel its files, runs only on https or on this machine. The browser tests
and `make bench` use it too.

    python scripts/serve_lite.py [--port 8000] [--site _site]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import os
import sys
import threading
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parent.parent
TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".ipynb": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
}


# What a static host sends compressed (gzip) to a browser that accepts it; archives (wheels, the
# standard library) are compressed already. The WebAssembly matters most: 9.6 MB as it is,
# about a third of that compressed, and a browser keeps a compressed copy more readily (Chromium's
# in-memory cache, used by a private window and by the test browser, kept no copy of it at all,
# so every visit downloaded and compiled it again).
COMPRESSED_TYPES = (".js", ".mjs", ".wasm", ".json", ".ipynb", ".css", ".html", ".svg", ".map", ".txt")


@functools.cache
def _gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    with open(path, "rb") as handle:
        return gzip.compress(handle.read(), compresslevel=6, mtime=0)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        **TYPES,
    }

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):  # type: ignore[no-untyped-def]
        """A file the browser accepts compressed goes gzipped, with its length and type."""
        path = self.translate_path(self.path)
        if (
            not path.endswith(COMPRESSED_TYPES)
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or not os.path.isfile(path)
        ):
            return super().send_head()
        stat = os.stat(path)
        body = _gzipped(path, stat.st_mtime_ns, stat.st_size)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet: the tests read no logs
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def _compress_ahead(site: Path) -> None:
    files = [p for p in site.rglob("*") if p.name.endswith(COMPRESSED_TYPES) and p.is_file()]
    for path in sorted(files, key=lambda p: p.stat().st_size, reverse=True):
        with contextlib.suppress(OSError):
            stat = path.stat()
            _gzipped(str(path), stat.st_mtime_ns, stat.st_size)


@contextlib.contextmanager
def serve(site: Path, port: int = 0) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (``port`` 0: any free port) in a thread; yields its address."""
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site} holds no site: build it with `make lite`.")
    server = _Server(("127.0.0.1", port), functools.partial(SiteHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    # Compress ahead, largest first, as a static host keeps its files compressed: a visit then
    # waits for none of it.
    threading.Thread(target=_compress_ahead, args=(site,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve Closer's browser edition on this machine.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--site", type=Path, default=ROOT / "_site")
    args = parser.parse_args(argv)
    with serve(args.site, args.port) as url:
        print(f"Closer's browser edition: {url}  (Ctrl+C to stop)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
