"""The before-and-after measure as change: the first answer set against the latest, per group
and overall (bars), or every answer set over time once there are three or more (lines).

Colour is never the only signal: bars carry a fill pattern and their value as text, lines a
symbol and a dash of their own, and the legend names each one. A score with too few answers
behind it (None) is a gap: no bar, a break in the line; the words say "not enough answers"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ..measure import TOTAL, MeasureSettings, Take, before_and_after, change_in_words
from . import base
from .base import DASHES, PALETTE, SYMBOLS, Figure

PATTERNS = ("", "/", "x", ".")
TITLE = "Your before-and-after check"


def _axis(settings: MeasureSettings) -> dict:
    return {
        "range": [settings.low - 0.3, settings.high + 0.6],
        "tickvals": list(range(settings.low, settings.high + 1)),
        "title": {"text": f"{settings.low} = least at ease, {settings.high} = most"},
    }


def take_name(take: Take, first: bool, sep: str = ", ") -> str:
    """A name such as "Start, 30 Nov 2026" or "Latest (end), 21 Jan 2027" (the chart breaks it
    onto two lines: on a phone a one-line legend entry runs off the chart)."""
    word = {"start": "start", "end": "end", "weekly": "along the way"}[take.when]
    if first and take.when == "start":
        head = base.capital(word)
    else:
        head = f"{'First' if first else 'Latest'} ({word})"
    return f"{head}{sep}{base.day(take.at)}"


def measure_figure(takes: Sequence[Take], settings: MeasureSettings) -> Figure:
    """Bars for the first and latest answer sets (or one), lines once there are three or more."""
    layout = base.base_layout(TITLE, height=420)
    layout["yaxis"] = _axis(settings)
    fig = base.figure(layout)
    if not takes:
        return base.empty(fig, "No answers yet: your first answer set will appear here.")
    labels = [settings.label_of(k) for k in settings.keys]
    if len(takes) >= 3:
        return _over_time(fig, list(takes), settings)
    first, last = before_and_after(list(takes))
    shown = [t for t in (first, last) if t is not None]
    layout["barmode"] = "group"
    layout["xaxis"] = {"title": {"text": "Group of statements"}}
    base.wrapped_ticks(layout["xaxis"], labels, 14)
    for i, take in enumerate(shown):
        values = [take.result.score(k) for k in settings.keys]
        fig["data"].append(
            base.trace(
                "bar",
                x=labels,
                y=values,
                name=take_name(take, first=i == 0, sep="<br>"),
                marker={
                    "color": PALETTE[i],
                    "pattern": {"shape": PATTERNS[i], "fgcolor": base.ink(PALETTE[i]), "solidity": 0.3},
                    "line": {"color": base.INK, "width": 1},
                },
                # too few answers: no bar (a gap), and the words say "not enough answers"
                text=["" if v is None else f"{v:.1f}" for v in values],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{x}: %{y:.2f}<extra>%{fullData.name}</extra>",
            )
        )
    return fig


def _over_time(fig: Figure, takes: list[Take], settings: MeasureSettings) -> Figure:
    layout = fig["layout"]
    layout["xaxis"] = {"title": {"text": "When you answered"}, "tickformat": "%d %b %Y"}
    times = [_plain(t.at) for t in takes]
    for i, key in enumerate(settings.keys):
        total = key == TOTAL
        fig["data"].append(
            base.trace(
                "scatter",
                x=times,
                y=[t.result.score(key) for t in takes],
                name=settings.label_of(key),
                mode="lines+markers",
                line={
                    "color": base.INK if total else PALETTE[i % len(PALETTE)],
                    "dash": DASHES[i % len(DASHES)],
                    "width": 4 if total else 2.5,
                },
                marker={"symbol": SYMBOLS[i % len(SYMBOLS)], "size": 11 if total else 9},
                hovertemplate=f"{settings.label_of(key)}: %{{y:.2f}}<br>%{{x|%d %b %Y}}<extra></extra>",
            )
        )
    return fig


def _plain(moment: datetime) -> str:
    # ISO text on the learner's clock: the figure stays plain JSON (see charts.journal).
    return moment.astimezone().replace(tzinfo=None).isoformat()


def measure_summary(takes: Sequence[Take], settings: MeasureSettings) -> str:
    """The chart in words."""
    words = change_in_words(list(takes), settings)
    if len(takes) >= 3:
        words = f"The chart shows all {len(takes)} of your answer sets over time. " + words
    return words
