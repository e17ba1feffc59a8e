"""Charts of the learner's own check-ins and progress."""

from __future__ import annotations

from collections.abc import Sequence

from ..content import Module, Scale
from ..journal import CheckIn
from . import base
from .base import DASHES, PALETTE, SYMBOLS, Figure


def checkin_figure(checkins: Sequence[CheckIn], scales: Sequence[Scale]) -> Figure:
    """Each scale over time: one line per scale, told apart by colour, symbol and dash."""
    layout = base.base_layout("Your check-ins over time")
    layout["yaxis"] = {"range": [-0.5, 10.5], "dtick": 2, "title": {"text": "0 = low, 10 = high"}}
    layout["xaxis"] = {"title": {"text": "When you checked in"}}
    fig = base.figure(layout)
    if not checkins:
        return base.empty(fig, "No check-ins yet: your first one will appear here.")
    # ISO text, as the server's kernel would send the times: the figure is plain JSON, which is
    # all the browser edition's kernel can send (it has no converter for datetimes).
    times = [c.created_at.isoformat() for c in checkins]
    mode = "lines+markers" if len(checkins) > 1 else "markers"
    for i, scale in enumerate(scales):
        values = [c.scores.get(scale.id) for c in checkins]
        fig["data"].append(
            base.trace(
                "scatter",
                x=times,
                y=values,
                name=scale.label,
                mode=mode,
                connectgaps=False,
                line={"color": PALETTE[i % len(PALETTE)], "dash": DASHES[i % len(DASHES)], "width": 2.5},
                marker={"symbol": SYMBOLS[i % len(SYMBOLS)], "size": 10},
                hovertemplate=f"{scale.label}: %{{y}} of 10<br>%{{x|%d %b %Y, %H:%M}}<extra></extra>",
            )
        )
    return fig


def checkin_summary(checkins: Sequence[CheckIn], scales: Sequence[Scale]) -> str:
    """The check-in chart in words: how many, when, and how the latest compares with the first."""
    if not checkins:
        return "You have no check-ins yet. Move the sliders and press Save to add your first."
    first, last = checkins[0], checkins[-1]
    when = base.day(last.created_at)
    if len(checkins) == 1:
        head = f"You have one check-in, from {when}."
    else:
        head = f"You have {len(checkins)} check-ins, from {base.day(first.created_at)} to {when}."
    parts = []
    for scale in scales:
        now = last.scores.get(scale.id)
        if now is None:
            continue
        was = next((c.scores[scale.id] for c in checkins if scale.id in c.scores), None)
        if len(checkins) == 1 or was is None or was == now:
            change = "" if len(checkins) == 1 else ", the same as your first"
        else:
            change = f", {'up' if now > was else 'down'} from {was} in your first"
        parts.append(f"{scale.label} {now}{change}")
    return head + " Latest: " + "; ".join(parts) + "."


_PROGRESS_STYLE = {
    "completed": ("✓ Finished", "✓ finished", PALETTE[2], ""),
    "started": ("◐ Started", "◐ started", PALETTE[4], "/"),
    "not started": ("○ Not started yet", "○ not yet", "#F4F4F4", ""),
}


def progress_figure(modules: Sequence[Module], status: dict[str, str]) -> Figure:
    """One bar per module, as long as its reading time; status shown by fill, pattern and words."""
    layout = base.base_layout("Your progress through the course", height=max(300, 70 + 42 * len(modules)))
    layout["xaxis"] = {"title": {"text": "About how many minutes each module takes"}, "rangemode": "tozero"}
    layout["yaxis"] = {"autorange": "reversed", "automargin": True}
    layout["barmode"] = "overlay"
    layout["margin"] = {"l": 20, "r": 30, "t": 60, "b": 60}
    fig = base.figure(layout)
    if not modules:
        return base.empty(fig, "The course lists no modules.")
    names = [f"{m.number}. {m.title}" for m in modules]
    for state, (name, word, colour, shape) in _PROGRESS_STYLE.items():
        rows = [
            (n, m) for n, m in zip(names, modules, strict=True) if status.get(m.id, "not started") == state
        ]
        if not rows:
            continue
        fig["data"].append(
            base.trace(
                "bar",
                orientation="h",
                y=[n for n, _ in rows],
                x=[m.minutes for _, m in rows],
                name=name,
                text=[word] * len(rows),
                textposition="inside",
                insidetextanchor="start",
                textfont={"color": "#000000"},
                marker={
                    "color": colour,
                    "line": {"color": "#000000", "width": 1},
                    "pattern": {"shape": shape, "fgcolor": "#333333", "solidity": 0.15},
                },
                hovertemplate="%{y}: %{text}, about %{x} minutes<extra></extra>",
            )
        )
    # keep the course order on the axis even when statuses interleave
    fig["layout"]["yaxis"].update(categoryorder="array", categoryarray=names)
    return fig
