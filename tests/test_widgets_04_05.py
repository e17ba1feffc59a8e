"""Modules 04 and 05's widgets, headless: set values, click buttons, check results, journal, figures."""

from __future__ import annotations

import html
import itertools

import ipywidgets as W
import pytest
from support import html_text, walk

import course
from course import content, flags, ladder, pacing
from course.controls import DownloadLink, RangeInput
from course.journal import default_journal

F = content.flag_settings()
MODULE5 = "05_building_intimacy"


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


# --------------------------------------------------------------------------------------
# Pacing chart
# --------------------------------------------------------------------------------------


def test_pacing_chart_starts_in_step_and_follows_the_sliders():
    w = course.pacing_chart()
    assert all(isinstance(s, RangeInput) for s in w.sliders.values())
    assert w.result.verdict == "pace"
    assert "= Closeness keeps pace." in w.verdict.value
    w.sliders[("sharing", "start")].value = 7
    assert w.result.verdict == "ahead"
    assert "▲ Closeness runs ahead." in w.verdict.value
    assert "not had time to see" in w.verdict.value
    sharing = next(t for t in w.figure.data if t.name == "How much you share")
    assert list(sharing.y) == pacing.curve(7, 5, 12)
    assert "At most, sharing is" in w.summary.value
    w.sliders[("sharing", "start")].value = 0
    w.sliders[("sharing", "pace")].value = 1
    assert w.result.verdict == "behind"
    assert "▼ Closeness lags behind." in w.verdict.value


@pytest.mark.parametrize("verdict", ["ahead", "behind", "pace"])
def test_every_pacing_example_shows_what_it_says(verdict):
    w = course.pacing_chart()
    w.preset(verdict)
    assert w.result.verdict == verdict
    assert content.pacing_settings().verdict(verdict).tag in w.verdict.value
    knowing = next(t for t in w.figure.data if t.name == "How well you know each other")
    ks, kp = w.PRESETS[verdict][:2]
    assert list(knowing.y) == pacing.curve(ks, kp, 12)


def test_pacing_example_buttons_work_when_clicked():
    w = course.pacing_chart()
    (ahead,) = [b for b in walk(w.presets) if isinstance(b, W.Button) and "runs ahead" in b.description]
    ahead.click()
    assert w.result.verdict == "ahead"


# --------------------------------------------------------------------------------------
# Flag sorter
# --------------------------------------------------------------------------------------


def test_flag_buttons_carry_a_symbol_and_a_word():
    w = course.flag_sorter()
    assert [b.description for b in w.flag_buttons.values()] == ["✓ Green flag", "⚠ Yellow flag", "✕ Red flag"]


def test_flag_sorter_explains_each_pick_and_summarises_at_the_end():
    w = course.flag_sorter()
    first = w.scenario
    assert f"Scene 1 of {len(F.scenarios)}" in w.where.value and first.title in w.card.value
    assert w.back.disabled and not w.next.disabled
    wrong = "red" if first.flag != "red" else "green"
    w.flag_buttons[wrong].click()
    assert "The course reads it as" in w.feedback.value
    assert F.flag(first.flag).tag in w.feedback.value
    w.flag_buttons[first.flag].click()
    assert "the course reads it the same way" in w.feedback.value
    assert w.result.matching == 1 and w.result.answered == 1
    assert w.summary.value == ""
    for _ in range(len(w.order) - 1):
        w.next.click()
        if w.hidden:
            w.show.click()
        w.flag_buttons[w.scenario.flag].click()
    assert w.next.disabled
    assert w.result.answered == len(F.scenarios) and w.result.matching == len(F.scenarios)
    assert "Your summary" in w.summary.value
    assert f"You sorted {len(F.scenarios)} of {len(F.scenarios)}" in w.summary.value
    # going back shows the earlier answer again
    w.back.click()
    assert "the course reads it the same way" in w.feedback.value


def test_unsafe_scenarios_point_to_help():
    w = course.flag_sorter()
    i = next(i for i, s in enumerate(w.order) if s.safety)
    w.go(i)
    w.show.click()
    w.flag_buttons["red"].click()
    assert "findahelpline.com" in w.feedback.value
    assert "emergency number" in w.feedback.value
    j = next(i for i, s in enumerate(w.order) if not s.safety)
    w.go(j)
    w.flag_buttons["green"].click()
    assert "findahelpline.com" not in w.feedback.value


def _shown(widget) -> bool:
    return widget.layout.display != "none"


def test_other_scenes_show_in_full_with_no_show_button():
    w = course.flag_sorter()
    s = w.scenario
    assert not s.safety and not w.hidden
    assert _esc(s.text) in w.card.value
    assert not _shown(w.show)
    assert not any(b.disabled for b in w.flag_buttons.values())


@pytest.mark.parametrize("scenario", [s.id for s in F.scenarios if s.safety])
def test_unsafe_scenes_stay_hidden_until_the_learner_asks(scenario):
    w = course.flag_sorter()
    w.go(next(i for i, s in enumerate(w.order) if s.id == scenario))
    s = w.scenario
    assert w.hidden
    assert _esc(s.title) in w.card.value and _esc(s.content_note) in w.card.value
    assert "Content note:" in w.card.value
    assert _esc(s.text) not in w.card.value
    assert _shown(w.show) and w.show.description == "Show scene"
    assert w.show.tooltip == "Show the full text of this scene"
    assert all(b.disabled for b in w.flag_buttons.values()) and not w.skip.disabled
    w.show.click()
    assert not w.hidden
    assert _esc(s.text) in w.card.value
    assert not _shown(w.show)
    assert not any(b.disabled for b in w.flag_buttons.values())
    w.next.click()
    w.back.click()
    assert _esc(s.text) in w.card.value, "a scene the learner chose to read stays shown"


def test_skipping_a_hidden_scene_never_shows_it_or_its_reading():
    w = course.flag_sorter()
    i = next(i for i, s in enumerate(w.order) if s.safety)
    w.go(i)
    s = w.scenario
    w.skip.click()
    assert w.index == i + 1 and w.result.skipped == 1
    w.back.click()
    assert _esc(s.text) not in w.card.value
    assert "Skipped, which is always fine." in w.feedback.value
    assert _esc(s.why) not in w.feedback.value
    assert "findahelpline.com" in w.feedback.value
    w.show.click()  # changing one's mind later shows the scene and its reading
    assert _esc(s.text) in w.card.value and _esc(s.why) in w.feedback.value
    w.restart.click()
    w.go(i)
    assert w.hidden, "starting again hides the scenes again"


def test_every_hidden_scene_can_be_skipped_and_the_summary_counts_it():
    w = course.flag_sorter()
    for j, s in enumerate(w.order):
        w.go(j)
        if s.safety:
            w.skip.click()
        else:
            w.flag_buttons[s.flag].click()
    assert w.result.skipped == sum(s.safety for s in F.scenarios)
    assert "which is always fine" in w.summary.value


def test_skipping_moves_on_and_is_counted_kindly():
    w = course.flag_sorter()
    first = w.scenario
    w.skip.click()
    assert w.index == 1
    assert w.result.skipped == 1
    w.back.click()
    assert "Skipped. The course reads this one as" in w.feedback.value
    assert first.why[:30] in w.feedback.value.replace("&#x27;", "'")
    w.go(len(w.order) - 1)
    w.flag_buttons["red"].click()
    assert "You skipped 1, which is always fine." in w.summary.value
    w.restart.click()
    assert w.index == 0 and w.result.answered == 0 and w.summary.value == ""


# --------------------------------------------------------------------------------------
# Yellow-flag triage
# --------------------------------------------------------------------------------------


def test_triage_waits_for_all_three_answers():
    w = course.yellow_flag_triage()
    assert w.result is None
    assert "0 of 3 so far" in w.outcome.value
    w.answer(pattern=True)
    assert w.result is None and "1 of 3 so far" in w.outcome.value


@pytest.mark.parametrize("answers", list(itertools.product([True, False], repeat=3)))
def test_triage_widget_shows_the_outcome_and_reasoning_for_every_combination(answers):
    pattern, feedback, solvable = answers
    w = course.yellow_flag_triage()
    w.answer(pattern=pattern, feedback=feedback, solvable=solvable)
    expected = flags.triage({"pattern": pattern, "feedback": feedback, "solvable": solvable})
    assert w.result == expected
    outcome = F.outcome(expected.outcome)
    text = w.outcome.value.replace("&#x27;", "'")
    assert outcome.tag in text
    assert expected.reason in text
    assert outcome.advice in text
    for q, a in zip(F.questions, answers, strict=True):
        assert (q.if_yes if a else q.if_no) in text
    assert ("findahelpline.com" in text) == (expected.outcome == "treat_as_red" or not feedback)
    assert (_esc(F.not_heard_note) in w.outcome.value) == (not feedback)


def test_triage_never_just_says_raise_it_again_after_anger():
    """A one-off met with anger has turned red (they will not hear feedback): the words come
    with permission not to raise it again, and help."""
    w = course.yellow_flag_triage()
    w.answer(pattern=False, feedback=False, solvable=True)
    assert w.result.outcome == "treat_as_red" and w.result.not_heard
    text = w.outcome.value.replace("&#x27;", "'")
    assert "If raising it again feels unsafe, you don't have to." in text
    assert "Talk it over with someone you trust first." in text
    assert "findahelpline.com" in text and "emergency number" in text
    w.answer(feedback=True)
    assert "If raising it again feels unsafe" not in w.outcome.value.replace("&#x27;", "'")
    assert "findahelpline.com" not in w.outcome.value


def test_triage_can_be_cleared():
    w = course.yellow_flag_triage()
    w.answer(pattern=False, feedback=True, solvable=True)
    assert w.result.outcome == "keep_going"
    w.clear.click()
    assert w.result is None and all(r.index is None for r in w.questions.values())


# --------------------------------------------------------------------------------------
# Emotion vocabulary explorer
# --------------------------------------------------------------------------------------


def test_explorer_lists_every_word_as_text_too():
    w = course.emotion_explorer()
    assert "In words:" in w.summary.value and "8 core feelings (Glad, Sad," in w.summary.value
    assert "Ticked on the wheel" not in w.summary.value
    for word in content.emotions().words:
        assert word.word in w.words_list.value
        assert word.word in {option for group in w.groups.values() for option in group.options}
    assert len(w.figure.data[0].ids) == len(content.emotions().words) + len(content.emotions().cores)


def test_explorer_marks_picks_on_the_wheel_and_saves_a_name_it_entry():
    w = course.emotion_explorer()
    group = next(g for g in w.groups.values() if "wary" in g.options)
    group.value = ["wary"]  # as the browser sends a tick
    w.pick("hopeful")
    assert "Right now I feel hopeful and wary." in w.chosen.value
    assert "Ticked on the wheel: hopeful, wary." in w.summary.value
    assert sorted(label for label in w.figure.data[0].labels if label.startswith("✓")) == [
        "✓ hopeful",
        "✓ wary",
    ]
    w.note.value = "before <the> interview"
    w.save.click()
    (record,) = default_journal().records("name_it", MODULE5)
    assert record.payload["words"] == ["hopeful", "wary"]
    assert record.payload["note"] == "before <the> interview"
    assert w.result == record
    assert not any(group.value for group in w.groups.values()) and w.note.value == ""
    assert not any(label.startswith("✓") for label in w.figure.data[0].labels), "the wheel is redrawn"
    assert "✓ Done:" in w.status.value
    assert "before &lt;the&gt; interview" in w.history.value
    assert not any(label.startswith("✓") for label in w.figure.data[0].labels)
    w.pick("numb")
    w.save.click()
    assert len(default_journal().records("name_it", MODULE5)) == 2
    assert "latest name-it entries (2)" in course.emotion_explorer().history.value


def test_explorer_needs_a_word_before_saving():
    w = course.emotion_explorer()
    w.save.click()
    assert "Pick at least one word" in w.status.value
    assert default_journal().records("name_it") == []
    with pytest.raises(ValueError, match="not in the course's list"):
        w.pick("grumpy")


# --------------------------------------------------------------------------------------
# Small-steps ladder
# --------------------------------------------------------------------------------------


def _add(w, text, hard):
    w.text.value = text
    w.hard.value = hard
    w.add.click()


def test_ladder_orders_steps_saves_as_it_goes_and_reopens_as_left():
    w = course.small_steps_ladder()
    _add(w, "ask for help moving", 7)
    _add(w, "tell Sam about my week", 2)
    _add(w, "say no to extra shifts", 5)
    assert [s.text for s in ladder.ladder(w.result)] == [
        "tell Sam about my week",
        "say no to extra shifts",
        "ask for help moving",
    ]
    assert w.figure.plot_layout.yaxis.categoryarray[0] == "Rung 1: tell Sam about my week"
    assert "Next rung to try: tell Sam about my week" in w.summary.value
    assert w.text.value == ""
    w.toggle("tell Sam about my week")
    assert {t.name for t in w.figure.data} == {"○ to do", "✓ done"}
    assert "Next rung to try: say no to extra shifts" in w.summary.value
    assert "marked done" in w.status.value
    (record,) = default_journal().records("small_steps", MODULE5)
    assert [(s["text"], s["done"]) for s in record.payload["steps"]][1] == ("tell Sam about my week", True)
    w.remove("ask for help moving")
    reopened = course.small_steps_ladder()
    assert [(s.text, s.difficulty, s.done) for s in reopened.result] == [
        ("tell Sam about my week", 2, True),
        ("say no to extra shifts", 5, False),
    ]
    # the top rung is listed first, like a ladder seen from the front
    label, _ = reopened.rows.children[0].children
    assert "<b>Rung 2:</b> say no to extra shifts" in label.value


def test_ladder_buttons_in_each_row_work():
    w = course.small_steps_ladder()
    _add(w, "share a worry", 3)
    toggle, remove = w.rows.children[0].children[1].children
    assert (toggle.description, remove.description) == ("Mark done: share a worry", "Remove: share a worry")
    toggle.click()
    assert w.result[0].done
    toggle, remove = w.rows.children[0].children[1].children
    assert toggle.description == "Not done yet: share a worry"
    remove.click()
    assert w.result == []


def test_ladder_explains_a_refused_step_and_escapes_it():
    w = course.small_steps_ladder()
    w.add.click()
    assert "Write the step first" in w.status.value
    _add(w, "<b>same</b>", 2)
    _add(w, "<b>same</b>", 4)
    assert "already on your ladder" in w.status.value
    assert "&lt;b&gt;same&lt;/b&gt;" in w.status.value and "<b>same</b>" not in w.status.value
    assert len(w.result) == 1


# --------------------------------------------------------------------------------------
# Conversation planner
# --------------------------------------------------------------------------------------


def test_planner_saves_exports_and_reopens():
    w = course.conversation_planner()
    assert w.download.content == ""
    assert "findahelpline.com" in html_text(w)
    w.fields["feel"].value = "I feel lonely when we don't talk"
    w.fields["ask"].value = "Could we walk on Sundays?"
    w.save.click()
    assert "saved in your journal" in w.status.value
    assert "Still to write: What I need; What I will do if it goes badly." in w.status.value
    (record,) = default_journal().records("conversation_plan", MODULE5)
    assert record.payload["plan"]["feel"] == "I feel lonely when we don't talk"
    assert w.download.content.startswith("# My conversation plan")
    assert "## What I will ask\n\nCould we walk on Sundays?" in w.download.content
    assert w.download.filename.endswith(".md")
    w.fields["need"].value = "time together"
    w.fields["if_badly"].value = "pause and call my sister"
    w.save.click()
    (record,) = default_journal().records("conversation_plan", MODULE5)  # one record per session
    assert record.payload["plan"]["if_badly"] == "pause and call my sister"
    assert "Still to write" not in w.status.value
    reopened = course.conversation_planner()
    assert reopened.fields["need"].value == "time together"
    assert "the plan you saved on" in reopened.status.value
    assert "pause and call my sister" in reopened.download.content


def test_planner_refuses_an_empty_plan():
    w = course.conversation_planner()
    w.save.click()
    assert "Write at least one part" in w.status.value
    assert default_journal().records("conversation_plan") == []
    assert w.download.content == ""


def test_journal_widgets_show_the_binder_download(monkeypatch):
    monkeypatch.setenv("BINDER_LAUNCH_HOST", "https://mybinder.org/")
    w = course.small_steps_ladder()
    _add(w, "share a worry", 3)
    assert "share a worry" in w.binder.link.content
    p = course.conversation_planner()
    links = [x for x in walk(p) if isinstance(x, DownloadLink)]
    assert len(links) == 2
    p.fields["feel"].value = "nervous"
    p.save.click()
    assert "nervous" in p.binder.link.content
    e = course.emotion_explorer()
    e.pick("content")
    e.save.click()
    assert "Right now I feel content." in e.binder.link.content
