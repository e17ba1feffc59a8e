"""The browser edition (`make lite`'s `_site/`) in a real Chromium, served from 127.0.0.1 with
nothing else reachable: every learner notebook runs all its cells without errors and its
widgets react (the same interactions as the server edition's suite), a reflection survives a
reload, the journal exports as Markdown and JSON, exercises open and download, and no request
ever leaves the site's origin.

`make test` builds the site first (only when its inputs changed). Each notebook gets a fresh
browser profile, so each starts as a new learner with an empty journal.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from .conftest import ROOT, wait_for_kernel
from .test_modules import INTERACTIONS, Notebook

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
from build_lite import SITE_BUNDLE
from learner_edition import LEFT_OUT
from lite_phases import wait_for_snapshot
from serve_lite import serve

pytestmark = pytest.mark.slow

SITE = ROOT / "_site"
LEARNER_NOTEBOOKS = [
    p for p in sorted((ROOT / "course").glob("*.ipynb")) if f"course/{p.name}" not in LEFT_OUT
]
WAIT = 120_000  # ms: a cold kernel on a busy machine


class Requests:
    """Every request the browser makes, from pages, workers and the service worker; any to
    another origin is refused before it leaves and remembered."""

    def __init__(self, origin: str):
        self.origin = origin
        self.seen: list[str] = []
        self.foreign: list[str] = []

    def _local(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("data", "blob") or f"{parts.scheme}://{parts.netloc}" == self.origin

    def watch(self, context) -> None:
        def route(route) -> None:
            if self._local(route.request.url):
                route.continue_()
            else:
                self.foreign.append(route.request.url)
                route.abort("blockedbyclient")

        context.route("**/*", route)
        context.on("request", lambda request: self.seen.append(request.url))

    def outside(self) -> list[str]:
        return sorted({*self.foreign, *(u for u in self.seen if not self._local(u))})


@pytest.fixture(scope="session")
def site() -> Iterator[str]:
    if not (SITE / "index.html").is_file():
        pytest.fail("The browser edition is not built: run `make lite` (`make test` builds it first).")
    with serve(SITE) as url:
        yield url


@pytest.fixture(scope="session")
def requests(site) -> Requests:
    parts = urlsplit(site)
    return Requests(f"{parts.scheme}://{parts.netloc}")


@pytest.fixture
def context(browser, requests):
    """A fresh browser profile (an empty journal), watched for requests leaving the origin."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    requests.watch(ctx)
    yield ctx
    ctx.close()


class LiteNotebook(Notebook):
    """A notebook open and run in the browser edition."""

    browser_edition = True

    def __init__(self, page, path: Path, site: str):
        super().__init__(page, path)
        self.site = site
        self.errors: list[str] = []
        page.on("pageerror", lambda err: self.errors.append(str(err)))

    def open(self, site: str) -> None:
        folder = self.path.parent.relative_to(ROOT).as_posix()
        self.page.goto(f"{site}lab/index.html?path={folder}/{self.path.name}")
        self.page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=WAIT)
        self.no_dialog()

    def no_dialog(self) -> None:
        """JupyterLab asks nothing of a learner opening a notebook (a dialog would say what broke)."""
        dialog = self.page.locator(".jp-Dialog")
        if dialog.count():
            self.page.screenshot(path=str(ROOT / "test-reports" / f"lite-dialog-{self.path.stem}.png"))
            pytest.fail(f"{self.path.name}: JupyterLab shows a dialog: {dialog.first.inner_text()!r}")

    def check_clean(self) -> None:
        """No error in any output, every code cell shows a widget, every chart drew."""
        page = self.page
        errors = page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']"
        ).all_inner_texts()
        assert not errors, f"{self.path.name} shows errors:\n" + "\n---\n".join(errors)
        broken = page.get_by_text(re.compile("Error displaying widget|Model not found|Failed to load"))
        assert broken.count() == 0, f"{self.path.name}: a widget failed to display"
        for i in range(self.code_cells):
            # a widget view in an output (anywidget's views carry no .jupyter-widgets class here)
            widgets = self.cell_output(i).locator(".jp-OutputArea-output .lm-Widget")
            assert widgets.count() > 0, f"{self.path.name}, code cell {i + 1}: no widget"
        charts = page.locator(".js-plotly-plot")
        for i in range(charts.count()):
            expect(charts.nth(i).locator(".main-svg").first).to_be_attached()


def _open(context, path: Path, site: str) -> LiteNotebook:
    page = context.new_page()
    page.set_default_timeout(30_000)
    nb = LiteNotebook(page, path, site)
    nb.open(site)
    nb.run_and_wait()
    return nb


@pytest.mark.parametrize("path", LEARNER_NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_runs_and_its_widgets_react(context, site, path, screenshots):
    nb = _open(context, path, site)
    nb.check_clean()
    INTERACTIONS[path.stem](nb)  # the server edition's interactions, here in the browser
    nb.page.wait_for_timeout(300)
    nb.page.screenshot(path=str(screenshots / f"lite-{path.stem}.png"))
    nb.check_clean()
    assert not nb.errors, f"{path.name}: errors in the page: {nb.errors}"


def _journal_panel(nb: LiteNotebook):
    return nb.output_with("course.journal_manager()")


def test_a_reflection_survives_a_reload_and_the_journal_exports(context, site):
    welcome = ROOT / "course" / "00_welcome.ipynb"
    nb = _open(context, welcome, site)
    words = f"Kept in the browser {time.time_ns()}"
    area = nb.output_with("course.reflection(")
    area.get_by_role("textbox").fill(words)  # named by its own question
    area.get_by_role("button", name=re.compile("^Save to my journal")).click()
    area.get_by_text("your reflection is in your journal").wait_for()
    panel = _journal_panel(nb)
    expect(panel, "the panel says where the journal is and what clears it").to_contain_text(
        "Clearing this browser's data for the site deletes your journal"
    )
    expect(panel, "the lock is not offered, and the panel says why").to_contain_text(
        "The lock is not available in the browser edition"
    )

    nb.page.reload()  # a new page, a new kernel: only the browser's storage remains
    nb.page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=WAIT)
    nb.run_and_wait()
    nb.check_clean()
    area = nb.output_with("course.reflection(")
    expect(area.locator("details"), "the saved reflection is still there").to_contain_text(words)
    panel = _journal_panel(nb)
    expect(panel).to_contain_text("1 reflection")

    panel.get_by_role("button", name="Export my journal").click()
    for name, check in (
        ("Download as Markdown", lambda text: text.startswith("# My Closer journal") and words in text),
        ("Download as JSON", lambda text: json.loads(text)["reflections"][0]["text"] == words),
    ):
        link = panel.get_by_role("link", name=name)
        link.wait_for()
        with nb.page.expect_download() as download:
            link.click()
        assert check(Path(download.value.path()).read_text(encoding="utf-8")), name


def test_an_exercise_opens_runs_its_checks_and_downloads(context, site):
    path = sorted((ROOT / "exercises").glob("*/*.ipynb"))[0]
    nb = _open(context, path, site)
    text = nb.page.locator(".jp-Notebook").inner_text()
    assert "not answered yet" in text, "the checks ran"
    assert "In the browser edition" in text and "File → Download" in text
    nb.page.locator("li.lm-MenuBar-item", has_text="File").first.click()
    with nb.page.expect_download() as download:
        nb.page.locator("li.lm-Menu-item[data-command='docmanager:download']").click()
    handed_in = nbformat.reads(Path(download.value.path()).read_text(encoding="utf-8"), as_version=4)
    original = nbformat.read(path, as_version=4)
    assert [c.metadata.get("nbgrader", {}).get("grade_id") for c in handed_in.cells] == [
        c.metadata.get("nbgrader", {}).get("grade_id") for c in original.cells
    ], "the download is the exercise, every graded cell in place"


WELCOME = ROOT / "course" / "00_welcome.ipynb"
NO_STORAGE = "could not reach your browser's storage"


def _first_cell(page) -> None:
    """Run the notebook's first cell (asked again if the page dropped it) until it shows a widget."""
    cell = page.locator(".jp-Notebook .jp-CodeCell").first
    widget = cell.locator(".jp-OutputArea-output .lm-Widget").first
    for _ in range(3):
        cell.locator(".jp-InputArea-prompt").click()
        page.keyboard.press("Shift+Enter")
        try:
            widget.wait_for(timeout=WAIT / 3)
            return
        except PlaywrightTimeout:  # not queued yet: ask again, as a learner would
            continue
    widget.wait_for(timeout=WAIT)


def test_the_kernel_takes_the_worker_the_page_started_and_a_restart_starts_afresh(context, site):
    """The page starts Python as it opens (scripts/build_lite.py, early_start): the kernel uses
    that worker, not a second one; a restart ends it and loads Python and the wheels anew."""
    page = context.new_page()
    page.goto(f"{site}lab/index.html?path=course/{WELCOME.name}")
    wait_for_kernel(page, timeout=WAIT)
    _first_cell(page)
    assert page.evaluate("window.closerEarlyWorker") is None, "the kernel took the early worker"
    assert len(page.workers) == 1, "one worker: the kernel's"
    page.locator("li.lm-MenuBar-item", has_text="Kernel").first.click()
    page.locator("li.lm-Menu-item[data-command='kernelmenu:restart-and-clear']").click()
    page.locator(".jp-Dialog button.jp-mod-accept").click()  # "Restart"
    expect(page.locator(".jp-Notebook .jp-CodeCell").first.locator(".jp-OutputArea-output")).to_have_count(0)
    wait_for_kernel(page, timeout=WAIT)
    _first_cell(page)
    expect(
        page.locator(".jp-Notebook .jp-CodeCell").first, "the restarted kernel runs the course"
    ).to_contain_text("Module 0: Welcome")
    assert NO_STORAGE not in page.locator(".jp-Notebook").inner_text()
    assert len(page.workers) == 1, "the first worker ended with the restart"


def test_coming_back_the_kernel_still_reaches_the_browsers_storage(context, site):
    """A learner's second visit: JupyterLite used to take the service worker for a new version
    then and register it again while the kernel started, which could leave the kernel without
    the drive (the journal written to memory, lost at the next reload)."""
    page = context.new_page()
    said: list[str] = []
    page.on("console", lambda message: said.append(message.text))
    url = f"{site}lab/index.html?path=course/{WELCOME.name}"
    for visit in ("first visit", "coming back", "and again"):
        said.clear()
        page.goto(url)
        wait_for_kernel(page, timeout=WAIT)
        _first_cell(page)
        page.wait_for_timeout(500)
        assert not any("NOT be synced" in text for text in said), f"{visit}: the kernel has no drive"
        assert not any("New version, unregistering" in text for text in said), visit
        assert NO_STORAGE not in page.locator(".jp-Notebook").inner_text(), visit
        assert not any("failed to activate" in text for text in said), f"{visit}: {said}"
        page.goto("about:blank")


def test_coming_back_python_starts_from_the_snapshot_the_first_visit_kept(context, site):
    """The first visit keeps Python's snapshot (in Cache Storage, a while after Python is up);
    the next visit loads it instead of starting Python, and the course works as before, its
    journal on the browser's drive. (What Python itself must be after loading a snapshot, the
    build checks in Node before shipping it: lite/snapshot.mjs.)"""
    page = context.new_page()
    said: list[str] = []
    page.on("console", lambda message: said.append(message.text))
    url = f"{site}lab/index.html?path=course/{WELCOME.name}"
    page.goto(url)
    wait_for_kernel(page, timeout=WAIT)
    _first_cell(page)
    wait_for_snapshot(page, timeout=WAIT / 1000)
    page.goto("about:blank")
    said.clear()
    page.goto(url)
    wait_for_kernel(page, timeout=WAIT)
    _first_cell(page)
    assert [w.evaluate("self.closerStartedFrom") for w in page.workers] == ["snapshot"], said
    expect(page.locator(".jp-Notebook .jp-CodeCell").first).to_contain_text("Module 0: Welcome")
    assert not any("NOT be synced" in text for text in said), "the kernel has its drive"
    assert NO_STORAGE not in page.locator(".jp-Notebook").inner_text()
    assert not any("Closer:" in text for text in said), said


def test_where_the_browser_refuses_storage_the_course_says_so(browser, site):
    """A browser without service workers (as in some private windows): the kernel starts without
    the drive after a short wait, and the first cell tells the learner what that means.
    (Playwright's own service_workers="block" pretends registration worked, which no browser does.)"""
    ctx = browser.new_context()
    ctx.add_init_script("Object.defineProperty(Navigator.prototype, 'serviceWorker', {get: () => undefined})")
    try:
        page = ctx.new_page()
        page.goto(f"{site}lab/index.html?path=course/{WELCOME.name}")
        wait_for_kernel(page, timeout=WAIT)
        _first_cell(page)
        first = page.locator(".jp-Notebook .jp-CodeCell").first
        expect(first).to_contain_text(NO_STORAGE)
        expect(first).to_contain_text("Reload the page")
    finally:
        ctx.close()


def test_nothing_leaves_the_site(requests, site):
    """Runs after the others (pytest keeps file order): every request they made stayed home."""
    assert any(u.endswith("pyodide.asm.wasm") for u in requests.seen), "the kernel's own requests are seen"
    assert any(u.endswith(SITE_BUNDLE) for u in requests.seen), "the early start's archive of the wheels"
    assert any("/closer-python-" in u for u in requests.seen), "Python's snapshot, kept for return visits"
    assert any(u.endswith(".whl") for u in requests.seen), "the wheels a restarted kernel loads"
    assert requests.outside() == []


def test_a_request_to_elsewhere_would_be_caught(browser, site):
    """Guard against a silent check: a page asking a CDN for something is refused and noted."""
    watched = Requests(site.rstrip("/"))
    ctx = browser.new_context()
    watched.watch(ctx)
    page = ctx.new_page()
    page.goto(site + "jupyter-lite.json")
    cdn = "https://cdn.jsdelivr.net/pyodide/v314.0.6/full/pyodide.mjs"
    page.evaluate("url => fetch(url).catch(() => null)", cdn)
    page.wait_for_timeout(300)
    ctx.close()
    assert watched.outside() == [cdn]
