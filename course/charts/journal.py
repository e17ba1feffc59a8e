"""Charts of the learner's own check-ins and progress."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

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
    # The learner's own clock, as in the words beside the chart (plotly shows a date's wall time).
    times = [_local(c.created_at) for c in checkins]
    first, last = min(times), max(times)
    if last - first < timedelta(days=2):
        # One check-in (or a few on one day): plotly would zoom in to fractions of a second and
        # label the axis "04:14:38.3165". Show the days around them instead.
        middle = first + (last - first) / 2
        layout["xaxis"].update(
            range=[_plain(middle - timedelta(days=1.5)), _plain(middle + timedelta(days=1.5))],
            dtick=24 * 60 * 60 * 1000,
            tickformat="%d %b %Y",
        )
    else:
        layout["xaxis"]["tickformat"] = "%d %b %Y"
    mode = "lines+markers" if len(checkins) > 1 else "markers"
    for i, scale in enumerate(scales):
        values = [c.scores.get(scale.id) for c in checkins]
        fig["data"].append(
            base.trace(
                "scatter",
                x=[_plain(t) for t in times],
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


def _local(moment: datetime) -> datetime:
    return moment.astimezone().replace(tzinfo=None)


def _plain(moment: datetime) -> str:
    # ISO text, as the server's kernel would send a datetime: the figure stays plain JSON, which is
    # all the browser edition's kernel can send (it has no converter for datetimes).
    return moment.isoformat()


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
    "not started": ("○ Not started yet", "○ not yet", base.SURFACE, ""),
}


def progress_figure(modules: Sequence[Module], status: dict[str, str]) -> Figure:
    """One bar per module, as long as its reading time; status shown by fill, pattern and words."""
    # room for a name on two lines beside each bar (a phone-wide chart needs it)
    layout = base.base_layout("Your progress through the course", height=max(300, 70 + 52 * len(modules)))
    layout["xaxis"] = {"title": {"text": "Minutes to read"}, "rangemode": "tozero"}
    layout["yaxis"] = {"autorange": "reversed", "automargin": True}
    layout["barmode"] = "overlay"
    layout["margin"] = {"l": 20, "r": 30, "t": 50, "b": 60}
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
                # words on the coloured bars are black in any theme; on the empty bar, the page's ink
                textfont={"color": base.INK if state == "not started" else "#000000"},
                marker={
                    "color": colour,
                    "line": {"color": base.INK, "width": 1},
                    # the pattern's own background is the bar's colour (plotly leaves it clear)
                    "pattern": {"shape": shape, "fgcolor": "#333333", "bgcolor": colour, "solidity": 0.15},
                },
                hovertemplate="%{y}: %{text}, about %{x} minutes<extra></extra>",
            )
        )
    # keep the course order on the axis even when statuses interleave
    fig["layout"]["yaxis"].update(categoryorder="array", categoryarray=names)
    base.wrapped_ticks(fig["layout"]["yaxis"], names, width=20)
    return fig
