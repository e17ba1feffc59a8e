"""Every course notebook in a real JupyterLab: runs cleanly, renders every widget, reacts as a
learner expects, and is usable by every learner, which axe alone cannot show: every tool
completed with the keyboard alone (Tab stops counted), names unique, text contrast measured in
the light and the dark theme, and nothing overlapping or cut off on a phone.

One Chromium page per notebook: open it, Run All, then the tests below look at the result, in
order. Screenshots of each notebook (light, dark, phone) go to test-reports/screenshots/, and the
keyboard walk's Tab stops to test-reports/keyboard/, for whoever reads the report.
"""

from __future__ import annotations

import re
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect

from course import partner

from .a11y import CONTRAST_JS, LAYOUT_JS, accessible_names, duplicates, failures, unnamed
from .conftest import ROOT, TOKEN, wait_for_kernel
from .keyboard import walk_cell

pytestmark = pytest.mark.slow

NOTEBOOKS = sorted((ROOT / "course").glob("*.ipynb"))
# Notebooks that are not modules: no quiz and no reflections.
FACILITATOR_NOTEBOOKS = {"cohort_report", "facilitator_guide", "before_you_start"}
# Optional companions to a module: a learner's tools, walked by keyboard, but no quiz or reflections.
COMPANIONS = {"03_together", "05_practice"}
WAIT = 90_000  # ms


class Notebook:
    """A course notebook open and run in JupyterLab.

    A JupyterLab dialog that appears mid-test (a busy machine can bring one up, and one once
    intercepted the Run menu) is dismissed as soon as it blocks an action, and its words are
    kept in ``dialogs``, so a failure can say what JupyterLab said.
    """

    browser_edition = False  # the browser edition's notebook says True (tests/browser/test_lite.py)

    def __init__(self, page, path: Path):
        self.page = page
        self.path = path
        self.code_cells = sum(1 for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
        self.dialogs: list[str] = handle_dialogs(page)

    def open_and_run(self, lab_url: str) -> None:
        self.open(lab_url)
        self.run_and_wait()

    def open(self, lab_url: str) -> None:
        """Open the notebook in a fresh JupyterLab page and wait for its kernel."""
        self.page.goto(f"{lab_url}/lab/tree/course/{self.path.name}?reset&token={TOKEN}")
        wait_for_kernel(self.page, WAIT)

    def run_and_wait(self) -> None:
        """Run All, wait until every code cell has run, and show every output."""
        page = self.page
        self.run_all()
        deadline = time.monotonic() + WAIT / 1000
        nudge = time.monotonic() + 20
        while time.monotonic() < deadline:
            prompts = page.locator(".jp-CodeCell .jp-InputArea-prompt").all_text_contents()
            if time.monotonic() > nudge and all(p.strip() == "[ ]:" for p in prompts):
                # a busy machine can drop the first Run All before the kernel is wired up
                self.run_all()
                nudge = time.monotonic() + 20
            done = len(prompts) == self.code_cells and all(re.search(r"\[\d+\]", p) for p in prompts)
            idle = page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").count()
            if done and idle:
                break
            time.sleep(0.25)
        else:
            said = f"; JupyterLab's dialogs said: {self.dialogs}" if self.dialogs else ""
            pytest.fail(f"{self.path.name}: Run All did not finish (prompts: {prompts}){said}")
        self.reveal_all()

    def run_all(self) -> None:
        self.page.locator("li.lm-MenuBar-item", has_text="Run").first.click()
        self.page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()

    def reveal_all(self) -> None:
        """Scroll every cell into view once, so windowed rendering attaches every output."""
        cells = self.page.locator(".jp-Notebook .jp-Cell")
        for i in range(cells.count()):
            cells.nth(i).scroll_into_view_if_needed()
        self.page.wait_for_timeout(500)

    def cell_output(self, index: int):
        """The output area of the index-th code cell."""
        return self.page.locator(".jp-Notebook .jp-CodeCell").nth(index).locator(".jp-Cell-outputArea")

    def has(self, text: str) -> bool:
        """Whether any code cell calls ``text``."""
        return any(
            text in c.source for c in nbformat.read(self.path, as_version=4).cells if c.cell_type == "code"
        )

    def output_with(self, text: str):
        """The output area of the first code cell whose source contains ``text``."""
        nb = nbformat.read(self.path, as_version=4)
        codes = [c.source for c in nb.cells if c.cell_type == "code"]
        index = next(i for i, source in enumerate(codes) if text in source)
        area = self.cell_output(index)
        area.scroll_into_view_if_needed()
        return area

    def sources(self) -> list[str]:
        return [c.source for c in nbformat.read(self.path, as_version=4).cells if c.cell_type == "code"]

    def outputs(self):
        """Every output element of the notebook (what the course draws), as a list in the page."""
        self.reveal_all()
        return self.page.evaluate_handle(
            "() => [...document.querySelectorAll('.jp-Notebook .jp-OutputArea-output')]"
        )

    def set_theme(self, name: str) -> None:
        """Switch JupyterLab's theme from its Settings menu, as a learner would, and wait until
        every chart has followed."""
        page = self.page
        page.locator("li.lm-MenuBar-item", has_text="Settings").first.click()
        page.locator("li.lm-Menu-item", has_text="Theme").first.hover()
        page.get_by_role("menuitem", name=name, exact=True).click()
        light = "true" if "Light" in name else "false"
        page.wait_for_selector(f"body[data-jp-theme-light='{light}']", state="attached")
        theme = "light" if light == "true" else "dark"
        page.wait_for_function(
            """(theme) => [...document.querySelectorAll('.closer-chart')]
                .every(c => !c.querySelector('.js-plotly-plot') || c.dataset.theme === theme)""",
            arg=theme,
        )
        page.wait_for_timeout(500)  # the theme's stylesheet settles

    def left_sidebar(self, open_: bool) -> None:
        """Open or close JupyterLab's left sidebar (the file browser)."""
        width = self.page.evaluate(
            "() => document.querySelector('#jp-left-stack').getBoundingClientRect().width"
        )
        if (width > 0) != open_:
            self.page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab").first.click()
            self.page.wait_for_timeout(500)

    def full_screenshot(self, path: Path) -> None:
        """The whole notebook in one picture: the window is made as tall as the notebook."""
        page = self.page
        size = page.viewport_size
        tall = page.evaluate(
            "() => document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer')?.scrollHeight ?? 0"
        )
        page.set_viewport_size(
            {"width": size["width"], "height": int(min(max(size["height"], tall + 200), 16_000))}
        )
        page.evaluate(
            "() => document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer')?.scrollTo(0, 0)"
        )
        page.wait_for_timeout(800)
        page.screenshot(path=str(path))
        page.set_viewport_size(size)
        page.wait_for_timeout(300)


def handle_dialogs(page) -> list[str]:
    """Dismiss any JupyterLab dialog that blocks an action, keeping what it said.

    "Select Kernel" is accepted (it keeps the notebook's own kernel); any other dialog is
    answered with its cancel button, the choice that changes nothing."""
    said: list[str] = []

    def dismiss(dialog) -> None:
        text = " ".join(dialog.inner_text().split())
        said.append(text)
        answer = ".jp-mod-accept" if "Select Kernel" in text else ".jp-mod-reject"
        button = dialog.locator(f"button.jp-Dialog-button{answer}")
        try:
            button.first.click(timeout=5_000)
        except Exception:  # no such button, or it would not take a click: the keyboard's way out
            page.keyboard.press("Enter" if "Select Kernel" in text else "Escape")

    def close_toast(toast) -> None:
        said.append("notice: " + " ".join(toast.inner_text().split()))
        close = toast.locator("button[aria-label*='close' i], .Toastify__close-button")
        if close.count():
            close.first.click(timeout=5_000)
        else:
            toast.evaluate("el => el.remove()")

    page.add_locator_handler(page.locator(".jp-Dialog"), dismiss)
    # A notice in the corner (JupyterLab's notifications) can sit over the controls under it.
    page.add_locator_handler(page.locator(".Toastify__toast"), close_toast)
    return said


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=lambda p: p.stem)
def notebook(request, lab, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    nb = Notebook(page, request.param)
    try:
        nb.open_and_run(lab.url)
        yield nb
    finally:
        if nb.dialogs:
            warnings.warn(f"{nb.path.name}: JupyterLab showed dialogs: {nb.dialogs}", stacklevel=1)
        context.close()
        lab.set_theme("JupyterLab Light")  # whatever a failed test left, the next notebook starts light
        lab.shutdown_kernels()


def test_runs_without_errors(notebook):
    page = notebook.page
    errors = page.locator(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']"
    ).all_inner_texts()
    assert not errors, f"{notebook.path.name} shows errors:\n" + "\n---\n".join(errors)


def test_every_widget_renders(notebook):
    page = notebook.page
    broken = page.get_by_text(re.compile("Error displaying widget|Model not found|Failed to load")).count()
    assert broken == 0, f"{notebook.path.name}: a widget failed to display"
    for i in range(notebook.code_cells):
        area = notebook.cell_output(i)
        # ipywidgets' views carry .jupyter-widgets; the course's own anywidget controls, shown on
        # their own (Leave quickly), carry their closer-* class instead
        shown = area.locator(".jupyter-widgets, .jp-OutputArea-output > .lm-Widget[class*='closer-']")
        assert shown.count() > 0, f"code cell {i + 1} shows no widget"
    charts = page.locator(".js-plotly-plot")
    for i in range(charts.count()):
        assert charts.nth(i).locator(".main-svg").count() > 0, "a chart did not draw"
    for i in range(notebook.code_cells):
        area = notebook.cell_output(i)
        if area.locator(".js-plotly-plot").count():
            assert "In words" in (area.text_content() or ""), (
                f"the chart in code cell {i + 1} has no text summary"
            )
    assert (
        page.locator(".modebar-btn[data-title*='Share'], .modebar-btn[data-title*='Chart Studio']").count()
        == 0
    )


def test_every_control_is_named_by_its_own_label(notebook):
    """Each control's label points at that control alone (ids are unique on the page), and each
    radio group's options share a name of their own (one group, one Tab stop)."""
    page = notebook.page
    ids = page.locator(".jp-OutputArea-output [id]").evaluate_all("els => els.map(e => e.id)")
    assert len(ids) == len(set(ids)), "two elements share an id"
    for label in page.locator(".jp-OutputArea-output label[for]").all():
        target = label.get_attribute("for")
        assert page.locator(f"#{target}").count() == 1
    groups = page.locator("fieldset.closer-radios").evaluate_all(
        "els => els.map(f => new Set([...f.querySelectorAll('input[type=radio]')].map(i => i.name)).size)"
    )
    assert all(n == 1 for n in groups), "each radio group is one named group"
    names = page.locator("fieldset.closer-radios input[type=radio]").evaluate_all(
        "els => new Set(els.map(i => i.name)).size"
    )
    assert names == len(groups), "no two radio groups share a name"


def test_controls_have_unique_meaningful_names(notebook):
    """No two controls in a notebook share a name (three reflection boxes are named by their
    prompts; module 7's three "A small first step" boxes by their intention), and none is nameless."""
    names: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    nameless: list[str] = []
    for area in notebook.page.locator(".jp-Notebook .jp-OutputArea-output").all():
        snapshot = area.aria_snapshot()
        names += accessible_names(snapshot)
        options += accessible_names(snapshot, roles=("radio",))
        nameless += unnamed(snapshot)
    assert not nameless, f"{notebook.path.name}: controls without a name: {nameless}"
    # Leave quickly is the same action at the top of the page and in the journal panel (modules
    # 0 and 7): the same name for the same function, as WCAG's consistent identification asks.
    twice = [d for d in duplicates(names) if d != ("button", "Leave quickly")]
    assert not twice, f"{notebook.path.name}: names used twice: {twice}"
    bare = [name for _, name in names + options if re.fullmatch(r"[\d\s.]*", name)]
    assert not bare, f"{notebook.path.name}: options named by a bare number: {bare}"


# What shows that a tool was completed by the keyboard walk (None: nothing to complete, or the
# walk's own checks of each control are the evidence).
COMPLETED: dict[str, str | None] = {
    "course.module_start(": None,
    "course.leave_quickly()": None,  # one button that leaves the page: tested on its own below
    "course.progress_overview()": None,
    "course.progress_charts()": None,
    "course.journal_review()": None,
    "course.pursue_withdraw()": None,
    "course.pacing_chart()": None,
    "course.cohort_report()": None,
    "course.checkin()": "check-in saved",
    "course.reflection(": "your reflection is in your journal",
    "course.module_done(": "marked as finished",
    "course.journal_manager()": "exported",
    "course.quiz(": r"(\d+) of \1 answered",
    "course.closeness_map()": "is off your map",
    "course.signs_check()": "saved to your private journal",
    "course.roots_reflection()": "your reflection is in your journal",
    "course.patterns_check()": "(?=[\\s\\S]*Where you sit today)(?=[\\s\\S]*saved to your private journal)",
    "course.flag_sorter()": "course reads it",
    "course.yellow_flag_triage()": "What to do:",
    "course.emotion_explorer()": "saved to your journal",
    "course.conversation_planner()": "your plan is saved",
    "course.small_steps_ladder()": "is off your ladder",
    "course.marble_simulator()": "You have changed the story's settings",
    "course.plan_builder()": "your plan is saved",
    "course.practice_skill(": "(?=[\\s\\S]*To try|[\\s\\S]*What works)(?=[\\s\\S]*saved to your journal)",
    "course.practice_calendar()": "your calendar file is ready",
    "course.before_and_after(": "saved to your private journal as your answers",
    "course.partner_mode()": "the joint view is saved to your private journal",
}
KEYBOARD = ROOT / "test-reports" / "keyboard"
MODULES = {m.stem for m in NOTEBOOKS if re.match(r"\d\d_", m.stem)}


def test_keyboard_alone_completes_every_tool(notebook):
    """Tab through every output and complete each tool with keys alone; arrows change radios
    and drop-downs and keep the focus (and JupyterLab's selected cell) where they were; the
    focus is always visible and never drops to the top of the page."""
    if notebook.path.stem not in MODULES:
        return  # the facilitator's notebooks are not part of a learner's walk
    page = notebook.page
    cells = page.locator(".jp-Notebook .jp-CodeCell")
    walks = []
    for i, source in enumerate(notebook.sources()):
        cell = cells.nth(i)
        index = cell.evaluate("el => [...document.querySelectorAll('.jp-Notebook .jp-Cell')].indexOf(el)")
        walks.append(walk_cell(page, cell, index, source))
    KEYBOARD.mkdir(parents=True, exist_ok=True)
    lines = []
    for w in walks:
        call = w.source.strip().splitlines()[-1]
        lines.append(f"{call}: {w.tab_stops} Tab stops")
        lines += [f"    {s.kind}: {s.name}" + (f"  [{s.did}]" if s.did else "") for s in w.stops]
    (KEYBOARD / f"{notebook.path.stem}.txt").write_text("\n".join(lines) + "\n")
    problems = [f"{w.source.strip().splitlines()[-1]}: {p}" for w in walks for p in w.problems]
    assert not problems, "\n".join(problems)
    for i, w in enumerate(walks):
        call = w.source.strip().splitlines()[-1]
        evidence = next((v for k, v in COMPLETED.items() if call.startswith(k)), "missing")
        assert evidence != "missing", f"say what completes {call} in COMPLETED"
        if evidence is not None:
            expect(notebook.cell_output(i), f"{call} was completed by keys alone").to_contain_text(
                re.compile(evidence)
            )
        if call.startswith("course.patterns_check()"):
            assert w.tab_stops <= 40, f"the self-assessment takes {w.tab_stops} Tab stops"
        if call.startswith("course.before_and_after("):
            radios = sum(1 for s in w.stops if s.kind == "radio")
            assert radios == 8, f"each of the eight statements is one Tab stop, got {radios}"
            assert w.tab_stops <= 16, f"the before-and-after check takes {w.tab_stops} Tab stops"


def test_quiz_answers_explain_themselves(notebook):
    if not notebook.has("course.quiz("):
        assert notebook.path.stem in FACILITATOR_NOTEBOOKS | COMPANIONS, "every module has a quiz"
        return
    area = notebook.output_with("course.quiz(")
    first = area.locator("fieldset.closer-radios").first
    first.locator("label.closer-radio").nth(2).click()
    expect(area.get_by_role("status").first).to_contain_text(re.compile(r"✓ Right\.|✗ Not quite\."))
    expect(area).to_contain_text(re.compile(r"\d of \d+ answered"))


def test_reflection_saves_and_shows_what_was_saved(notebook):
    if not notebook.has("course.reflection("):
        assert notebook.path.stem in FACILITATOR_NOTEBOOKS | COMPANIONS, "every module has reflections"
        return
    area = notebook.output_with("course.reflection(")
    words = f"Written in the browser for {notebook.path.stem}"
    area.get_by_role("textbox").fill(words)
    area.get_by_role("button", name=re.compile("^Save to my journal")).click()
    expect(area.locator("details"), "the saved words are listed").to_contain_text(words)
    expect(area.get_by_role("status").first).to_contain_text("your reflection is in your journal")


def _move_slider(slider, steps: int) -> None:
    """Move a slider with the keyboard, as a learner would, and check it really moved."""
    before = int(slider.input_value())
    slider.focus()
    for _ in range(abs(steps)):
        slider.press("ArrowRight" if steps > 0 else "ArrowLeft")
    low, high = int(slider.get_attribute("min")), int(slider.get_attribute("max"))
    assert int(slider.input_value()) == max(low, min(high, before + steps)), "the slider moved"


def _welcome(nb: Notebook) -> None:
    area = nb.output_with("course.checkin()")
    slider = area.locator("input[type=range]").first
    before = slider.input_value()
    _move_slider(slider, 3)
    assert slider.input_value() == str(int(before) + 3), "the keyboard moves the slider"
    area.get_by_role("button", name="Save check-in").click()
    area.get_by_text("check-in saved").wait_for()
    area.get_by_text(f"Connected {int(before) + 3}").wait_for()
    nb.page.wait_for_function(  # the chart shows the check-in (it redraws a moment after the words)
        "el => el.querySelectorAll('.js-plotly-plot .scatterlayer .trace').length >= 4",
        arg=area.element_handle(),
    )
    # one check-in's time axis shows dates, never fractions of a second
    ticks = area.locator(".js-plotly-plot .xtick text").all_text_contents()
    assert ticks and not any(re.search(r"\d:\d\d", t) for t in ticks), ticks

    # A reflection saved with nothing in it says why it was not saved (the ✗ status is then on
    # the page for the contrast checks), and a kept journal says so (the ℹ one).
    reflection = nb.output_with("course.reflection(")
    reflection.get_by_role("button", name=re.compile("^Save to my journal")).click()
    expect(reflection).to_contain_text("✗ Not saved")

    journal = nb.output_with("course.journal_manager()")
    journal.get_by_role("button", name=re.compile("^Delete everything")).click()
    keep = journal.get_by_role("button", name="Keep my journal")
    expect(keep, "the safe answer takes the focus").to_be_focused()
    keep.press("Enter")
    expect(journal).to_contain_text("ℹ Note: nothing was deleted.")
    expect(journal.get_by_role("button", name=re.compile("^Delete everything"))).to_be_focused()
    journal.get_by_role("button", name="Export my journal").click()
    link = journal.get_by_role("link", name="Download as Markdown")
    link.wait_for()
    with nb.page.expect_download() as download:
        link.click()
    text = Path(download.value.path()).read_text()
    assert text.startswith("# My Closer journal") and "connected" in text

    _answer_the_check(nb, "start")
    # the printable workbook, from the journal panel: the learner ticks what goes in (drafts and
    # partner views start unticked), then a page to print and a PDF
    parts = journal.get_by_role("group", name="What goes in my workbook")
    expect(parts.get_by_label("Unfinished drafts")).not_to_be_checked()
    expect(parts.get_by_label("Partner views")).not_to_be_checked()
    parts.get_by_label("My check-ins").uncheck()
    parts.get_by_label("Before and after").check()  # the keyboard walk may have unticked it
    journal.get_by_role("button", name=re.compile("^Make my printable workbook")).click()
    expect(journal).to_contain_text("your workbook is ready")
    page_link = journal.get_by_role("link", name="Download my workbook (web page, to print)")
    with nb.page.expect_download() as download:
        page_link.click()
    page = Path(download.value.path()).read_text()
    assert page.startswith("<!DOCTYPE html>") and "<h1>My workbook</h1>" in page
    assert 'id="wb-checkins"' not in page, "an unticked part is left out"
    assert re.fullmatch(r"notes-\d{4}-\d\d-\d\d\.html", download.value.suggested_filename)
    assert 'id="wb-measure"' in page and '<svg class="wb-chart"' in page, "the check's change, charted"
    if nb.browser_edition:  # no Chromium inside the page's own Python: said in words, no link
        expect(journal).to_contain_text("a PDF cannot be made inside the browser edition")
        expect(journal.get_by_role("link", name="Download my workbook (PDF)")).to_have_count(0)
        return
    with nb.page.expect_download() as download:
        journal.get_by_role("link", name="Download my workbook (PDF)").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")


def _answer_the_check(nb: Notebook, when: str) -> None:
    """Answer the before-and-after check with the mouse and save it: it is scored, saved with its
    date and charted (the keyboard walk may have saved one already: then it is along the way)."""
    area = nb.output_with(f'course.before_and_after("{when}")')
    groups = area.locator("fieldset.closer-radios")
    assert groups.count() == 8
    for i in range(8):
        groups.nth(i).locator("label.closer-radio").nth(1 + i % 5).click()
    expect(area).to_contain_text("8 of 8 answered")
    area.get_by_role("button", name=re.compile("^Save my answers")).click()
    expect(area).to_contain_text(re.compile("saved to your private journal as your answers (at the|along)"))
    expect(area).to_contain_text("Your scores today")
    expect(area.get_by_role("status").filter(has_text="saved to your private journal")).to_be_focused()
    nb.page.wait_for_function(  # the chart shows the saved answers: bars, or lines over time
        "el => el.querySelectorAll('.js-plotly-plot .barlayer .trace, .js-plotly-plot .scatterlayer .trace')"
        ".length >= 1",
        arg=area.element_handle(),
    )
    expect(area).to_contain_text(re.compile("In words: (From|You answered|The chart shows)"))
    expect(area).to_contain_text("What this can and cannot say")


def _what_is_intimacy(nb: Notebook) -> None:
    area = nb.output_with("course.closeness_map()")
    area.get_by_label("Name, nickname or initials").fill("Robin")
    # the keyboard walk has been here: choose every field again
    area.get_by_label("Who they are to you").select_option(label="Friend")
    area.get_by_label("Opening up").select_option(label="Mostly I open up")
    slider = area.locator("input[type=range]").first
    _move_slider(slider, -2)
    level = slider.input_value()
    area.get_by_role("button", name="Add to my map").click()
    area.get_by_text("Robin is on your map").wait_for()
    chart = area.locator(".js-plotly-plot").first
    expect(chart, "the chart draws the new person").to_contain_text("Robin")
    expect(chart, "the empty-map hint is gone").not_to_contain_text("Add someone to see them")
    expect(area, "the slider's value was used").to_contain_text(f"Robin (friend), closeness {level} of 10")
    expect(area, "mid-sentence, the capital I stays").to_contain_text(
        f"Robin: friend, closeness {level}, mostly I open up"
    )
    # Remove, by keyboard: the focus goes to the words saying what happened, not the top of the page
    remove = area.get_by_role("button", name="Remove Robin")
    remove.focus()
    remove.press("Enter")
    expect(area.get_by_role("status").filter(has_text="Robin is off your map")).to_be_focused()


def _chart_data(area) -> str:
    """The plotted values of the first chart in ``area``, as the browser holds them."""
    return area.locator(".js-plotly-plot").first.evaluate(
        "el => JSON.stringify(el.data.map(t => [t.x, t.y]))"
    )


def _fear_of_intimacy(nb: Notebook) -> None:
    area = nb.output_with("course.signs_check()")
    first = area.locator("fieldset.closer-checks .closer-check").first
    sign = first.inner_text().strip()
    first.locator("input").check()
    area.get_by_text("A gentle reading").wait_for()
    expect(area, "the reading names the ticked sign").to_contain_text(
        re.compile("A gentle reading[\\s\\S]*" + re.escape(sign))
    )
    area.get_by_role("button", name=re.compile("^Save to my journal")).click()
    area.get_by_text("saved to your private journal").wait_for()


def _avoider_and_pursuer(nb: Notebook) -> None:
    area = nb.output_with("course.patterns_check()")
    groups = area.locator("fieldset.closer-radios")
    for i in range(groups.count()):
        groups.nth(i).locator("label.closer-radio").nth(2 + i % 3).click()
    area.get_by_role("button", name="See where I sit").click()
    area.get_by_text("on the Avoider scale").first.wait_for()
    expect(area.locator(".js-plotly-plot").first).to_contain_text("you, now")

    sim = nb.output_with("course.pursue_withdraw()")
    words = sim.get_by_role("status").filter(has_text="In words, what you are seeing")
    before_words = words.inner_text()
    before = _chart_data(sim)
    _move_slider(sim.get_by_label("What I change in how I respond"), 8)
    _wait_for_new_chart(nb, sim, before)
    expect(words, "the words follow the chart").not_to_have_text(before_words, use_inner_text=True)


def _wait_for_new_chart(nb: Notebook, area, before: str) -> None:
    """Wait until the chart in ``area`` shows other data (the plot element may be replaced)."""
    nb.page.wait_for_function(
        """([area, old]) => {
            const plot = area.querySelector('.js-plotly-plot');
            return plot && plot.data && JSON.stringify(plot.data.map(t => [t.x, t.y])) !== old;
        }""",
        arg=[area.element_handle(), before],
    )


def _healthy_intimacy(nb: Notebook) -> None:
    pace = nb.output_with("course.pacing_chart()")
    before = _chart_data(pace)
    _move_slider(pace.locator("input[type=range]").first, -3)
    _wait_for_new_chart(nb, pace, before)
    before_words = pace.inner_text()
    pace.get_by_role("button", name=re.compile("^Try: ")).first.click()
    nb.page.wait_for_function(
        "([el, old]) => el.innerText !== old", arg=[pace.element_handle(), before_words]
    )

    sorter = nb.output_with("course.flag_sorter()")
    scene = sorter.inner_text()
    sorter.get_by_role("button", name="⚠ Yellow flag").click()
    nb.page.wait_for_function("([el, old]) => el.innerText !== old", arg=[sorter.element_handle(), scene])
    sorter.get_by_role("button", name="Next scene →").click()
    # Scene 6 describes control: only its title and a content note show until asked for.
    for _ in range(4):
        sorter.get_by_role("button", name="Next scene →").click()
    sorter.locator("b", has_text="Content note:").wait_for()
    assert "reads your messages" not in sorter.inner_text()
    # Each widget state change is its own kernel message, so the buttons' state may land
    # a moment after the note: expect() waits for it instead of reading it once.
    expect(sorter.get_by_role("button", name="✕ Red flag")).to_be_disabled()
    sorter.get_by_role("button", name="Show scene").click()
    sorter.get_by_text("reads your messages").wait_for()
    # "Show scene" hides itself: the focus goes to the scene now shown
    expect(sorter.get_by_role("status").filter(has_text="reads your messages")).to_be_focused()
    expect(sorter.get_by_role("button", name="✕ Red flag")).to_be_enabled()

    triage = nb.output_with("course.yellow_flag_triage()")
    for group in triage.locator("fieldset.closer-radios").all():
        group.locator("label.closer-radio").first.click()
    expect(triage).to_contain_text(re.compile(r"keep going|go carefully|red flag", re.I))


def _building_intimacy(nb: Notebook) -> None:
    words = nb.output_with("course.emotion_explorer()")
    tick = words.locator("fieldset.closer-checks").first.get_by_role("checkbox").first
    tick.focus()
    tick.press("Space")  # the keyboard ticks a word, as a mouse click would
    expect(tick).to_be_checked()
    expect(words).to_contain_text("Right now I feel")
    words.get_by_role("button", name=re.compile("^Save to my journal")).click()
    words.get_by_text("saved to your journal").wait_for()
    expect(tick, "saving clears the ticks, in the page too").not_to_be_checked()

    steps = nb.output_with("course.small_steps_ladder()")
    steps.get_by_label("A small step").fill("Ask my sister how her week really went")
    _move_slider(steps.locator("input[type=range]").first, 2)
    steps.get_by_role("button", name="Add to my ladder").click()
    steps.get_by_text("is on your ladder").wait_for()
    expect(steps.locator(".js-plotly-plot").first).to_contain_text("Ask my sister")
    # Mark done, by keyboard: the same button keeps the focus, now offering to undo it
    step = "Ask my sister how her week really went"
    toggle = steps.get_by_role("button", name=f"Mark done: {step}")
    toggle.focus()
    toggle.press("Enter")
    expect(steps.get_by_role("button", name=f"Not done yet: {step}")).to_be_focused()
    # Remove: the row is gone, and the focus is on the words saying so
    remove = steps.get_by_role("button", name=f"Remove: {step}")
    remove.focus()
    remove.press("Enter")
    expect(steps.get_by_role("status").filter(has_text="is off your ladder")).to_be_focused()

    plan = nb.output_with("course.conversation_planner()")
    plan.locator("textarea").first.fill("I feel left out when plans change without me.")
    plan.get_by_role("button", name="Save my plan").click()
    plan.get_by_text("your plan is saved").wait_for()
    _download_until(nb, plan.get_by_role("link", name="Download my plan (Markdown)"), "left out")


def _download_until(nb: Notebook, link, words: str, tries: int = 40) -> None:
    """Download ``link`` until the file holds ``words``: the keyboard walk saved an earlier plan,
    so the link (and its "saved" words) are on the page before this save reaches it."""
    text = ""
    for _ in range(tries):
        with nb.page.expect_download() as download:
            link.click()
        text = Path(download.value.path()).read_text()
        if words in text:
            return
        nb.page.wait_for_timeout(1000)  # a busy machine's kernel may take a while
    raise AssertionError(f"the download never held {words!r}:\n{text}")


def _couples_sex_and_support(nb: Notebook) -> None:
    sim = nb.output_with("course.marble_simulator()")
    before, words = _chart_data(sim), sim.inner_text()
    sim.get_by_role("button", name="Story: One pulls away").click()
    _wait_for_new_chart(nb, sim, before)
    expect(sim, "the words follow the story").not_to_have_text(words, use_inner_text=True)
    sim.get_by_label("How strongly Rafi pulls away").wait_for()  # the slider follows the stance
    before = _chart_data(sim)
    _move_slider(sim.locator("input[type=range]").first, 3)
    _wait_for_new_chart(nb, sim, before)


def _next_steps(nb: Notebook) -> None:
    _answer_the_check(nb, "end")
    plan = nb.output_with("course.plan_builder()")
    plan.get_by_label("Intention 1", exact=True).fill("Call my brother more often")
    plan.get_by_label("A small first step").first.fill("Ring him on Sunday")
    plan.get_by_role("button", name="Save my plan").click()
    _download_until(nb, plan.get_by_role("link", name="Download my plan (Markdown)"), "Ring him on Sunday")


def _practice(nb: Notebook) -> None:
    listen = nb.output_with('course.practice_skill("speaker_listener")')
    listen.locator("label.closer-radio", has_text="Your brother").click()
    expect(listen).to_contain_text("driving over to Mum")
    reply = "So you’re doing all the driving to Mum’s and nobody notices. Did I get that right?"
    listen.get_by_label("Your reply (say back what you heard, then check)").fill(reply)
    listen.get_by_role("button", name=re.compile("^Check my sentence")).click()
    expect(listen.get_by_role("status").first).to_contain_text("checks whether you understood")

    start = nb.output_with('course.practice_skill("i_statement")')
    start.get_by_label("Your gentle start (a feeling, the situation, a request)").fill("You never listen")
    start.get_by_role("button", name=re.compile("^Check my sentence")).click()
    expect(start.get_by_role("status").first).to_contain_text("Your sentence says “never”")

    repair = nb.output_with('course.practice_skill("repair")')
    repair.get_by_label("Your repair attempt").fill("I’m sorry I snapped. Can we start again?")
    repair.get_by_role("button", name=re.compile("^Save to my journal")).click()
    expect(repair.locator("details").last).to_contain_text("I’m sorry I snapped")

    cal = nb.output_with("course.practice_calendar()")
    cal.get_by_label("Another step to practise (optional)").fill("Ask my brother; how was his week?")
    cal.locator("label.closer-radio", has_text="The step's own words").click()  # the walk chose "Only"
    cal.get_by_role("button", name="Make my calendar file").click()
    cal.get_by_text("your calendar file is ready").wait_for()
    _download_until(
        nb, cal.get_by_role("link", name="Download my practice calendar (.ics)"), "Ask my brother\\;"
    )


def _together(nb: Notebook) -> None:
    area = nb.output_with("course.partner_mode()")
    expect(area).to_contain_text("where either can say no without any cost")
    expect(area).to_contain_text("If someone is beside you, fill in by hand instead")
    area.get_by_label("My first name or nickname (optional)").fill("Robin")
    area.get_by_label("My Avoider score, as module 3 showed it").select_option(label="2.0")
    area.get_by_label("My Pursuer score, as module 3 showed it").select_option(label="6.0")
    area.get_by_label("My Avoider and Pursuer scores").check()
    area.get_by_label("My first name or nickname", exact=True).check()
    preview = area.get_by_role("status").filter(has_text="Preview: your code will hold")
    expect(preview).to_contain_text("Name: Robin")
    expect(preview).to_contain_text("Pursuer score: 6.00")
    expect(preview).not_to_contain_text("Check-in")
    area.get_by_role("button", name="Make my share code").click()
    code = area.locator("code").first
    expect(code).to_contain_text("CLOSER1-")
    expect(area.get_by_role("link", name=re.compile("Download my share code"))).to_be_visible()
    area.get_by_label("They send me their share code or file").check()  # the keyboard walk chose the other
    paste = area.get_by_label("Paste the other person's share code")
    paste.fill("hello, this is not a code")
    together = area.get_by_role("button", name="See us together")
    together.click()
    expect(area).to_contain_text("doesn't look like a Closer share code")
    expect(paste, "what was typed stays").to_have_value("hello, this is not a code")
    # their share file, opened with the file picker, puts its code in the box
    made = partner.to_file(partner.decode(code.inner_text())).encode("utf-8")
    area.get_by_label("Or open their share file").set_input_files(
        files=[{"name": "share-code.json", "mimeType": "application/json", "buffer": made}]
    )
    expect(area).to_contain_text("read share-code.json. It holds only: Name: Robin")
    expect(paste).to_have_value(code.inner_text())
    together.click()
    expect(area).to_contain_text("Your joint view: Two people who reach.")
    expect(area).to_contain_text("These are invitations each of you can take up for yourself")
    expect(area).to_contain_text("not about each other. Check together whether this fits the two of you.")
    expect(area).to_contain_text("It holds what the other person shared too, so ask them first.")
    expect(area.locator(".js-plotly-plot").first).to_contain_text("Robin (A) (ring)")
    expect(area.locator(".js-plotly-plot").first).to_contain_text("Robin (B) (diamond)")
    area.get_by_role("button", name="Next step").click()
    expect(area).to_contain_text(re.compile(r"Step 2 of 7: Robin \((A|B)\) speaks, Robin \((A|B)\) listens"))
    area.get_by_role("button", name="Pause (either of us can)").click()
    expect(area).to_contain_text("Paused.")


def _cohort_report(nb: Notebook) -> None:
    area = nb.output_with("course.cohort_report()")
    box = area.get_by_label(re.compile("Hide learners' names"))
    assert box.is_checked(), "names are hidden by default"
    box.uncheck()
    expect(box).not_to_be_checked()
    expect(area.get_by_text("Reflections waiting for you")).to_have_count(1)
    expect(area.locator(".js-plotly-plot")).to_have_count(3)


def _facilitator_guide(nb: Notebook) -> None:
    text = nb.page.locator(".jp-Notebook").text_content() or ""
    for heading in ("When a reflection suggests risk", "Autograding the cohort", "A cohort on JupyterHub"):
        assert heading in text
    assert nb.page.locator("a[href='https://findahelpline.com']").count() >= 1


def _before_you_start(nb: Notebook) -> None:
    text = nb.page.locator(".jp-Notebook").text_content() or ""
    for heading in (
        "What Closer is not for",
        "If you are afraid of someone close to you",
        "Age: who the course is for",
    ):
        assert heading in text
    assert nb.page.locator("a[href='https://findahelpline.com']").count() >= 1


INTERACTIONS: dict[str, Callable[[Notebook], None]] = {
    "before_you_start": _before_you_start,
    "cohort_report": _cohort_report,
    "facilitator_guide": _facilitator_guide,
    "00_welcome": _welcome,
    "01_what_is_intimacy": _what_is_intimacy,
    "02_fear_of_intimacy": _fear_of_intimacy,
    "03_avoider_and_pursuer": _avoider_and_pursuer,
    "03_together": _together,
    "04_healthy_intimacy": _healthy_intimacy,
    "05_building_intimacy": _building_intimacy,
    "05_practice": _practice,
    "06_couples_sex_and_support": _couples_sex_and_support,
    "07_next_steps": _next_steps,
}


def test_module_widgets_react(notebook, screenshots):
    interact = INTERACTIONS.get(notebook.path.stem)
    assert interact is not None, f"add browser interactions for {notebook.path.stem}"
    interact(notebook)
    notebook.page.wait_for_timeout(300)
    notebook.page.screenshot(path=str(screenshots / f"{notebook.path.stem}.png"))


def test_accessibility_of_course_content(notebook, axe_source):
    page = notebook.page
    notebook.reveal_all()
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        """async () => {
            const include = [...document.querySelectorAll(
                '.jp-Notebook .jp-OutputArea-output, .jp-Notebook .jp-MarkdownOutput')];
            const r = await axe.run({include: include}, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.html.slice(0, 160))}));
        }"""
    )
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n  " + "\n  ".join(v["nodes"]) for v in result
    )
    assert not result, f"{notebook.path.name} has accessibility violations:\n{report}"


def test_the_accessibility_check_can_fail(lab, browser, axe_source):
    """Guard against a silent checker: an unlabelled slider in an output must be reported."""
    page = browser.new_page()
    page.set_content(
        '<div class="jp-Notebook"><div class="jp-OutputArea-output">'
        '<input type="range" min="0" max="10"><div style="color:#ddd;background:#fff">faint</div>'
        "</div></div>"
    )
    page.add_script_tag(content=axe_source)
    ids = page.evaluate(
        """async () => (await axe.run({include: [...document.querySelectorAll('.jp-OutputArea-output')]},
                                     {resultTypes: ['violations']})).violations.map(v => v.id)"""
    )
    page.close()
    assert "label" in ids and "color-contrast" in ids


SHOTS = ROOT / "test-reports" / "screenshots"


def _contrast(notebook: Notebook) -> list[dict]:
    results = notebook.page.evaluate(CONTRAST_JS, notebook.outputs())
    if notebook.code_cells:
        assert results, "the contrast check found no text at all in the outputs"
    return results


def _report(bad: list[dict]) -> str:
    return "\n".join(f"  {b['ratio']}:1 (needs {b['need']}) {b['fg']} on {b['bg']}: {b['text']}" for b in bad)


def test_every_text_has_enough_contrast_in_the_light_theme(notebook):
    """Every text in the outputs, HTML and charts, at 4.5:1 (3:1 when large), measured from the
    rendered colours (axe's rule does not run inside a notebook)."""
    bad = failures(_contrast(notebook))
    notebook.full_screenshot(SHOTS / f"{notebook.path.stem}-light.png")
    assert not bad, f"{notebook.path.name}, light theme:\n{_report(bad)}"


def test_every_text_has_enough_contrast_in_the_dark_theme(notebook):
    """The same in JupyterLab Dark, switched from the Settings menu: every chart follows it."""
    notebook.set_theme("JupyterLab Dark")
    try:
        results = _contrast(notebook)
        themed = notebook.page.locator(".closer-chart[data-theme='dark']").count()
        assert themed == notebook.page.locator(".closer-chart").count(), "every chart follows the theme"
        notebook.full_screenshot(SHOTS / f"{notebook.path.stem}-dark.png")
    finally:
        notebook.set_theme("JupyterLab Light")
    bad = failures(results)
    assert not bad, f"{notebook.path.name}, dark theme:\n{_report(bad)}"


def test_nothing_overlaps_or_is_cut_off_on_a_phone(notebook):
    """At 390 x 844 (the file browser closed, as the course opens there): no two texts overlap,
    no text is cut off, and nothing needs sideways scrolling. For learners' notebooks: the
    facilitator's cohort report is read on a computer."""
    if notebook.path.stem == "cohort_report":
        return
    page = notebook.page
    size = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})
    notebook.left_sidebar(open_=False)
    try:
        page.wait_for_timeout(1000)  # charts follow the new width
        layout = page.evaluate(LAYOUT_JS, notebook.outputs())
        notebook.full_screenshot(SHOTS / f"{notebook.path.stem}-phone.png")
    finally:
        page.set_viewport_size(size)
        notebook.left_sidebar(open_=True)
    if notebook.code_cells:
        assert layout["texts"] > 0, "the layout check found no text at all in the outputs"
    assert not layout["overlaps"], (
        f"{notebook.path.name}: texts overlap on a phone: {layout['overlaps'][:10]}"
    )
    assert not layout["clipped"], f"{notebook.path.name}: text cut off on a phone: {layout['clipped'][:10]}"


def test_leave_quickly_swaps_the_page_from_the_keyboard(lab, browser):
    """Tab to Leave quickly, press Enter: the tab goes to the everyday page set in help.yaml
    (intercepted here: nothing leaves the machine in the test)."""
    from course import content

    exit_url = content.help_info().quick_exit
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    nb = Notebook(page, ROOT / "course" / "02_fear_of_intimacy.ipynb")
    nb.open_and_run(lab.url)
    went: list[str] = []

    def intercept(route):
        went.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>")

    page.route(exit_url.split("?")[0] + "**", intercept)
    button = page.get_by_role("button", name="Leave quickly").first
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(exit_url.split("?")[0] + "**", timeout=10_000)
    assert went and went[0].startswith(exit_url.split("?")[0])
    assert page.title() == "Weather"
    context.close()
    lab.shutdown_kernels()
