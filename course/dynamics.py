"""Small simulations the course uses to think with. Pure and deterministic.

These are toys for reflection, not predictions about any real relationship: a few
lines of arithmetic that make a pattern visible, so a learner can try changes safely.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# --------------------------------------------------------------------------------------
# Module 03: the pursue-withdraw loop
# --------------------------------------------------------------------------------------
#
# Two people, one who mostly reaches out (pursues) and one who mostly steps back
# (withdraws). Each round, each person's move is a number from 0 (calm) to 10 (full
# stretch: chasing as hard as they can, or as far away as they can get):
#
#     pursue[t+1]   = min(10, CARRY_OVER * pursue[t]   + k_pursuer   * withdraw[t])
#     withdraw[t+1] = min(10, CARRY_OVER * withdraw[t] + k_withdrawer * pursue[t])
#
# Part of each person's last move carries over (CARRY_OVER), and the rest is a response
# to the other's last move: the more one withdraws, the harder the other pursues, and
# the harder one pursues, the further the other withdraws. A sensitivity slider from 0
# to 10 sets k = sensitivity / 10. "What I change in how I respond" (0 to 10) scales the
# learner's own k down by (1 - change / 10): pausing, saying what you feel once, staying
# kind instead of answering the other's move with a bigger one of your own.
#
# Without the ceiling this is a linear system whose growth per round is
# CARRY_OVER + sqrt(k_pursuer * k_withdrawer), its largest eigenvalue. Above 1 the loop
# escalates until both are at full stretch; below 1 it settles back towards calm. So the
# loop escalates only when both react strongly, and either person reacting less can
# settle it.

CARRY_OVER = 0.4
LEVEL_MAX = 10.0
START_PURSUE, START_WITHDRAW = 3.0, 2.0  # a moment of distance has just begun
CALM = 1.0  # both below this: back near calm
ROUNDS = 12
ROLES = ("pursue", "withdraw")
_STEADY = 0.01  # growth within this of 1 neither escalates nor settles


@dataclass(frozen=True)
class LoopRun:
    """One run of the loop, round 0 to ``rounds``, with what it shows."""

    pursue: tuple[float, ...]
    withdraw: tuple[float, ...]
    role: str  # which side the learner plays: "pursue" or "withdraw"
    my_sensitivity: int
    their_sensitivity: int
    my_change: int
    growth: float  # per round, before the ceiling: > 1 escalates, < 1 settles
    trend: str  # "escalating", "settling" or "steady"
    trend_without_change: str  # what the same two people would do if I changed nothing

    @property
    def rounds(self) -> int:
        return len(self.pursue) - 1

    def _first(self, test: Callable[[float, float], bool]) -> int | None:
        pairs = enumerate(zip(self.pursue, self.withdraw, strict=True))
        return next((t for t, (p, w) in pairs if test(p, w)), None)

    @property
    def full_stretch_round(self) -> int | None:
        """The first round in which both are at full stretch, if any."""
        return self._first(lambda p, w: min(p, w) >= LEVEL_MAX)

    @property
    def calm_round(self) -> int | None:
        """The first round in which both are back near calm, if any."""
        return self._first(lambda p, w: max(p, w) < CALM)


def _level(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what} must be a whole number from 0 to 10, got {value!r}.")
    if not 0 <= value <= 10:
        raise ValueError(f"{what} must be from 0 to 10, got {value}.")
    return value


def _growth(k_pursuer: float, k_withdrawer: float) -> float:
    return CARRY_OVER + math.sqrt(k_pursuer * k_withdrawer)


def _trend(growth: float) -> str:
    if growth > 1 + _STEADY:
        return "escalating"
    if growth < 1 - _STEADY:
        return "settling"
    return "steady"


def pursue_withdraw(
    my_sensitivity: int,
    their_sensitivity: int,
    my_change: int = 0,
    role: str = "pursue",
    rounds: int = ROUNDS,
) -> LoopRun:
    """Run the pursue-withdraw loop (see the comment above) for ``rounds`` rounds.

    ``role`` is the learner's side of the loop; ``my_change`` softens only the learner's
    own response, because that is the part anyone can change.
    """
    mine = _level(my_sensitivity, "How strongly you react")
    theirs = _level(their_sensitivity, "How strongly they react")
    change = _level(my_change, "What you change in how you respond")
    if role not in ROLES:
        raise ValueError(f"The role must be 'pursue' or 'withdraw', got {role!r}.")
    if isinstance(rounds, bool) or not isinstance(rounds, int) or not 1 <= rounds <= 200:
        raise ValueError(f"The number of rounds must be a whole number from 1 to 200, got {rounds!r}.")
    k_me = mine / 10 * (1 - change / 10)
    k_them = theirs / 10
    k_pursuer, k_withdrawer = (k_me, k_them) if role == "pursue" else (k_them, k_me)
    pursue, withdraw = [START_PURSUE], [START_WITHDRAW]
    for _ in range(rounds):
        p, w = pursue[-1], withdraw[-1]
        pursue.append(min(LEVEL_MAX, CARRY_OVER * p + k_pursuer * w))
        withdraw.append(min(LEVEL_MAX, CARRY_OVER * w + k_withdrawer * p))
    growth = _growth(k_pursuer, k_withdrawer)
    unchanged = _growth(mine / 10, theirs / 10)
    return LoopRun(
        pursue=tuple(round(v, 3) for v in pursue),
        withdraw=tuple(round(v, 3) for v in withdraw),
        role=role,
        my_sensitivity=mine,
        their_sensitivity=theirs,
        my_change=change,
        growth=round(growth, 4),
        trend=_trend(growth),
        trend_without_change=_trend(unchanged),
    )
