"""Every course notebook in a real JupyterLab: runs cleanly, renders every widget, reacts as a
learner expects, and has no accessibility violations in the course's own content.

One Chromium page per notebook: open it, Run All, then the tests below look at the result.
A screenshot per module goes to test-reports/screenshots/ for whoever reads the report.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect

from .conftest import ROOT, TOKEN

pytestmark = pytest.mark.slow

NOTEBOOKS = sorted((ROOT / "course").glob("*.ipynb"))
# Notebooks that are not modules: no quiz and no reflections.
FACILITATOR_NOTEBOOKS = {"cohort_report", "facilitator_guide", "before_you_start"}
WAIT = 90_000  # ms


class Notebook:
    """A course notebook open and run in JupyterLab."""

    def __init__(self, page, path: Path):
        self.page = page
        self.path = path
        self.code_cells = sum(1 for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")

    def open_and_run(self, lab_url: str) -> None:
        self.open(lab_url)
        self.run_and_wait()

    def open(self, lab_url: str) -> None:
        """Open the notebook in a fresh JupyterLab page and wait for its kernel."""
        self.page.goto(f"{lab_url}/lab/tree/course/{self.path.name}?reset&token={TOKEN}")
        self.page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=WAIT)

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
            pytest.fail(f"{self.path.name}: Run All did not finish (prompts: {prompts})")
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


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=lambda p: p.stem)
def notebook(request, lab, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    nb = Notebook(page, request.param)
    nb.open_and_run(lab.url)
    yield nb
    context.close()
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
    """Each slider's label points at that slider alone (ids are unique on the page)."""
    ids = notebook.page.locator("input[type=range]").evaluate_all("els => els.map(e => e.id)")
    assert len(ids) == len(set(ids)), "two sliders share an id"
    for label in notebook.page.locator("label.closer-range-label").all():
        target = label.get_attribute("for")
        assert notebook.page.locator(f"input#{target}").count() == 1


def test_quiz_answers_explain_themselves(notebook):
    if not notebook.has("course.quiz("):
        assert notebook.path.stem in FACILITATOR_NOTEBOOKS, "every module has a quiz"
        return
    area = notebook.output_with("course.quiz(")
    first = area.locator(".widget-radio-box").first
    first.locator("label").nth(1).click()
    status = area.get_by_role("status").first
    status.wait_for()
    assert re.search(r"✓ Right\.|✗ Not quite\.", status.inner_text())
    expect(area).to_contain_text(re.compile(r"1 of \d+ answered"))


def test_reflection_saves_and_shows_what_was_saved(notebook):
    if not notebook.has("course.reflection("):
        assert notebook.path.stem in FACILITATOR_NOTEBOOKS, "every module has reflections"
        return
    area = notebook.output_with("course.reflection(")
    words = f"Written in the browser for {notebook.path.stem}"
    area.get_by_label("Your reflection").fill(words)
    area.get_by_role("button", name="Save to my journal").click()
    area.get_by_text("your reflection is in your journal").wait_for()
    expect(area.locator("details")).to_contain_text(words)


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

    journal = nb.output_with("course.journal_manager()")
    journal.get_by_role("button", name="Export my journal").click()
    link = journal.get_by_role("link", name="Download as Markdown")
    link.wait_for()
    with nb.page.expect_download() as download:
        link.click()
    text = Path(download.value.path()).read_text()
    assert text.startswith("# My Closer journal") and "connected" in text


def _what_is_intimacy(nb: Notebook) -> None:
    area = nb.output_with("course.closeness_map()")
    area.get_by_label("Name, nickname or initials").fill("Robin")
    slider = area.locator("input[type=range]").first
    _move_slider(slider, 4)
    area.get_by_role("button", name="Add to my map").click()
    area.get_by_text("Robin is on your map").wait_for()
    chart = area.locator(".js-plotly-plot").first
    expect(chart, "the chart draws the new person").to_contain_text("Robin")
    expect(chart, "the empty-map hint is gone").not_to_contain_text("Add someone to see them")
    expect(area, "the slider's value was used").to_contain_text("Robin (friend), closeness 9 of 10")


def _chart_data(area) -> str:
    """The plotted values of the first chart in ``area``, as the browser holds them."""
    return area.locator(".js-plotly-plot").first.evaluate(
        "el => JSON.stringify(el.data.map(t => [t.x, t.y]))"
    )


def _fear_of_intimacy(nb: Notebook) -> None:
    area = nb.output_with("course.signs_check()")
    first = area.locator(".widget-checkbox").first
    sign = first.inner_text().strip()
    first.locator("input").check()
    area.get_by_text("A gentle reading").wait_for()
    expect(area, "the reading names the ticked sign").to_contain_text(
        re.compile("A gentle reading[\\s\\S]*" + re.escape(sign))
    )
    area.get_by_role("button", name="Save to my journal").click()
    area.get_by_text("saved to your private journal").wait_for()


def _avoider_and_pursuer(nb: Notebook) -> None:
    area = nb.output_with("course.patterns_check()")
    groups = area.locator(".widget-radio-box")
    for i in range(groups.count()):
        groups.nth(i).locator("label").nth(2 + i % 3).click()
    area.get_by_role("button", name="See where I sit").click()
    area.get_by_text("on the Avoider scale").first.wait_for()
    expect(area.locator(".js-plotly-plot").first).to_contain_text("you, now")

    sim = nb.output_with("course.pursue_withdraw()")
    words = sim.locator("p[role=status]")
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
    expect(sorter.get_by_role("button", name="✕ Red flag")).to_be_enabled()

    triage = nb.output_with("course.yellow_flag_triage()")
    for group in triage.locator(".widget-radio-box").all():
        group.locator("label").first.click()
    expect(triage).to_contain_text(re.compile(r"keep going|go carefully|red flag", re.I))


def _building_intimacy(nb: Notebook) -> None:
    words = nb.output_with("course.emotion_explorer()")
    tick = words.locator("fieldset.closer-checks").first.get_by_role("checkbox").first
    tick.focus()
    tick.press("Space")  # the keyboard ticks a word, as a mouse click would
    expect(tick).to_be_checked()
    expect(words).to_contain_text("Right now I feel")
    words.get_by_role("button", name="Save to my journal").click()
    words.get_by_text("saved to your journal").wait_for()
    expect(tick, "saving clears the ticks, in the page too").not_to_be_checked()

    steps = nb.output_with("course.small_steps_ladder()")
    steps.get_by_label("A small step").fill("Ask my sister how her week really went")
    _move_slider(steps.locator("input[type=range]").first, 2)
    steps.get_by_role("button", name="Add to my ladder").click()
    steps.get_by_text("is on your ladder").wait_for()
    expect(steps.locator(".js-plotly-plot").first).to_contain_text("Ask my sister")

    plan = nb.output_with("course.conversation_planner()")
    plan.locator("textarea").first.fill("I feel left out when plans change without me.")
    plan.get_by_role("button", name="Save my plan").click()
    plan.get_by_text("your plan is saved").wait_for()
    with nb.page.expect_download() as download:
        plan.get_by_role("link", name="Download my plan (Markdown)").click()
    assert "left out" in Path(download.value.path()).read_text()


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
    plan = nb.output_with("course.plan_builder()")
    plan.get_by_label("Intention 1").fill("Call my brother more often")
    plan.get_by_label("A small first step").first.fill("Ring him on Sunday")
    plan.get_by_role("button", name="Save my plan").click()
    plan.get_by_text("your plan is saved").wait_for()
    with nb.page.expect_download() as download:
        plan.get_by_role("link", name="Download my plan (Markdown)").click()
    assert "Ring him on Sunday" in Path(download.value.path()).read_text()


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
    "04_healthy_intimacy": _healthy_intimacy,
    "05_building_intimacy": _building_intimacy,
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
