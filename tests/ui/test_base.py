"""The base widgets, headless: set values, click buttons, check what was stored and drawn."""

from __future__ import annotations

import os
import subprocess
import sys

import ipywidgets as W
import pytest
from support import html_text, walk

import course
from course.ui.base import ChartView
from course.ui.building import ConversationPlannerWidget, EmotionExplorerWidget, SmallStepsLadderWidget
from course.ui.closeness import ClosenessMapWidget
from course.ui.controls import (
    Button,
    CheckboxGroup,
    DownloadLink,
    FileInput,
    RadioGroup,
    RangeInput,
    Select,
    StatusLine,
    TextArea,
    TextBox,
)
from course.ui.fear import RootsReflectionWidget, SignsCheckWidget
from course.ui.journal import JournalManager, ModuleStart
from course.ui.patterns import PatternsCheckWidget
from course.ui.reflection import CheckInWidget, ReflectionWidget
from course.ui.review import PlanBuilder

ALL = [
    lambda: course.module_start("01_what_is_intimacy"),
    lambda: course.module_done("01_what_is_intimacy"),
    course.progress_overview,
    course.checkin,
    lambda: course.reflection("01_what_is_intimacy", "seen"),
    course.journal_manager,
    lambda: course.quiz("01_what_is_intimacy"),
    course.closeness_map,
    course.marble_simulator,
    lambda: course.marble_simulator("pulling_away"),
    course.plan_builder,
    course.journal_review,
    course.progress_charts,
    course.signs_check,
    course.roots_reflection,
    course.patterns_check,
    course.pursue_withdraw,
    course.pacing_chart,
    course.flag_sorter,
    course.yellow_flag_triage,
    course.emotion_explorer,
    course.small_steps_ladder,
    course.conversation_planner,
    course.partner_mode,
]


JOURNAL_WIDGETS = (
    ModuleStart,
    CheckInWidget,
    ReflectionWidget,
    JournalManager,
    ClosenessMapWidget,
    PlanBuilder,
    EmotionExplorerWidget,
    SmallStepsLadderWidget,
    ConversationPlannerWidget,
    SignsCheckWidget,
    RootsReflectionWidget,
    PatternsCheckWidget,
)


@pytest.mark.parametrize("make", ALL)
def test_every_figure_in_every_widget_hides_the_share_button(make):
    widget = make()
    for chart in (w for w in walk(widget) if isinstance(w, ChartView)):
        config = chart.bundle["config"]  # what the browser is told
        assert config["showSendToCloud"] is False
        assert "sendChartToCloud" in config["modeBarButtonsToRemove"]
        # plotly validates every property the browser will be sent, and raises on a wrong one
        assert len(chart.figure.data) == len(chart.spec["data"])


def test_widgets_draw_charts_without_loading_plotlys_object_model(tmp_path):
    """The kernel sends figure JSON; plotly's validated objects cost every notebook's start a
    quarter of a second (make bench), so nothing on a learner's path may import them."""
    code = (
        "import sys, course\n"
        "course.checkin(); course.closeness_map(); course.marble_simulator(); course.patterns_check()\n"
        "course.pursue_withdraw(); course.pacing_chart(); course.emotion_explorer()\n"
        "course.small_steps_ladder(); course.progress_charts(); course.cohort_report()\n"
        "heavy = ('plotly.graph_objs', 'plotly.basedatatypes')\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(heavy))\n"
        "print(loaded)\n"
    )
    env = dict(os.environ, CLOSER_DATA_DIR=str(tmp_path / "journal"))
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("make", ALL)
def test_every_control_has_a_label(make):
    for w in walk(make()):
        # ipywidgets' own form controls lose their keys to JupyterLab's notebook: none is left
        assert not isinstance(w, (W.Button, W.Text, W.Textarea, W.Dropdown, W.RadioButtons, W.Checkbox))
        if isinstance(w, Button):
            assert w.description.strip()
        elif isinstance(w, (RangeInput, RadioGroup, Select, TextBox, TextArea, FileInput)):
            assert w.label.strip()
        elif isinstance(w, CheckboxGroup):
            assert w.legend.strip() and all(option.strip() for option in w.options)


def _names(widget) -> list[str]:
    """Each control's accessible name as the page builds it (label, with its context first)."""
    names = []
    for w in walk(widget):
        if isinstance(w, Button):
            names.append(f"{w.description}: {w.context}" if w.context else w.description)
        elif isinstance(w, (RadioGroup, Select, TextBox, TextArea)):
            names.append(f"{w.context}: {w.label}" if w.context else w.label)
        elif isinstance(w, (RangeInput, FileInput)):
            names.append(w.label)
    return names


@pytest.mark.parametrize(
    "module", ["00_welcome", "01_what_is_intimacy", "05_building_intimacy", "07_next_steps"]
)
def test_repeated_controls_get_names_of_their_own(module):
    """Three reflections, or three intentions, never give three controls one name."""
    from course import content

    widgets = [course.reflection(module, p.id) for p in content.prompts(module)]
    widgets += [course.module_done(module), course.quiz(module)]
    extra = {
        "00_welcome": [course.progress_overview, course.journal_manager, course.checkin],
        "01_what_is_intimacy": [course.closeness_map],
        "05_building_intimacy": [
            course.emotion_explorer,
            course.conversation_planner,
            course.small_steps_ladder,
        ],
        "07_next_steps": [
            course.checkin,
            course.progress_charts,
            course.journal_review,
            course.plan_builder,
            course.journal_manager,
        ],
    }
    widgets += [make() for make in extra[module]]
    names = [name for w in widgets for name in _names(w)]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    if module == "07_next_steps":
        plan = next(w for w in widgets if isinstance(w, PlanBuilder))
        assert "Intention 2: A small first step" in _names(plan)


@pytest.mark.parametrize("make", ALL)
def test_binder_sessions_are_warned_where_the_journal_is_used(make, monkeypatch):
    monkeypatch.setenv("BINDER_LAUNCH_HOST", "https://mybinder.org/")
    widget = make()
    if isinstance(widget, JOURNAL_WIDGETS):
        assert "Binder forgets" in html_text(widget)
    if isinstance(widget, (CheckInWidget, ReflectionWidget, ClosenessMapWidget)):
        (link,) = [x for x in walk(widget) if isinstance(x, DownloadLink)]
        assert link.content.startswith("# My Closer journal")
    monkeypatch.delenv("BINDER_LAUNCH_HOST")
    assert "Binder forgets" not in html_text(make())


def test_on_binder_the_download_link_follows_each_save(monkeypatch):
    monkeypatch.setenv("BINDER_REQUEST", "v2/gh/closer/course/main")
    w = course.reflection("01_what_is_intimacy", "seen")
    assert "just now" not in w.binder.link.content
    w.text.value = "written just now"
    w.save.click()
    assert "written just now" in w.binder.link.content


def test_radio_group_keeps_index_and_value_in_step():
    r = RadioGroup("Pick one", [("Yes", True), ("No", False), ("One", 1)])
    assert r.index is None and r.value is None and r.labels == ["Yes", "No", "One"]
    r.index = 1  # as the page sends a choice
    assert r.value is False
    r.value = 1
    assert r.index == 2, "1 is its own option, not True"
    with pytest.raises(Exception, match="not an option"):
        r.value = "maybe"
    r.index = None
    assert r.value is None
    with pytest.raises(ValueError, match="needs a label"):
        RadioGroup(" ", ["a"])


def test_select_starts_on_its_first_option_and_buttons_click_once_each():
    s = Select("Who", [("Friend", "friend"), ("Family", "family")])
    assert (s.index, s.value) == (0, "friend")
    s.index = 1
    assert s.value == "family"
    pressed = []
    b = Button("Save", context="my plan")
    b.on_click(lambda button: pressed.append(button))
    b._handle_click(b, {"event": "click"}, [])  # what the page sends
    b.disabled = True
    b.click()
    assert pressed == [b], "a disabled button does nothing"


def test_the_page_sends_changes_as_messages_and_only_to_synced_traits():
    """A change from the page arrives as a message (in order with button presses)."""
    box = TextBox("Name")
    sent = []
    box.comm.send = lambda data=None, buffers=None, **_: sent.append(data)  # type: ignore[method-assign]
    box._set_from_page(box, {"method": "set", "state": {"value": "Robin", "_dom_classes": ["x"]}}, [])
    assert box.value == "Robin"
    assert sent == [], "nothing is echoed back: a late echo could undo the learner's next key"
    box._set_from_page(box, {"method": "set", "state": {"not_a_trait": 1}}, [])
    radio = RadioGroup("Q", [("Yes", True), ("No", False)])
    radio._set_from_page(radio, {"method": "set", "state": {"index": 1}}, [])
    assert radio.value is False


def test_status_lines_and_text_boxes_take_the_focus_when_asked():
    for control in (StatusLine("Saved."), TextBox("Name"), RadioGroup("Q", ["a", "b"])):
        sent = []
        control.send = lambda content, buffers=None, sent=sent: sent.append(content)  # type: ignore[method-assign]
        control.focus()
        assert sent == [{"do": "focus"}]


def test_text_blocks_share_one_layout_and_style_until_something_closes_them():
    pacing = course.pacing_chart()
    texts = [w for w in walk(pacing) if isinstance(w, W.HTML)]
    assert len(texts) > 3
    assert len({id(t.layout) for t in texts}) == 1 and len({id(t.style) for t in texts}) == 1
    W.Widget.close_all()
    fresh = [w for w in walk(course.pacing_chart()) if isinstance(w, W.HTML)]
    assert fresh[0].layout is not texts[0].layout and fresh[0].layout.comm is not None


def test_checkbox_group_needs_a_legend_and_keeps_ticks_known_and_in_order():
    with pytest.raises(ValueError, match="needs a legend"):
        CheckboxGroup(legend="  ", options=["calm"])
    with pytest.raises(ValueError, match="distinct"):
        CheckboxGroup(legend="Joy", options=["calm", "calm"])
    with pytest.raises(ValueError, match="2 options but 1 hints"):
        CheckboxGroup(legend="Joy", options=["calm", "glad"], hints=["at ease"])
    group = CheckboxGroup(legend="Joy", options=["calm", "glad", "proud"])
    group.value = ["proud", "calm", "proud"]
    assert group.value == ["calm", "proud"]
    with pytest.raises(Exception, match="not options of 'Joy'"):
        group.value = ["furious"]
    assert group.value == ["calm", "proud"], "a refused tick leaves the earlier ones alone"


def test_range_input_needs_a_label_and_clamps():
    with pytest.raises(ValueError, match="needs a label"):
        RangeInput(label=" ")
    with pytest.raises(ValueError, match="must be below its max"):
        RangeInput(label="x", min=5, max=5)
    r = RangeInput(label="How close?", value=4, low_label="far", high_label="close")
    r.value = 42
    assert r.value == 10
    r.value = -3
    assert r.value == 0


def test_widgets_never_touch_a_real_journal_under_nbgrader(monkeypatch, tmp_path):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    w = course.checkin()
    w.save.click()
    assert w.journal.folder.name.startswith("closer-grading-")
    assert not (tmp_path / "default-journal").exists()


def test_public_api_is_explicit_and_documented():
    """__all__ lists exactly the public functions notebooks call, each with a docstring."""
    import inspect

    public = {
        name
        for name, value in vars(course).items()
        if inspect.isfunction(value) and not name.startswith("_") and value.__module__ == "course"
    }
    assert sorted(course.__all__) == sorted(public)
    for name in course.__all__:
        assert getattr(course, name).__doc__


def test_redraw_sends_a_whole_new_figure_so_nothing_stale_survives():
    """The empty-map hint must not linger once someone is added."""
    w = course.closeness_map()
    assert w.figure.bundle["layout"]["annotations"], "an empty map shows a hint"
    w.name.value = "Sam"
    w.add.click()
    assert "annotations" not in w.figure.bundle["layout"]
    assert [t["name"] for t in w.figure.bundle["data"]] == ["You", "Friend"]
    assert w.figure.label == "Chart: " + w.figure.spec["layout"]["title"]["text"]


def test_a_chart_change_is_one_message_with_the_new_figure_and_its_name():
    """The page redraws in place from one update holding the whole figure and its label."""
    view = ChartView()
    sent = []
    view.comm.send = lambda data=None, buffers=None, **_: sent.append(data)  # type: ignore[method-assign]
    fig = {"data": [{"type": "bar", "x": [1], "y": [2]}], "layout": {"title": {"text": "Pace"}}}
    view.show(fig)
    updates = [m["state"] for m in sent if m.get("method") == "update"]
    assert len(updates) == 1 and set(updates[0]) == {"plot", "label", "caption"}
    assert updates[0]["label"] == "Chart: Pace" and updates[0]["caption"] == "Pace"
    assert "title" not in updates[0]["plot"]["layout"], "the title is shown as text above the plot"
    assert updates[0]["plot"]["data"] == fig["data"] and updates[0]["plot"]["config"]["displaylogo"] is False


def test_a_page_without_plotly_gets_plotlys_own_copy_from_the_kernel():
    view = ChartView()
    sent = []
    view.send = lambda content, buffers=None: sent.append(content)  # type: ignore[method-assign]
    view._answer(view, {"type": "something else"}, [])
    assert sent == []
    view._answer(view, {"type": "need-plotly"}, [])
    (reply,) = sent
    assert reply["type"] == "plotly-js"
    assert len(reply["source"]) > 1_000_000 and "Plotly" in reply["source"][:5000]


def test_a_kernel_without_plotly_js_says_so_instead_of_leaving_the_page_waiting(monkeypatch):
    from course.ui import controls

    def missing() -> str:
        raise FileNotFoundError("plotly's package has no package_data/plotly.min.js")

    monkeypatch.setattr(controls, "_plotly_js", missing)
    view = ChartView()
    sent = []
    view.send = lambda content, buffers=None: sent.append(content)  # type: ignore[method-assign]
    view._answer(view, {"type": "need-plotly"}, [])
    assert sent == [{"type": "plotly-js", "error": "plotly's package has no package_data/plotly.min.js"}]
