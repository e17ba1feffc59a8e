"""Widgets, headless: set values, click buttons, check what was stored and drawn."""

from __future__ import annotations

import os
import subprocess
import sys

import ipywidgets as W
import pytest
from support import html_text, walk

import course
from course import content, widgets
from course.controls import CheckboxGroup, DownloadLink, RangeInput
from course.journal import default_journal

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
]


@pytest.mark.parametrize("make", ALL)
def test_every_figure_in_every_widget_hides_the_share_button(make):
    widget = make()
    for chart in (w for w in walk(widget) if isinstance(w, widgets.ChartView)):
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
        if isinstance(w, (W.Button, W.Text, W.Textarea, W.Dropdown, W.RadioButtons)):
            assert w.description.strip()
        elif isinstance(w, RangeInput):
            assert w.label.strip()
        elif isinstance(w, CheckboxGroup):
            assert w.legend.strip() and all(option.strip() for option in w.options)


JOURNAL_WIDGETS = (
    widgets.ModuleStart,
    widgets.CheckInWidget,
    widgets.ReflectionWidget,
    widgets.JournalManager,
    widgets.ClosenessMapWidget,
    widgets.PlanBuilder,
    widgets.EmotionExplorerWidget,
    widgets.SmallStepsLadderWidget,
    widgets.ConversationPlannerWidget,
    widgets.SignsCheckWidget,
    widgets.RootsReflectionWidget,
    widgets.PatternsCheckWidget,
)


@pytest.mark.parametrize("make", ALL)
def test_binder_sessions_are_warned_where_the_journal_is_used(make, monkeypatch):
    monkeypatch.setenv("BINDER_LAUNCH_HOST", "https://mybinder.org/")
    widget = make()
    if isinstance(widget, JOURNAL_WIDGETS):
        assert "Binder forgets" in html_text(widget)
    if isinstance(widget, (widgets.CheckInWidget, widgets.ReflectionWidget, widgets.ClosenessMapWidget)):
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


def test_text_blocks_share_one_layout_and_style_until_something_closes_them():
    quiz = course.quiz("01_what_is_intimacy")
    texts = [w for w in walk(quiz) if isinstance(w, W.HTML)]
    assert len(texts) > 3
    assert len({id(t.layout) for t in texts}) == 1 and len({id(t.style) for t in texts}) == 1
    W.Widget.close_all()
    fresh = [w for w in walk(course.quiz("01_what_is_intimacy")) if isinstance(w, W.HTML)]
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


def test_module_start_records_progress_and_says_how_long():
    w = course.module_start("01_what_is_intimacy")
    assert w.result.status == "started"
    assert "about 45 minutes" in html_text(w)
    assert default_journal().progress()["01_what_is_intimacy"].status == "started"


def test_module_done_marks_completion_and_remembers_it():
    w = course.module_done("00_welcome")
    assert w.result is None
    w.button.click()
    assert w.result.status == "completed"
    assert "marked as finished" in w.status.value
    assert "you marked this module as finished" in course.module_done("00_welcome").status.value


def test_progress_overview_shows_status_in_words():
    course.module_done("00_welcome").button.click()
    course.module_start("01_what_is_intimacy")
    w = course.progress_overview()
    assert w.result["00_welcome"] == "completed"
    assert w.result["01_what_is_intimacy"] == "started"
    assert w.result["07_next_steps"] == "not started"
    assert "✓ done" in w.table.value and "◐ started" in w.table.value and "○ not started" in w.table.value


def test_checkin_saves_scores_and_note_and_redraws_the_chart():
    w = course.checkin()
    assert len(w.figure.data) == 0
    for i, slider in enumerate(w.sliders.values()):
        slider.value = i + 3
    w.note.value = "first day"
    w.save.click()
    assert w.result.scores == {"connected": 3, "open": 4, "settled": 5, "hopeful": 6}
    assert w.result.note == "first day"
    assert w.note.value == ""
    assert "✓ Done:" in w.status.value and "check-in saved" in w.status.value
    assert [list(t.y) for t in w.figure.data] == [[3], [4], [5], [6]]
    assert "You have one check-in" in w.summary.value
    w.save.click()
    assert len(default_journal().checkins()) == 2
    assert all(len(t.y) == 2 for t in w.figure.data)
    assert "You have 2 check-ins" in w.summary.value


def test_a_very_low_checkin_offers_help():
    w = course.checkin()
    for slider in w.sliders.values():
        slider.value = 1
    w.save.click()
    assert "findahelpline.com" in w.support.value
    for slider in w.sliders.values():
        slider.value = 6
    w.save.click()
    assert w.support.value == ""


def test_reflection_saves_shows_history_and_escapes_text():
    w = course.reflection("01_what_is_intimacy", "seen")
    assert "truly seen" in w.question.value
    w.text.value = "My aunt <b>at</b> the station"
    w.save.click()
    assert w.result.text == "My aunt <b>at</b> the station"
    assert w.text.value == ""
    assert "What you have saved for this prompt (1)" in w.history.value
    assert "My aunt &lt;b&gt;at&lt;/b&gt; the station" in w.history.value
    w.text.value = "A second thought"
    w.save.click()
    assert w.history.value.index("A second thought") < w.history.value.index("My aunt")
    assert [r.text for r in default_journal().reflections("01_what_is_intimacy", "seen")] == [
        "My aunt <b>at</b> the station",
        "A second thought",
    ]


def test_empty_reflection_is_not_saved_and_says_why():
    w = course.reflection("01_what_is_intimacy", "kinds")
    w.text.value = "   "
    w.save.click()
    assert w.result is None
    assert "✗ Not saved" in w.status.value and "write something" in w.status.value


def test_unsaved_writing_survives_closing_the_notebook():
    w = course.reflection("01_what_is_intimacy", "two_way")
    w.text.value = "I could ask my brother"
    reopened = course.reflection("01_what_is_intimacy", "two_way")
    assert reopened.text.value == "I could ask my brother"
    assert "restored what you were writing" in reopened.status.value
    reopened.save.click()
    assert course.reflection("01_what_is_intimacy", "two_way").text.value == ""


def test_journal_manager_exports_with_download_links():
    course.reflection("01_what_is_intimacy", "seen")  # nothing saved yet
    j = default_journal()
    j.add_reflection("01_what_is_intimacy", "seen", "Prompt", "kept words")
    w = course.journal_manager()
    assert "1 reflection, 0 check-ins" in w.counts.value
    assert str(j.path) in w.where.value
    w.export.click()
    md, js = w.result["export"]
    assert md.is_file() and js.is_file()
    links = [x for x in walk(w) if isinstance(x, DownloadLink)]
    assert {link.filename.rsplit(".", 1)[1] for link in links} == {"md", "json"}
    assert "kept words" in w.markdown_link.content
    assert "### Module 1: What emotional intimacy is" in w.markdown_link.content
    assert '"kept words"' in w.json_link.content


def test_journal_manager_deletes_only_after_confirmation():
    default_journal().add_checkin({"open": 5})
    w = course.journal_manager()
    w.delete.click()
    assert w.confirm_box.layout.display == "flex"
    assert default_journal().counts()["checkins"] == 1
    w.cancel.click()
    assert w.confirm_box.layout.display == "none"
    assert "nothing was deleted" in w.status.value
    assert default_journal().counts()["checkins"] == 1
    w.delete.click()
    w.confirm.click()
    assert not any(default_journal().counts().values())
    assert w.result["deleted"] is True
    assert "0 check-ins" in w.counts.value


def test_quiz_explains_every_option_and_keeps_score():
    w = course.quiz("01_what_is_intimacy")
    questions = content.quiz("01_what_is_intimacy")
    for i, q in enumerate(questions):
        for index, option in enumerate(q.options):
            w.choices[i].index = index
            assert option.explanation[:40] in w.feedback[i].value.replace("&#x27;", "'")
            assert ("✓ Right." if option.correct else "✗ Not quite.") in w.feedback[i].value
        w.choices[i].index = q.correct_index
    assert w.result == {q.id: {"chosen": q.correct_index, "correct": True} for q in questions}
    assert f"{len(questions)} of {len(questions)} answered, {len(questions)} right" in w.score.value


def test_closeness_map_adds_removes_draws_and_saves_as_it_goes():
    w = course.closeness_map()
    w.name.value = "Sam"
    w.level.value = 8
    w.add.click()
    w.name.value = "Mum"
    w.kind.value = "family"
    w.sharing.value = "me"
    w.level.value = 10
    w.add.click()
    assert [p.name for p in w.result] == ["Sam", "Mum"]
    assert w.name.value == ""
    traces = {t.name: list(t.text) for t in w.figure.data}
    assert traces == {"You": ["you"], "Friend": ["Sam"], "Family": ["Mum"]}
    assert not w.figure.plot_layout.annotations, "the empty-map hint is gone once someone is added"
    assert "Mum (family), closeness 10 of 10" in w.summary.value
    # saved as it goes, in a single record for this editing session
    (record,) = default_journal().records("closeness_map")
    assert [p["name"] for p in record.payload["people"]] == ["Sam", "Mum"]
    w.remove("Sam")
    assert [p.name for p in w.result] == ["Mum"]
    assert "Friend" not in {t.name for t in w.figure.data}
    # reopening shows the map as it was left
    assert [p.name for p in course.closeness_map().result] == ["Mum"]


def test_closeness_map_explains_a_refused_entry():
    w = course.closeness_map()
    w.add.click()
    assert "Give this person a name" in w.status.value
    assert w.result == []
    w.name.value = "<script>x</script>"
    w.add.click()
    assert "&lt;script&gt;" in w.status.value and "<script>" not in w.status.value


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
    view = widgets.ChartView()
    sent = []
    view.comm.send = lambda data=None, buffers=None, **_: sent.append(data)  # type: ignore[method-assign]
    fig = {"data": [{"type": "bar", "x": [1], "y": [2]}], "layout": {"title": {"text": "Pace"}}}
    view.show(fig)
    updates = [m["state"] for m in sent if m.get("method") == "update"]
    assert len(updates) == 1 and set(updates[0]) == {"plot", "label"}
    assert updates[0]["label"] == "Chart: Pace"
    assert updates[0]["plot"]["data"] == fig["data"] and updates[0]["plot"]["config"]["displaylogo"] is False


def test_a_page_without_plotly_gets_plotlys_own_copy_from_the_kernel():
    view = widgets.ChartView()
    sent = []
    view.send = lambda content, buffers=None: sent.append(content)  # type: ignore[method-assign]
    view._answer(view, {"type": "something else"}, [])
    assert sent == []
    view._answer(view, {"type": "need-plotly"}, [])
    (reply,) = sent
    assert reply["type"] == "plotly-js"
    assert len(reply["source"]) > 1_000_000 and "Plotly" in reply["source"][:5000]


def test_a_kernel_without_plotly_js_says_so_instead_of_leaving_the_page_waiting(monkeypatch):
    from course import controls

    def missing() -> str:
        raise FileNotFoundError("plotly's package has no package_data/plotly.min.js")

    monkeypatch.setattr(controls, "_plotly_js", missing)
    view = widgets.ChartView()
    sent = []
    view.send = lambda content, buffers=None: sent.append(content)  # type: ignore[method-assign]
    view._answer(view, {"type": "need-plotly"}, [])
    assert sent == [{"type": "plotly-js", "error": "plotly's package has no package_data/plotly.min.js"}]
