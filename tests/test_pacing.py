"""The pacing chart's logic (module 04): curves, and the classification at its boundaries."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from course import pacing
from course.pacing import Span, assess, classify_gap, curve, describe, times

S = pacing.settings()
TOL = 1.5


@pytest.mark.parametrize(
    ("gap", "expected"),
    [
        (0, "pace"),
        (1.5, "pace"),
        (-1.5, "pace"),
        (1.4999, "pace"),
        (-1.4999, "pace"),
        (1.5001, "ahead"),
        (math.nextafter(1.5, 2), "ahead"),
        (-1.5001, "behind"),
        (math.nextafter(-1.5, -2), "behind"),
        (10, "ahead"),
        (-10, "behind"),
    ],
)
def test_classify_gap_at_its_boundaries(gap, expected):
    """Exactly the tolerance still keeps pace; the smallest step beyond it does not."""
    assert classify_gap(gap, TOL) == expected


@pytest.mark.parametrize("tolerance", [0, -1, True, "1.5", None, float("nan")])
def test_classify_gap_refuses_a_bad_tolerance(tolerance):
    with pytest.raises(ValueError, match="tolerance must be a positive number"):
        classify_gap(0.5, tolerance)


@pytest.mark.parametrize("gap", [None, "1", True, float("nan")])
def test_classify_gap_refuses_a_bad_gap(gap):
    with pytest.raises(ValueError, match="gap must be a number"):
        classify_gap(gap, TOL)


def _flat(level: float, n: int = 5) -> list[float]:
    return [level] * n


AT = [0, 1, 2, 3, 4]


@pytest.mark.parametrize(
    ("sharing", "expected"),
    [
        (_flat(6.5), "pace"),
        (_flat(3.5), "pace"),
        (_flat(6.51), "ahead"),
        (_flat(3.49), "behind"),
        (_flat(5), "pace"),
    ],
)
def test_assess_at_the_edges_of_the_band(sharing, expected):
    assert assess(_flat(5), sharing, AT, TOL).verdict == expected


def test_the_bigger_departure_wins_and_a_tie_counts_as_running_ahead():
    knowing = _flat(5)
    assert assess(knowing, [8, 5, 5, 5, 3], AT, TOL).verdict == "ahead"  # +3 beats -2
    assert assess(knowing, [7, 5, 5, 5, 2], AT, TOL).verdict == "behind"  # -3 beats +2
    tie = assess(knowing, [8, 5, 5, 5, 2], AT, TOL)
    assert tie.verdict == "ahead"
    assert (tie.peak_ahead, tie.peak_behind) == (3, 3)


def test_assess_reports_the_stretches_of_time():
    result = assess(_flat(5), [9, 8, 5, 5, 2], AT, TOL)
    assert result.spans == (Span("ahead", 0, 1), Span("pace", 2, 3), Span("behind", 4, 4))
    assert (result.final_knowing, result.final_sharing) == (5, 2)


def test_assess_refuses_curves_that_do_not_fit():
    with pytest.raises(ValueError, match="same number of points"):
        assess([1, 2], [1], [0, 1], TOL)
    with pytest.raises(ValueError, match="same number of points"):
        assess([], [], [], TOL)
    with pytest.raises(ValueError, match="must be a number from 0 to 10"):
        assess([1, 11], [1, 2], [0, 1], TOL)
    with pytest.raises(ValueError, match="how much you share"):
        assess([1, 2], [1, "2"], [0, 1], TOL)


def test_times_are_half_months():
    at = times(12)
    assert at[0] == 0 and at[-1] == 12 and len(at) == 25
    for bad in (0, -3, 2.5, True, "12"):
        with pytest.raises(ValueError, match="whole number of months"):
            times(bad)


def test_curves_start_where_asked_and_pace_zero_stays_flat():
    assert curve(3, 0, 12) == [3.0] * 25
    fast, slow = curve(0, 10, 12), curve(0, 2, 12)
    assert fast[0] == slow[0] == 0
    assert fast[6] > slow[6]  # after three months
    assert fast[-1] > 9.9


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((11, 5, 12), "starting level must be from 0 to 10, got 11"),
        ((-1, 5, 12), "starting level must be from 0 to 10"),
        ((2, 10.5, 12), "pace must be a whole number"),
        ((2, None, 12), "pace must be a whole number"),
        ((True, 5, 12), "starting level must be a whole number"),
    ],
)
def test_curve_refuses_bad_settings(args, message):
    with pytest.raises(ValueError, match=message):
        curve(*args)


@given(st.integers(0, 10), st.integers(0, 10))
def test_every_curve_rises_and_stays_on_the_scale(start, pace):
    values = curve(start, pace, 12)
    assert values[0] == start
    assert all(0 <= v <= 10 for v in values)
    assert all(b >= a for a, b in itertools.pairwise(values))


@given(st.integers(0, 10), st.integers(0, 10), st.integers(0, 10), st.integers(0, 10))
def test_the_verdict_agrees_with_the_gaps(ks, kp, ss, sp):
    at = times(S.months)
    knowing, sharing = curve(ks, kp, S.months), curve(ss, sp, S.months)
    result = assess(knowing, sharing, at, S.tolerance)
    gaps = [s - k for k, s in zip(knowing, sharing, strict=True)]
    if all(abs(g) <= S.tolerance for g in gaps):
        assert result.verdict == "pace"
    else:
        assert result.verdict in ("ahead", "behind")
        assert result.verdict in {sp.verdict for sp in result.spans}
    assert result.spans[0].start == 0 and result.spans[-1].end == S.months


def test_default_settings_keep_pace():
    knowing, sharing = (curve(c.start, c.pace, S.months) for c in S.curves)
    assert assess(knowing, sharing, times(S.months), S.tolerance).verdict == "pace"


def test_describe_tells_the_story_in_words():
    text = describe(assess(_flat(5), [9, 8, 5, 5, 2], AT, TOL), S)
    assert text.startswith("▲ Closeness runs ahead.")
    assert "from month 0 to month 1, sharing runs ahead of knowing" in text
    assert "at month 4, sharing lags behind knowing" in text
    assert "At most, sharing is 4 points ahead" in text
    assert "At most, sharing is 3 points behind" in text
    steady = describe(assess(_flat(5), _flat(5), AT, TOL), S)
    assert steady.startswith("= Closeness keeps pace.") and "all 4 months" in steady


def test_every_verdict_has_words_and_a_symbol():
    assert [v.id for v in S.verdicts] == list(pacing.VERDICTS)
    assert len({v.symbol for v in S.verdicts}) == 3
    assert all(v.meaning and v.label for v in S.verdicts)
