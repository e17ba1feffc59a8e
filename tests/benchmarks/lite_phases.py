"""Where the browser edition's start-up time goes: the welcome notebook opened in Chromium, its
first cell run, phase by phase, on a first visit and coming back.

It serves a copy of `_site/` whose kernel worker (JupyterLite's, minified) and Pyodide loader
put performance marks between their steps, and reads them from the worker afterwards, with the
page's own moments (the notebook shown, the first widget). Times are seconds from opening the
page. The copy loads the wheels after Python has started rather than alongside, so that the two
can be told apart; otherwise it is the site as learners get it. Not part of `make bench`, which
times the whole; this says which part to work on.

    python tests/benchmarks/lite_phases.py [--site _site] [--runs 1]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WELCOME = "course/00_welcome.ipynb"

# (text in the file, what goes before it): each must be found exactly once.
WORKER_MARKS = [
    ("await this.initRuntime(e),", "performance.mark('python and wheels ready'),"),
    ("await this.initPackageManager(e),", "performance.mark('piplite imported'),"),
    ("await this.initKernel(e),", "performance.mark('kernel ready'),"),
]
WORKER_EDITS = [
    ("{loadPyodide:n}=await zo(t);", "{loadPyodide:n}=await zo(t);performance.mark('pyodide.mjs loaded');"),
    (
        "...e.loadPyodideOptions}),this._pyodide._api.on_fatal=",
        "...e.loadPyodideOptions,packages:[]}),performance.mark('python started'),"
        "await this._pyodide.loadPackage(e.loadPyodideOptions.packages),this._pyodide._api.on_fatal=",
    ),
    (
        "async initialize(e){var t;",
        "async initialize(e){var t;performance.mark('the kernel asks for Python');",
    ),
    (
        "async execute(e,t){await this.setup(t);",
        "async execute(e,t){performance.mark('a cell starts');await this.setup(t);",
    ),
    (
        "let l=await this._kernel.run(e.code),",
        "let l=await this._kernel.run(e.code);performance.mark('cell ran');let ",
    ),
]
LOADER_EDITS = [
    (
        "n?l=await WebAssembly.instantiateStreaming(n,s):",
        "performance.mark('webassembly asked for');n?l=await WebAssembly.instantiateStreaming(n,s):",
    ),
    ("let{instance:d,module:u}=l;", "performance.mark('webassembly ready');let{instance:d,module:u}=l;"),
]
# The page's own steps, kept with the moments PAGE_WATCH sees.
KERNEL_CREATE = "create:async e=>{"
PAGE_MARK = 'window.__closerSeen&&(window.__closerSeen["{}"]=performance.now());'
PAGE_WATCH = """(() => {
  const seen = {};
  const wanted = {'notebook shown': '.jp-Notebook',
                  'first widget shown': '.jp-Notebook .jp-CodeCell .jp-OutputArea-output .lm-Widget'};
  new MutationObserver(() => {
    for (const [name, selector] of Object.entries(wanted))
      if (!seen[name] && document.querySelector(selector)) seen[name] = performance.now();
  }).observe(document, {subtree: true, childList: true});
  window.__closerSeen = seen;
})();"""


def _edit(path: Path, edits: list[tuple[str, str]]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        if text.count(old) != 1:
            raise SystemExit(f"{path.name} has changed ({old!r} not found once): update lite_phases.py")
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def marked_copy(site: Path, into: Path) -> Path:
    copy = into / "site"
    shutil.copytree(site, copy)
    static = copy / "extensions" / "@jupyterlite" / "pyodide-kernel-extension" / "static"
    for worker in static.glob("comlink.worker.*.js"):
        _edit(worker, [(old, old + mark) for old, mark in WORKER_MARKS] + WORKER_EDITS)
    _edit(copy / "static" / "pyodide" / "pyodide.mjs", LOADER_EDITS)
    for plugin in static.glob("*.js"):
        if KERNEL_CREATE in plugin.read_text(encoding="utf-8"):
            _edit(plugin, [(KERNEL_CREATE, KERNEL_CREATE + PAGE_MARK.format("the page creates the kernel"))])
    return copy


def visit(page, url: str) -> None:
    """Open the welcome notebook and run its first cell as the bench does (Shift+Enter, asked
    again if the page dropped it), until that cell shows its widget."""
    page.goto(url)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator", timeout=120_000)
    cell = page.locator(".jp-Notebook .jp-CodeCell").first
    prompt = cell.locator(".jp-InputArea-prompt")
    widget = cell.locator(".jp-OutputArea-output .lm-Widget").first
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not widget.count():
        prompt.click()
        page.keyboard.press("Shift+Enter")
        again = time.monotonic() + 5
        while time.monotonic() < deadline and not widget.count():
            if time.monotonic() > again and prompt.inner_text().strip() == "[ ]:":
                break  # not even queued: ask again
            time.sleep(0.02)
    page.wait_for_timeout(300)


def wait_for_snapshot(page, timeout: float = 60) -> None:
    """Wait until the first visit has kept Python's snapshot for the next (a while after its start)."""
    deadline = time.monotonic() + timeout
    kept = (
        "caches.open('closer-python').then(c => c.keys())"
        ".then(k => k.some(r => r.url.includes('/closer-python-')))"
    )
    while not page.evaluate(kept):
        if time.monotonic() > deadline:
            raise TimeoutError("The first visit kept no Python snapshot for the next.")
        time.sleep(0.5)


def timeline(page) -> list[tuple[float, str]]:
    origin = page.evaluate("performance.timeOrigin")
    events = [(t, name) for name, t in (page.evaluate("window.__closerSeen") or {}).items()]
    for worker in page.workers:
        marks = worker.evaluate(
            "[performance.timeOrigin, performance.getEntriesByType('mark').map(m => [m.name, m.startTime])]"
        )
        if marks[1]:
            events.append((marks[0] - origin, "kernel's worker starts"))
            events += [(marks[0] - origin + t, name) for name, t in marks[1]]
    return sorted(events)


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    from serve_lite import serve

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_site")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        site = marked_copy(args.site, Path(scratch))
        with serve(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for run in range(args.runs):
                context = browser.new_context(viewport={"width": 1280, "height": 1000})
                page = context.new_page()
                page.add_init_script(PAGE_WATCH)
                for visit_name in ("first visit", "coming back"):
                    visit(page, f"{url}lab/index.html?path={WELCOME}")
                    print(f"\n{visit_name} (run {run + 1})")
                    for t, name in timeline(page):
                        print(f"  {t / 1000:6.2f} s  {name}")
                    if visit_name == "first visit":
                        wait_for_snapshot(page)
                    page.goto("about:blank")
                context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
