"""The pacing chart (module 04): does closeness keep pace with how well two people know each other?

Healthy closeness grows alongside knowing someone. Two curves over the first months of a
relationship, "how well you know each other" and "how much you share", each start
somewhere on a 0-10 scale and grow at some pace. Where sharing sits more than a
tolerance above knowing, closeness runs ahead (you are trusting before you have seen
how they respond); more than the tolerance below, it lags behind (you know each other
but keep your inner life out of it); otherwise it keeps pace. Pure: no widgets, no plots.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import schema
from .schema import DATA_DIR

CURVES = ("knowing", "sharing")
VERDICTS = ("behind", "pace", "ahead")


@dataclass(frozen=True)
class PacingCurve:
    id: str = schema.ident()
    label: str = schema.text()
    start_label: str = schema.text()
    pace_label: str = schema.text()
    start: int = schema.whole(0, 10)
    pace: int = schema.whole(0, 10)


@dataclass(frozen=True)
class PacingVerdict:
    id: str = schema.ident()
    symbol: str = schema.text()
    label: str = schema.text()
    meaning: str = schema.text()

    @property
    def tag(self) -> str:
        return f"{self.symbol} {self.label}"


@dataclass(frozen=True)
class PacingSettings:
    """pacing.yaml: the chart's months, how close counts as "in step", the curves and verdicts."""

    months: int = schema.whole(1, 60)
    tolerance: float = schema.number(0.1, 5)
    curves: tuple[PacingCurve, ...] = schema.entries(PacingCurve, "curve", ids=CURVES, ordered=True)
    verdicts: tuple[PacingVerdict, ...] = schema.entries(PacingVerdict, "verdict", ids=VERDICTS, ordered=True)

    def curve(self, curve_id: str) -> PacingCurve:
        return schema.by_id(self.curves, curve_id, "pacing curve")

    def verdict(self, verdict_id: str) -> PacingVerdict:
        return schema.by_id(self.verdicts, verdict_id, "pacing verdict")


def load_settings(data_dir: Path = DATA_DIR) -> PacingSettings:
    return schema.load("pacing.yaml", PacingSettings, data_dir)


def settings() -> PacingSettings:
    return schema.cached(load_settings)


SCALE_MIN, SCALE_MAX = 0, 10
STEPS_PER_MONTH = 2
# Pace 0 keeps a curve flat; pace 10 gets most of the way to the top within three months.
RATE_PER_PACE = 0.08


def _level(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what} must be a whole number from {SCALE_MIN} to {SCALE_MAX}, got {value!r}.")
    if not SCALE_MIN <= value <= SCALE_MAX:
        raise ValueError(f"{what} must be from {SCALE_MIN} to {SCALE_MAX}, got {value}.")
    return value


def times(months: int) -> list[float]:
    """Half-month steps from 0 to ``months``: the chart's x axis."""
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise ValueError(f"The chart needs a whole number of months (1 or more), got {months!r}.")
    return [i / STEPS_PER_MONTH for i in range(months * STEPS_PER_MONTH + 1)]


def curve(start: int, pace: int, months: int) -> list[float]:
    """A curve that starts at ``start`` and rises towards 10 faster the higher ``pace`` is.

    Growth slows as it nears the top, as getting to know someone does: the first months
    teach you a lot, later ones fill in detail.
    """
    start = _level(start, "The starting level")
    pace = _level(pace, "The pace")
    rate = pace * RATE_PER_PACE
    return [round(start + (SCALE_MAX - start) * (1 - math.exp(-rate * t)), 3) for t in times(months)]


def classify_gap(gap: float, tolerance: float) -> str:
    """'ahead' if sharing exceeds knowing by more than ``tolerance``, 'behind' if it falls
    short by more than that, else 'pace'. A gap of exactly the tolerance still keeps pace."""
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or not tolerance > 0:
        raise ValueError(f"The tolerance must be a positive number, got {tolerance!r}.")
    if isinstance(gap, bool) or not isinstance(gap, (int, float)) or math.isnan(gap):
        raise ValueError(f"The gap must be a number, got {gap!r}.")
    if gap > tolerance:
        return "ahead"
    if gap < -tolerance:
        return "behind"
    return "pace"


@dataclass(frozen=True)
class Span:
    """A stretch of time with one verdict, from ``start`` to ``end`` (months)."""

    verdict: str
    start: float
    end: float


@dataclass(frozen=True)
class Assessment:
    verdict: str
    peak_ahead: float
    peak_behind: float
    spans: tuple[Span, ...]
    final_knowing: float
    final_sharing: float


def _series(values: Sequence[float], what: str) -> list[float]:
    out = []
    for v in values:
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not SCALE_MIN <= v <= SCALE_MAX:
            raise ValueError(f"Every point of {what} must be a number from 0 to 10, got {v!r}.")
        out.append(float(v))
    return out


def assess(
    knowing: Sequence[float], sharing: Sequence[float], at: Sequence[float], tolerance: float
) -> Assessment:
    """The overall verdict and the stretches of time behind it.

    Overall, the bigger departure wins: if sharing ever runs ahead by more than the
    tolerance and that is the larger gap, the verdict is "ahead" (a tie also counts as
    ahead, since trusting too soon is the riskier of the two); if it only ever lags, or
    lags by more, "behind"; if it never leaves the band, "pace".
    """
    k, s = _series(knowing, "how well you know each other"), _series(sharing, "how much you share")
    if not k or len(k) != len(s) or len(at) != len(k):
        raise ValueError("Both curves need the same number of points as the time axis, and at least one.")
    gaps = [b - a for a, b in zip(k, s, strict=True)]
    peak_ahead = max(0.0, max(gaps))
    peak_behind = max(0.0, -min(gaps))
    if peak_ahead <= tolerance and peak_behind <= tolerance:
        overall = "pace"
    elif peak_ahead >= peak_behind:
        overall = "ahead"
    else:
        overall = "behind"
    spans: list[Span] = []
    for t, gap in zip(at, gaps, strict=True):
        here = classify_gap(gap, tolerance)
        if spans and spans[-1].verdict == here:
            spans[-1] = Span(here, spans[-1].start, t)
        else:
            spans.append(Span(here, t, t))
    return Assessment(overall, round(peak_ahead, 2), round(peak_behind, 2), tuple(spans), k[-1], s[-1])


def _when(span: Span) -> str:
    if span.start == span.end:
        return f"at month {span.start:g}"
    return f"from month {span.start:g} to month {span.end:g}"


def describe(result: Assessment, settings: PacingSettings) -> str:
    """The chart in words: the verdict, then when each stretch happens and how far apart
    the curves get. (What the verdict means is in ``settings``, shown beside it.)"""
    lines = [f"{settings.verdict(result.verdict).tag}."]
    words = {
        "ahead": "sharing runs ahead of knowing",
        "behind": "sharing lags behind knowing",
        "pace": "the two keep pace",
    }
    if len(result.spans) == 1:
        lines.append(f"This holds for all {result.spans[0].end:g} months on the chart.")
    else:
        parts = [f"{_when(sp)}, {words[sp.verdict]}" for sp in result.spans]
        lines.append("Over time: " + "; ".join(parts) + ".")
    if result.peak_ahead > settings.tolerance:
        lines.append(f"At most, sharing is {result.peak_ahead:g} points ahead of knowing.")
    if result.peak_behind > settings.tolerance:
        lines.append(f"At most, sharing is {result.peak_behind:g} points behind knowing.")
    lines.append(
        f"At the end you know each other {result.final_knowing:.1f} of 10 and share "
        f"{result.final_sharing:.1f} of 10."
    )
    return " ".join(lines)
