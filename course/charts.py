"""Plotly figure builders: plain data in, ``go.Figure`` out, plus the same story in words.

Each chart has a text summary beside it, so no one depends on seeing the chart, and
nothing relies on colour alone: traces also differ by marker symbol and line dash.
The palette is Okabe-Ito, which stays distinct for the common kinds of colour blindness.
Every figure the course shows uses ``CHART_CONFIG``, which removes plotly's "Share
chart" button: that button uploads the chart to an online service.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import marble
from .closeness import Person, placements
from .content import ClosenessSettings, Module, Scale
from .journal import CheckIn

# Okabe & Ito (2008), colour-blind-safe.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "star", "x", "cross", "pentagon")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")

CHART_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "modeBarButtonsToRemove": ["sendDataToCloud", "sendChartToCloud", "select2d", "lasso2d"],
    "responsive": True,
}

_FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 14}


def _base_layout(title: str, height: int = 400) -> dict[str, Any]:
    return {
        "title": {"text": title, "x": 0.02, "xanchor": "left"},
        "template": "plotly_white",
        "font": _FONT,
        "height": height,
        "margin": {"l": 60, "r": 30, "t": 60, "b": 60},
        "legend": {"orientation": "h", "y": -0.2},
    }


def _empty(fig: go.Figure, message: str) -> go.Figure:
    fig.add_annotation(
        text=message, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5, font={"size": 16}
    )
    return fig


# --------------------------------------------------------------------------------------
# Check-ins
# --------------------------------------------------------------------------------------


def checkin_figure(checkins: Sequence[CheckIn], scales: Sequence[Scale]) -> go.Figure:
    """Each scale over time: one line per scale, told apart by colour, symbol and dash."""
    layout = _base_layout("Your check-ins over time")
    layout["yaxis"] = {"range": [-0.5, 10.5], "dtick": 2, "title": {"text": "0 = low, 10 = high"}}
    layout["xaxis"] = {"title": {"text": "When you checked in"}}
    fig = go.Figure(layout=layout)
    if not checkins:
        return _empty(fig, "No check-ins yet: your first one will appear here.")
    times = [c.created_at for c in checkins]
    mode = "lines+markers" if len(checkins) > 1 else "markers"
    for i, scale in enumerate(scales):
        values = [c.scores.get(scale.id) for c in checkins]
        fig.add_trace(
            go.Scatter(
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
    when = _day(last.created_at)
    if len(checkins) == 1:
        head = f"You have one check-in, from {when}."
    else:
        head = f"You have {len(checkins)} check-ins, from {_day(first.created_at)} to {when}."
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


def _day(moment: datetime) -> str:
    return moment.astimezone().strftime("%d %b %Y")


# --------------------------------------------------------------------------------------
# The closeness map
# --------------------------------------------------------------------------------------


def closeness_figure(people: Iterable[Person], settings: ClosenessSettings) -> go.Figure:
    """You at the centre, people on rings: the closer they feel, the nearer the middle."""
    ticks = (8, 6, 4, 2, 0)  # 10 would sit on top of "you"
    layout = _base_layout("Your closeness map: the nearer the centre, the closer", height=500)
    layout["polar"] = {
        "radialaxis": {
            "range": [0, 11],
            "tickvals": [10.5 - t for t in ticks],
            "ticktext": [str(t) for t in ticks],
            "angle": 90,
            "tickangle": 90,
        },
        "angularaxis": {"showticklabels": False, "ticks": ""},
    }
    layout["legend"] = {"orientation": "h", "y": -0.08}
    fig = go.Figure(layout=layout)
    fig.add_trace(
        go.Scatterpolar(
            r=[0],
            theta=[0],
            mode="markers+text",
            text=["you"],
            textposition="middle center",
            marker={"size": 34, "color": "#FFFFFF", "line": {"color": "#000000", "width": 2}},
            name="You",
            hoverinfo="skip",
            showlegend=False,
        )
    )
    placed = placements(people, settings)
    for i, kind in enumerate(settings.kinds):
        mine = [(p, r, t) for p, r, t in placed if p.kind == kind.id]
        if not mine:
            continue
        fig.add_trace(
            go.Scatterpolar(
                r=[r for _, r, _ in mine],
                theta=[t for _, _, t in mine],
                mode="markers+text",
                text=[p.name for p, _, _ in mine],
                textposition="top center",
                name=kind.label,
                marker={
                    "symbol": kind.symbol,
                    "size": 16,
                    "color": PALETTE[i % len(PALETTE)],
                    "line": {"color": "#000000", "width": 1},
                },
                customdata=[[p.closeness, settings.sharing_choice(p.sharing).label] for p, _, _ in mine],
                hovertemplate=(
                    "%{text} (" + kind.label.lower() + ")<br>closeness %{customdata[0]} of 10"
                    "<br>%{customdata[1]}<extra></extra>"
                ),
            )
        )
    if not placed:
        _empty(fig, "Add someone to see them on your map.")
    return fig


# --------------------------------------------------------------------------------------
# The marble on the pane of glass (module 06)
# --------------------------------------------------------------------------------------

_BANDS = ((marble.CLOSE, "close"), (marble.FAR, "middle"), (marble.EDGE, "near the edge"))


def marble_figure(run: marble.Run) -> go.Figure:
    """The marble's path on the pane seen from above, and its distance from the centre by round.

    The centre is the closest place; rings mark the close, middle and edge zones. The
    start and the marble's last position carry their own symbols and words.
    """
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.45, 0.55],
        horizontal_spacing=0.12,
        subplot_titles=("The pane from above (centre = closest)", "Distance from the centre, by round"),
    )
    layout = _base_layout("The marble on the pane of glass", height=460)
    layout["showlegend"] = True
    layout["legend"] = {"orientation": "h", "y": -0.18}
    fig.update_layout(**layout)
    edge = marble.EDGE
    for radius, word in _BANDS:
        fig.add_shape(
            type="circle",
            x0=-radius,
            y0=-radius,
            x1=radius,
            y1=radius,
            line={
                "color": "#555555" if radius == edge else "#999999",
                "dash": "solid" if radius == edge else "dot",
            },
            fillcolor="rgba(0,158,115,0.10)" if radius == marble.CLOSE else None,
            layer="below",
            row=1,
            col=1,
        )
        fig.add_shape(
            type="line",
            x0=0,
            x1=1,
            xref="x2 domain",
            y0=radius,
            y1=radius,
            yref="y2",
            line={
                "color": "#555555" if radius == edge else "#999999",
                "dash": "solid" if radius == edge else "dot",
            },
            layer="below",
        )
        fig.add_annotation(
            text=word,
            x=1,
            xref="x2 domain",
            xanchor="right",
            y=radius - 0.2,
            yref="y2",
            yanchor="top",
            showarrow=False,
            font={"size": 12, "color": "#444444"},
        )
    fig.add_annotation(
        text="centre", x=0, y=-0.9, xref="x", yref="y", showarrow=False, font={"size": 12, "color": "#444444"}
    )
    xs, ys = marble.path(run)
    rounds = list(range(len(run.distances)))
    hover = "Round %{customdata}: %{text} from the centre<extra></extra>"
    words = [f"{d:.1f}" for d in run.distances]
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines+markers",
            name="The marble's path",
            line={"color": PALETTE[0], "width": 2.5, "dash": DASHES[0]},
            marker={"symbol": SYMBOLS[0], "size": 7, "color": PALETTE[0]},
            customdata=rounds,
            text=words,
            hovertemplate=hover,
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=rounds,
            y=list(run.distances),
            mode="lines+markers",
            name="Distance from the centre",
            line={"color": PALETTE[0], "width": 2.5, "dash": DASHES[0]},
            marker={"symbol": SYMBOLS[0], "size": 7, "color": PALETTE[0]},
            customdata=rounds,
            text=words,
            hovertemplate=hover,
            showlegend=False,
        ),
        row=1,
        col=2,
    )
    fig.add_trace(
        go.Scatter(
            x=[xs[0]],
            y=[ys[0]],
            mode="markers+text",
            name="Start",
            text=["start"],
            textposition="top center",
            marker={"symbol": "circle-open", "size": 16, "color": "#000000", "line": {"width": 2}},
            hoverinfo="skip",
        ),
        row=1,
        col=1,
    )
    fell = run.fell_at is not None
    end_word = f"off the edge (round {run.fell_at})" if fell else f"round {run.rounds}"
    fig.add_trace(
        go.Scatter(
            x=[xs[-1]],
            y=[ys[-1]],
            mode="markers+text",
            name="Fell off the edge" if fell else "Where the marble ends",
            text=[end_word],
            textposition="bottom center",
            marker={
                "symbol": "x" if fell else "circle",
                "size": 20,
                "color": PALETTE[1],
                "line": {"color": "#000000", "width": 1.5},
            },
            hoverinfo="skip",
        ),
        row=1,
        col=1,
    )
    span = edge + 1.5
    fig.update_xaxes(range=[-span, span], visible=False, row=1, col=1)
    fig.update_yaxes(range=[-span, span], visible=False, scaleanchor="x", scaleratio=1, row=1, col=1)
    fig.update_xaxes(
        title_text="Round", range=[-0.5, max(run.rounds, marble.ROUNDS) + 0.5], dtick=2, row=1, col=2
    )
    fig.update_yaxes(
        title_text="0 = centre (closest), 10 = edge",
        range=[-0.3, edge + 0.5],
        tickvals=[0, marble.CLOSE, marble.FAR, edge],
        row=1,
        col=2,
    )
    return fig


# --------------------------------------------------------------------------------------
# Progress through the modules (module 07)
# --------------------------------------------------------------------------------------

_PROGRESS_STYLE = {
    "completed": ("✓ Finished", "✓ finished", PALETTE[2], ""),
    "started": ("◐ Started", "◐ started", PALETTE[4], "/"),
    "not started": ("○ Not started yet", "○ not yet", "#F4F4F4", ""),
}


def progress_figure(modules: Sequence[Module], status: dict[str, str]) -> go.Figure:
    """One bar per module, as long as its reading time; status shown by fill, pattern and words."""
    layout = _base_layout("Your progress through the course", height=max(300, 70 + 42 * len(modules)))
    layout["xaxis"] = {"title": {"text": "About how many minutes each module takes"}, "rangemode": "tozero"}
    layout["yaxis"] = {"autorange": "reversed", "automargin": True}
    layout["barmode"] = "overlay"
    layout["margin"] = {"l": 20, "r": 30, "t": 60, "b": 60}
    fig = go.Figure(layout=layout)
    if not modules:
        return _empty(fig, "The course lists no modules.")
    names = [f"{m.number}. {m.title}" for m in modules]
    for state, (name, word, colour, shape) in _PROGRESS_STYLE.items():
        rows = [
            (n, m) for n, m in zip(names, modules, strict=True) if status.get(m.id, "not started") == state
        ]
        if not rows:
            continue
        fig.add_trace(
            go.Bar(
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
    fig.update_yaxes(categoryorder="array", categoryarray=names)
    return fig
