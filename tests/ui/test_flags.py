"""The flags widgets, headless: set values, click buttons, check what was stored and drawn."""

from __future__ import annotations

import html
import itertools

import pytest
from support import walk

import course
from course import flags, pacing
from course.ui.controls import Button, RangeInput

F = flags.settings()


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _shown(widget) -> bool:
    return widget.layout.display != "none"


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
    assert pacing.settings().verdict(verdict).tag in w.verdict.value
    knowing = next(t for t in w.figure.data if t.name == "How well you know each other")
    ks, kp = w.PRESETS[verdict][:2]
    assert list(knowing.y) == pacing.curve(ks, kp, 12)


def test_pacing_example_buttons_work_when_clicked():
    w = course.pacing_chart()
    (ahead,) = [b for b in walk(w.presets) if isinstance(b, Button) and "runs ahead" in b.description]
    ahead.click()
    assert w.result.verdict == "ahead"


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
