"""The patterns widgets, headless: set values, click buttons, check what was stored and drawn."""

from __future__ import annotations

import ipywidgets as W
from support import html_text, walk

import course
from course import scoring
from course.journal import default_journal
from course.scoring import keyed
from course.ui.controls import RadioGroup

S = scoring.patterns_settings()


def _answer(w, avoider: int, pursuer: int) -> None:
    for item in S.items:
        level = avoider if item.scale == "avoider" else pursuer
        w.answers[item.id].value = keyed(level, item.reverse, S.low, S.high)


def test_patterns_check_uses_accessible_choices_not_sliders():
    w = course.patterns_check()
    radios = [x for x in walk(w) if isinstance(x, RadioGroup)]
    assert len(radios) == len(S.items) >= 16
    assert all(r.orientation == "horizontal" and r.index is None for r in radios)
    assert [v for _, v in radios[0].options] == list(range(1, 8))
    assert radios[0].options[0][0] == "1 strongly disagree" and radios[0].options[-1][0] == "7 strongly agree"
    # every point says what it means, and each group is named by its own statement
    assert radios[0].labels[1] == "2 disagree"
    assert radios[2].label == f"3. {S.items[2].text}"
    assert not any(isinstance(x, (W.IntSlider, W.FloatSlider)) for x in walk(w))
    assert "A reflection tool, not a validated test or a diagnosis" in html_text(w)
    assert "0 of 18 answered" in w.progress.value


def test_patterns_check_asks_for_missing_answers():
    w = course.patterns_check()
    w.show.click()
    assert "No statement has an answer yet" in w.status.value
    _answer(w, 6, 2)
    w.answers[S.items[4].id].value = None
    w.show.click()
    assert "Statement 5 has no answer yet" in w.status.value
    assert w.result is None and w.save.disabled


def test_patterns_check_scores_draws_and_saves_then_shows_earlier_results():
    w = course.patterns_check()
    _answer(w, 6, 2)
    assert "18 of 18 answered" in w.progress.value
    w.show.click()
    assert (w.result.avoider, w.result.pursuer, w.result.region) == (6.0, 2.0, "leaning_avoider")
    assert "Where you sit today: leaning Avoider" in w.reading.value
    assert "not a validated test or a diagnosis" in w.reading.value
    (now,) = w.figure.data
    assert (list(now.x), list(now.y)) == ([6.0], [2.0])
    assert "6.0 on the Avoider scale" in w.summary.value
    assert not default_journal().records("patterns_check"), "saving is optional"
    assert not w.save.disabled
    w.save.click()
    (record,) = default_journal().records("patterns_check", "03_avoider_and_pursuer")
    assert record.payload == {
        "avoider": 6.0,
        "pursuer": 2.0,
        "region": "leaning_avoider",
        "in_words": "leaning Avoider",
    }
    assert w.save.disabled and "saved to your private journal" in w.status.value
    assert len(w.figure.data) == 1, "the saved result is this one, not an earlier one"
    # An answer changed after scoring keeps the result in step, and the saved one becomes earlier.
    w.answers[S.items_for("pursuer")[0].id].value = 7
    assert w.result.pursuer > 2.0 and not w.save.disabled
    assert [t.name for t in w.figure.data] == ["Earlier results", "This time"]
    # Coming back later: earlier results are on the chart before answering anything.
    later = course.patterns_check()
    assert [t.name for t in later.figure.data] == ["Earlier results"]
    assert "Your earlier saved result:" in later.summary.value
    _answer(later, 2, 6)
    later.show.click()
    assert [t.name for t in later.figure.data] == ["Earlier results", "This time"]
    assert "leaning Pursuer" in later.reading.value


def test_simulator_escalates_by_default_and_settles_when_i_change():
    w = course.pursue_withdraw()
    assert w.result.trend == "escalating"
    assert "In words, what you are seeing:" in w.summary.value
    assert "The loop is escalating" in w.summary.value
    assert "⚠ escalating" in w.figure.plot_layout.title.text
    w.change.value = 9
    assert w.result.trend == "settling"
    assert "The loop is settling" in w.summary.value
    assert "In this toy, your change calms the loop" in w.summary.value
    assert "real people may need both sides to change" in w.summary.value
    assert "alone is enough" not in w.summary.value
    assert list(w.figure.data[0].y) == list(w.result.pursue)


def test_simulator_follows_the_learners_side_and_sliders():
    w = course.pursue_withdraw()
    w.role.value = "withdraw"
    assert w.result.role == "withdraw"
    assert [t.name for t in w.figure.data] == ["Reaching out (them)", "Pulling back (you)"]
    w.theirs.value = 1
    assert w.result.their_sensitivity == 1
    assert w.result.trend == "settling"
    assert "cannot build up speed" in w.summary.value
