"""The course's charts in a real JupyterLab: redrawn in place, as wide as the page lets them
be, and drawn even where the page has no plotly.js of its own."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import ROOT
from .test_modules import Notebook, _chart_data, _move_slider, _wait_for_new_chart

pytestmark = pytest.mark.slow


@pytest.fixture
def page(lab, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()
    lab.shutdown_kernels()


def test_a_slider_move_redraws_the_same_plot_in_place(lab, page):
    """The plot element stays and only its data change (the fast path `make bench` measures)."""
    nb = Notebook(page, ROOT / "course" / "03_avoider_and_pursuer.ipynb")
    nb.open_and_run(lab.url)
    sim = nb.output_with("course.pursue_withdraw()")
    plot = sim.locator(".js-plotly-plot").first
    plot.evaluate("el => { el.dataset.seen = 'before the move'; }")
    before = _chart_data(sim)
    _move_slider(sim.get_by_label("What I change in how I respond"), 6)
    _wait_for_new_chart(nb, sim, before)
    expect(sim.locator(".js-plotly-plot")).to_have_count(1)
    assert sim.locator(".js-plotly-plot").first.get_attribute("data-seen") == "before the move"
    assert sim.locator(".js-plotly-plot .scatterlayer .trace").count() >= 2, "every line is drawn"


def test_a_chart_takes_the_width_the_page_gives_it(lab, page):
    nb = Notebook(page, ROOT / "course" / "04_healthy_intimacy.ipynb")
    nb.open_and_run(lab.url)
    pace = nb.output_with("course.pacing_chart()")
    chart = pace.locator(".closer-chart").first
    expect(chart.locator(".main-svg").first).to_be_visible()
    box, svg = chart.evaluate(
        "el => [el, el.querySelector('.main-svg')].map(x => x.getBoundingClientRect().width)"
    )
    assert box > 0 and abs(box - svg) <= 2, f"the chart is {svg:.0f} px wide in a {box:.0f} px box"
    assert chart.get_attribute("role") == "figure"
    assert (chart.get_attribute("aria-label") or "").startswith("Chart: ")


def test_charts_draw_where_the_page_has_no_plotly_of_its_own(lab, page):
    """Another front end has no jupyterlab-plotly: the kernel then sends plotly.js, once."""
    nb = Notebook(page, ROOT / "course" / "01_what_is_intimacy.ipynb")
    nb.open(lab.url)
    assert page.evaluate("() => window.Plotly === undefined"), "nothing has loaded plotly.js yet"
    page.evaluate("() => { delete window._JUPYTERLAB['jupyterlab-plotly']; }")
    nb.run_and_wait()
    area = nb.output_with("course.closeness_map()")
    expect(area.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    assert page.evaluate("() => typeof window.Plotly.react") == "function"
    expect(area.get_by_text("Drawing the chart")).to_have_count(0)


def test_charts_follow_the_theme_when_the_learner_switches_it(lab, page):
    """Switching JupyterLab to its dark theme redraws every chart with the dark template and the
    dark value of each role colour, in place; switching back restores the light ones."""
    nb = Notebook(page, ROOT / "course" / "03_avoider_and_pursuer.ipynb")
    nb.open_and_run(lab.url)
    sim = nb.output_with("course.pursue_withdraw()")
    plot = sim.locator(".js-plotly-plot").first
    plot.evaluate("el => { el.dataset.seen = 'before the switch'; }")
    colours = "el => [el._fullLayout.font.color, el._fullLayout.annotations[0].font.color]"
    assert plot.evaluate(colours) == ["#1f2d3d", "#1f2d3d"]
    try:
        nb.set_theme("JupyterLab Dark")
        assert plot.evaluate(colours) == ["#e6e9ee", "#e6e9ee"]
        assert plot.get_attribute("data-seen") == "before the switch", "redrawn in place"
    finally:
        nb.set_theme("JupyterLab Light")
    assert plot.evaluate(colours) == ["#1f2d3d", "#1f2d3d"]
