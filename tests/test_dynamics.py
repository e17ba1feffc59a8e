"""The pursue-withdraw model: escalates when both react strongly, settles when one softens."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from course import dynamics
from course.dynamics import CALM, LEVEL_MAX, pursue_withdraw


def test_escalates_when_both_partners_are_sensitive():
    run = pursue_withdraw(8, 8)
    assert run.trend == "escalating"
    assert run.growth > 1
    assert run.pursue[-1] == run.withdraw[-1] == LEVEL_MAX
    assert run.full_stretch_round is not None and run.full_stretch_round < run.rounds
    assert run.calm_round is None


@pytest.mark.parametrize("role", ["pursue", "withdraw"])
def test_settles_when_one_partner_dampens_their_response(role):
    run = pursue_withdraw(8, 8, my_change=8, role=role)
    assert run.trend == "settling"
    assert run.trend_without_change == "escalating"
    assert run.growth < 1
    assert run.calm_round is not None
    assert max(run.pursue[-1], run.withdraw[-1]) < CALM
    assert run.pursue[-1] + run.withdraw[-1] < run.pursue[0] + run.withdraw[0]


def test_settles_when_the_other_partner_reacts_only_lightly():
    run = pursue_withdraw(8, 2)
    assert run.trend == run.trend_without_change == "settling"


def test_the_change_softens_only_my_side():
    """As the pursuer, my change lowers the pursuit's response; the withdrawer's stays."""
    base = pursue_withdraw(8, 8, 0, "pursue")
    changed = pursue_withdraw(8, 8, 10, "pursue")
    assert changed.pursue[1] < base.pursue[1]
    assert changed.withdraw[1] == base.withdraw[1], "their first response is to my unchanged start"


def test_a_balanced_loop_holds_steady():
    run = pursue_withdraw(6, 6)  # growth exactly 1
    assert run.trend == "steady"
    assert run.pursue[-1] == pytest.approx(run.pursue[2], abs=0.05)


def test_the_run_has_the_requested_rounds_and_starts_from_a_moment_of_distance():
    run = pursue_withdraw(5, 5, rounds=20)
    assert run.rounds == 20
    assert len(run.pursue) == len(run.withdraw) == 21
    assert (run.pursue[0], run.withdraw[0]) == (dynamics.START_PURSUE, dynamics.START_WITHDRAW)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"my_sensitivity": 11, "their_sensitivity": 5},
            "How strongly you react must be from 0 to 10, got 11",
        ),
        ({"my_sensitivity": 5, "their_sensitivity": -1}, "How strongly they react must be from 0 to 10"),
        ({"my_sensitivity": 5.5, "their_sensitivity": 5}, "whole number from 0 to 10, got 5.5"),
        ({"my_sensitivity": True, "their_sensitivity": 5}, "whole number from 0 to 10, got True"),
        ({"my_sensitivity": 5, "their_sensitivity": 5, "my_change": "a lot"}, "What you change"),
        (
            {"my_sensitivity": 5, "their_sensitivity": 5, "role": "both"},
            "role must be 'pursue' or 'withdraw'",
        ),
        ({"my_sensitivity": 5, "their_sensitivity": 5, "rounds": 0}, "number of rounds must be"),
    ],
)
def test_bad_settings_get_a_clear_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        pursue_withdraw(**kwargs)


level = st.integers(min_value=0, max_value=10)


@given(level, level, level, st.sampled_from(dynamics.ROLES))
def test_moves_always_stay_between_calm_and_full_stretch(mine, theirs, change, role):
    run = pursue_withdraw(mine, theirs, change, role)
    assert all(0 <= v <= LEVEL_MAX for v in run.pursue + run.withdraw)
    assert run.trend in ("escalating", "settling", "steady")


@given(level, level, st.sampled_from(dynamics.ROLES))
def test_changing_more_never_makes_the_loop_worse(mine, theirs, role):
    runs = [pursue_withdraw(mine, theirs, c, role) for c in range(11)]
    totals = [sum(run.pursue) + sum(run.withdraw) for run in runs]
    assert all(a >= b - 1e-9 for a, b in itertools.pairwise(totals))


@given(level, level)
def test_a_full_change_always_settles(mine, theirs):
    assert pursue_withdraw(mine, theirs, 10).trend == "settling"
