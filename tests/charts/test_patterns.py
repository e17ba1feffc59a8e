"""The patterns charts: checked on the figure's data (loaded into go.Figure, so plotly
validates every property), never on pixels."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import plotly.graph_objects as go

from course import scoring
from course.charts.patterns import (
    patterns_figure,
    patterns_summary,
    pursue_withdraw_figure,
    pursue_withdraw_summary,
)
from course.dynamics import pursue_withdraw
from course.scoring import PatternResult

S = scoring.patterns_settings()


def _annotations(fig) -> list[str]:
    """The annotations' words (a label may break onto two lines to fit a phone)."""
    return [a.text.replace("<br>", " ") for a in fig.layout.annotations]


T0 = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)


def _sentences(text: str) -> int:
    return text.count(". ") + 1 if text.endswith(".") else 0


def test_quadrant_chart_has_two_continuous_axes_split_at_the_middle_with_region_words():
    fig = go.Figure(patterns_figure(PatternResult(2.5, 5.25, "leaning_pursuer"), [], S))
    assert fig.layout.xaxis.range == (0.7, 7.3) and fig.layout.yaxis.range == (0.7, 7.3)
    assert "Avoider" in fig.layout.xaxis.title.text and "Pursuer" in fig.layout.yaxis.title.text
    lines = [(sh.x0, sh.x1, sh.y0, sh.y1) for sh in fig.layout.shapes]
    assert (4, 4, 0.7, 7.3) in lines and (0.7, 7.3, 4, 4) in lines
    words = " ".join(_annotations(fig))
    for label in ("Leaning neither way", "Leaning Avoider", "Leaning Pursuer", "Leaning both ways"):
        assert label in words
    (now,) = fig.data
    assert (list(now.x), list(now.y)) == ([2.5], [5.25])
    assert now.marker.symbol == "star" and list(now.text) == ["you, now"]


def test_earlier_results_sit_beside_the_new_one_with_their_dates():
    earlier = [
        (T0, PatternResult(5.0, 5.5, "swinging")),
        (T0 + timedelta(days=7), PatternResult(4.5, 3.0, "leaning_avoider")),
    ]
    fig = go.Figure(patterns_figure(PatternResult(3.0, 3.0, "settled"), earlier, S))
    before, now = fig.data
    assert before.name == "Earlier results" and list(before.x) == [5.0, 4.5]
    assert list(before.text) == ["01 Nov 2026", "08 Nov 2026"]
    assert before.marker.symbol != now.marker.symbol, "never colour alone"
    text = patterns_summary(PatternResult(3.0, 3.0, "settled"), earlier, S)
    assert "3.0 on the Avoider scale and 3.0 on the Pursuer scale" in text
    assert "“leaning neither way”" in text
    assert "Your earlier saved results: 01 Nov 2026: 5.0 on the Avoider scale" in text
    assert "08 Nov 2026: 4.5 on the Avoider scale and 3.0 on the Pursuer scale (leaning Avoider)" in text


def test_an_empty_quadrant_chart_says_what_to_do():
    fig = go.Figure(patterns_figure(None, [], S))
    assert not fig.data
    assert any("See where I sit" in t for t in _annotations(fig))
    assert patterns_summary(None, [], S).startswith("No result yet.")


def test_the_words_warn_when_a_score_is_near_the_middle():
    text = patterns_summary(PatternResult(4.33, 2.0, "leaning_avoider"), [], S)
    assert "Your Avoider score is close to the middle" in text
    both = patterns_summary(PatternResult(4.33, 3.67, "leaning_avoider"), [], S)
    assert "Your Avoider and Pursuer scores are close to the middle" in both
    assert "close to the middle" not in patterns_summary(PatternResult(6, 2, "leaning_avoider"), [], S)


def test_loop_chart_mirrors_pulling_back_below_the_calm_line():
    run = pursue_withdraw(8, 8)
    fig = go.Figure(pursue_withdraw_figure(run))
    reach, pull = fig.data
    assert reach.name == "Reaching out (you)" and pull.name == "Pulling back (them)"
    assert list(reach.y) == list(run.pursue)
    assert list(pull.y) == [-v for v in run.withdraw]
    assert list(pull.customdata) == list(run.withdraw), "hover shows the real strength"
    assert reach.line.dash != pull.line.dash and reach.marker.symbol != pull.marker.symbol
    assert "⚠ escalating" in fig.layout.title.text
    words = " ".join(_annotations(fig))
    assert "reaching out" in words and "pulling back" in words


def test_loop_chart_names_follow_the_learners_side():
    fig = go.Figure(pursue_withdraw_figure(pursue_withdraw(8, 8, 8, role="withdraw")))
    assert [t.name for t in fig.data] == ["Reaching out (them)", "Pulling back (you)"]
    assert "✓ settling" in fig.layout.title.text


def test_two_sentences_say_what_the_learner_is_seeing():
    cases = {
        (8, 8, 0): (
            "The loop is escalating",
            "by round 8 you are both at full stretch",
            "Nothing has changed",
        ),
        (8, 8, 3): ("The loop is escalating", "still building at round 12", "Your change softens your side"),
        (8, 8, 8): ("The loop is settling", "back near calm", "In this toy, your change calms the loop"),
        (8, 8, 5): ("The loop is settling", "still easing off at round 12", "may need both sides to change"),
        (3, 3, 0): ("The loop is settling", "back near calm", "cannot build up speed"),
        (6, 6, 0): ("The loop is holding steady", "neither lets go", "A small change from either"),
        (6, 6, 2): ("The loop is settling", "", "would otherwise hold steady"),
    }
    for args, phrases in cases.items():
        text = pursue_withdraw_summary(pursue_withdraw(*args))
        assert _sentences(text) == 2, text
        for phrase in phrases:
            assert phrase in text, (args, text)


def test_the_loop_words_never_say_one_person_alone_can_fix_it():
    for mine in range(0, 11, 2):
        for theirs in range(0, 11, 2):
            for change in range(0, 11, 2):
                for role in ("pursue", "withdraw"):
                    run = pursue_withdraw(mine, theirs, change, role=role)
                    text = pursue_withdraw_summary(run)
                    assert "alone is enough" not in text and "break the loop" not in text
                    if run.trend == "settling" and run.trend_without_change == "escalating":
                        assert "some loops should simply be left" in text
