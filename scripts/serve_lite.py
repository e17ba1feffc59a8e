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
import http.server
import sys
import threading
from collections.abc import Iterator
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


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        **TYPES,
    }

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # quiet: the tests read no logs
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


@contextlib.contextmanager
def serve(site: Path, port: int = 0) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (``port`` 0: any free port) in a thread; yields its address."""
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site} holds no site: build it with `make lite`.")
    server = _Server(("127.0.0.1", port), functools.partial(SiteHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
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
