"""`make bench` for the browser edition (`_site/`, served from 127.0.0.1):

- opening the site to the welcome notebook's first widget, with a cold browser cache (a first
  visit) and a warm one (coming back), against `make course`'s path on the same machine in the
  same run (starting JupyterLab, opening the same notebook, the same first widget). Each
  repetition measures the three one after another; the medians are compared.
- what a first visit downloads: every file the cold visit asked for, compressed as a static host
  sends it (gzip; archives as they are), and the whole site on disk for reference;
- a slider move to the redrawn chart in the browser edition (module 3's simulator), as
  tests/benchmarks/run.py measures it on a server.

Run it alone:  .venv/bin/python tests/benchmarks/run.py lite
"""

from __future__ import annotations

import gzip
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "_site"
WELCOME = "course/00_welcome.ipynb"
WAIT = 120  # s
COMPRESSED_ALREADY = (".whl", ".zip", ".gz", ".png", ".ico", ".woff", ".woff2")


def first_widget(page, url: str) -> None:
    """Open ``url`` (a notebook), run its first cell as a learner would (Shift+Enter), and return
    once that cell shows its widget. A run the page drops (its kernel not wired up yet) is asked
    for again, as a learner would."""
    page.goto(url)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator", timeout=WAIT * 1000)
    cell = page.locator(".jp-Notebook .jp-CodeCell").first
    prompt = cell.locator(".jp-InputArea-prompt")
    widget = cell.locator(".jp-OutputArea-output .lm-Widget").first
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        prompt.click()
        page.keyboard.press("Shift+Enter")
        again = time.monotonic() + 5
        while time.monotonic() < deadline:
            if widget.count():
                return
            if time.monotonic() > again and prompt.inner_text().strip() == "[ ]:":
                break  # not even queued: ask again
            time.sleep(0.02)
    shot = ROOT / "bench-results" / "lite-timeout.png"
    shot.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(shot))
    raise TimeoutError(f"{url}: no widget after {WAIT} s (the page then: {shot})")


def _sent_size(path: Path) -> int:
    data = path.read_bytes()
    if path.name.endswith(COMPRESSED_ALREADY):
        return len(data)
    return min(len(data), len(gzip.compress(data, compresslevel=6)))


def bench_lite() -> list[dict]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    from lite_phases import wait_for_snapshot
    from run import REPS, _row, slider_times
    from serve_lite import serve

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, TOKEN, serve_course

    if not (SITE / "index.html").is_file():
        raise RuntimeError("The browser edition is not built: run `make lite` first.")
    server_times, cold_times, warm_times, first_visit = [], [], [], set()
    viewport = {"width": 1280, "height": 1000}
    with serve(SITE) as site, sync_playwright() as playwright:
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(site))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(REPS):
            start = time.perf_counter()
            with serve_course() as lab:
                context = browser.new_context(viewport=viewport)
                first_widget(context.new_page(), f"{lab.url}/lab/tree/{WELCOME}?reset&token={TOKEN}")
                server_times.append(time.perf_counter() - start)
                context.close()

            context = browser.new_context(viewport=viewport)  # a new profile: nothing cached
            asked: set[str] = set()
            context.on("request", lambda r, asked=asked: asked.add(r.url))
            page = context.new_page()
            start = time.perf_counter()
            first_widget(page, f"{site}lab/index.html?path={WELCOME}")
            cold_times.append(time.perf_counter() - start)
            first_visit = first_visit or set(asked)  # up to the first widget
            # Coming back after the first visit has kept Python's snapshot (a while after its start)
            wait_for_snapshot(page)
            page.goto("about:blank")
            start = time.perf_counter()
            first_widget(page, f"{site}lab/index.html?path={WELCOME}")
            warm_times.append(time.perf_counter() - start)
            context.close()

        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        first_widget(page, f"{site}lab/index.html?path=course/03_avoider_and_pursuer.ipynb")
        page.locator("li.lm-MenuBar-item", has_text="Run").first.click()  # the kernel is ready now
        page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()
        page.wait_for_selector(
            "label.closer-range-label >> text=What I change", state="attached", timeout=WAIT * 1000
        )
        page.get_by_label("What I change in how I respond").scroll_into_view_if_needed()
        page.wait_for_timeout(1500)
        moves = slider_times(page)
        context.close()
        browser.close()

    files = {
        SITE / urlsplit(url).path.lstrip("/")
        for url in first_visit
        if url.startswith(origin) and "/api/" not in url
    }
    files = {(f / "index.html" if f.is_dir() else f) for f in files}
    sent = sum(_sent_size(f) for f in files if f.is_file())
    whole = sum(p.stat().st_size for p in SITE.rglob("*") if p.is_file())
    server, cold, warm = (statistics.median(t) for t in (server_times, cold_times, warm_times))
    slider = statistics.median(moves)
    return [
        _row(
            "browser edition: open the site to the welcome notebook's first widget, cold cache "
            "(baseline: `make course`'s path, JupyterLab start to the same widget)",
            cold,
            server,
            "<= 1.0x",
            cold / server <= 1.0,
        ),
        _row(
            "browser edition: the same, warm cache (coming back)",
            warm,
            server,
            "<= 0.5x",
            warm / server <= 0.5,
        ),
        {
            "figure": f"browser edition: what a first visit downloads, compressed ({len(files)} files; "
            f"the whole site is {whole / 1e6:.0f} MB on disk)",
            "subject": round(sent / 1e6, 2),
            "baseline": None,
            "ratio": None,
            "unit": "MB",
            "target": "-",
            "met": True,
        },
        {
            "figure": "browser edition: Python's snapshot, fetched in the background after a first visit "
            "for faster return visits",
            "subject": round(
                sum(p.stat().st_size for p in (SITE / "static" / "pyodide").glob("closer-python-*")) / 1e6, 2
            ),
            "baseline": None,
            "ratio": None,
            "unit": "MB",
            "target": "-",
            "met": True,
        },
        {
            "figure": "browser edition: slider move to redrawn chart (module 3 simulator, 30 moves' median)",
            "subject": round(slider, 1),
            "baseline": None,
            "ratio": None,
            "unit": "ms",
            "target": "< 100 ms",
            "met": slider < 100,
            "p90": round(sorted(moves)[int(0.9 * len(moves)) - 1], 1),
        },
    ]
